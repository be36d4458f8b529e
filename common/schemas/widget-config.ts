import { Type, type Static } from '@sinclair/typebox';
import { LANGS } from '../catalogue.js';
import { TIME_WINDOWS_DAYS, WIDGET_VIEWS } from '../staff.js';
import { CategoryCodeSchema } from './category.js';
import { UnitIdSchema } from './unit.js';

const literals = <T extends string | number>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/**
 * GET /api/v1/units/:id/widget-config (public, ETag, `Cache-Control: public, no-cache`): the
 * settings the embedded widget applies, each from the nearest unit up the chain that sets it,
 * else WIDGET_CONFIG_DEFAULTS (common/widget-config.ts). The embedding origins are not part of
 * it: the widget never needs the list (GET /api/v1/reports/allowance answers for its own page),
 * and an admin's list may name staging or intranet hosts.
 */
export const WidgetConfigSchema = Type.Object(
  {
    unit: UnitIdSchema,
    /** Category codes citizens may report in this unit, in the catalogue's order; others are refused (CATEGORY_DISABLED). */
    enabledCategories: Type.Array(CategoryCodeSchema),
    /** The view the widget opens with. */
    defaultView: literals(WIDGET_VIEWS),
    /** The map's default period, in days back from today. */
    timeWindowDays: literals(TIME_WINDOWS_DAYS),
    /**
     * The widget's language unless its `lang` attribute says otherwise. Null when no unit in the
     * chain sets one: then the page's `<html lang>` decides, else Polish (the national default),
     * so a unit that never chose a language does not override an English or Ukrainian page.
     */
    defaultLang: Type.Union([Type.Null(), literals(LANGS)]),
    /** `#rrggbb`, lowercase: the widget's `--kmzb-accent` unless the page sets it. */
    accentColor: Type.String({ pattern: '^#[0-9a-f]{6}$' }),
    /** Whether the report form offers photos; photos sent anyway are refused (PHOTOS_DISABLED). */
    photosEnabled: Type.Boolean(),
  },
);
export type WidgetConfig = Static<typeof WidgetConfigSchema>;
