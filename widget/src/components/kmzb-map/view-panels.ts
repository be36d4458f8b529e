import { html, nothing } from 'lit';
import type OlMap from 'ol/Map.js';
import type { KmzbView } from '../../events.js';
import type { Translation } from '../../i18n/index.js';
import type { LazyPartsController } from './lazy-parts.js';

/** What the panel of the report form, the statistics and the tracking view is drawn from. */
export interface ViewPanelContext {
  view: KmzbView;
  t: Translation;
  lang: string;
  api: string | undefined;
  unit: string;
  parts: LazyPartsController;
  map: OlMap | undefined;
  /** The map's focusable viewport: the form drops its pin there with the keyboard. */
  viewport: HTMLElement | undefined;
  /** The report the tracking view shows, and its token. */
  tracked: { id: string | undefined; token: string | undefined };
  /** The `categories` the form offers, and whether the unit takes photos. */
  categories: string | undefined;
  photosEnabled: boolean;
  onStep: (event: Event) => void;
  onTrackOpen: (event: CustomEvent<{ id: string; token: string }>) => void;
  onReportClose: () => void;
}

/**
 * The panel of a view other than the map: the form, the statistics or the tracking view, each
 * once its chunk is loaded, or why it could not be (offline, a new deployment: reload).
 */
export function renderViewPanel(c: ViewPanelContext) {
  if (c.view === 'map') return nothing;
  if (c.parts.failed === c.view) {
    return html`<div class="part-failed" role="alert">
      <p>${c.t.status.partFailed}</p>
      <button type="button" part="retry" @click=${() => location.reload()}>${c.t.status.reload}</button>
    </div>`;
  }
  if (!c.parts.has(c.view)) return nothing;
  switch (c.view) {
    case 'track':
      return html`<kmzb-report-track class="track" part="track" lang=${c.lang} .api=${c.api} .report=${c.tracked.id} .token=${c.tracked.token}></kmzb-report-track>`;
    case 'stats':
      return html`<kmzb-stats-view class="stats-view" part="stats" lang=${c.lang} .api=${c.api} .unit=${c.unit} .map=${c.map}></kmzb-stats-view>`;
    case 'report':
      return html`<kmzb-report-form
        class="form"
        part="report-form"
        lang=${c.lang}
        .api=${c.api}
        .categories=${c.categories}
        .photosEnabled=${c.photosEnabled}
        .unit=${c.unit}
        .map=${c.map}
        .viewport=${c.viewport}
        @step-change=${c.onStep}
        @track-open=${c.onTrackOpen}
        @report-close=${c.onReportClose}
      ></kmzb-report-form>`;
  }
}
