/**
 * The national defaults of the widget config: what a unit gets for every field that neither it
 * nor any unit above it sets. The server's effective config (GET /api/v1/units/:id/widget-config)
 * is built from these, so the configurator's "inherited" values, the embedded widget and the
 * server agree. A plain constant (no TypeBox): the widget and the console may import it.
 *
 * The period is 365 days because that is what the map has always shown by default; the
 * configurator's earlier "30 days" was a default no widget ever applied.
 */
import type { Lang } from './catalogue.js';
import type { TimeWindowDays, WidgetView } from './staff.js';

export interface WidgetConfigDefaults {
  defaultView: WidgetView;
  timeWindowDays: TimeWindowDays;
  defaultLang: Lang;
  /** `#rrggbb`, lowercase: the widget's own `--kmzb-accent` fallback. */
  accentColor: string;
  photosEnabled: boolean;
}

export const WIDGET_CONFIG_DEFAULTS: Readonly<WidgetConfigDefaults> = Object.freeze({
  defaultView: 'map',
  timeWindowDays: 365,
  defaultLang: 'pl',
  accentColor: '#0b3d91',
  photosEnabled: true,
});
