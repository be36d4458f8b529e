import type { Source, Status } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { Stats, StatsCell } from '../../../../common/schemas/stats.js';
import { SENSITIVE_CATEGORIES } from '../../../../common/stats.js';
import type { Lang, Translation } from '../../i18n/index.js';
import type { StatsTranslation } from '../../i18n/stats/index.js';
import { STATUS_COLORS } from '../../map/feature-style.js';
import type { ChartRow } from './charts.js';

/** Police navy: the bars of charts without colours of their own (contrast 10:1 on white). */
export const BAR_COLOR = '#0b3d91';

/** What the rows are named and formatted with. */
export interface RowContext {
  t: Translation;
  s: StatsTranslation;
  lang: Lang;
  categories: readonly Category[];
}

/**
 * The value a reader sees: the count in the reader's digits, or for a withheld cell "<3" when it
 * is a small sensitive count and "withheld" for the complementary cell (which may be any size).
 */
function value({ s, lang }: RowContext, cell: StatsCell, minCount: number): string {
  if (!cell.suppressed || cell.count !== null) return new Intl.NumberFormat(lang).format(cell.count ?? 0);
  return SENSITIVE_CATEGORIES.includes(cell.key) ? s.suppressed.short(minCount) : s.suppressed.other;
}

function row(ctx: RowContext, cell: StatsCell, label: string, color: string, minCount: number): ChartRow {
  return { key: cell.key, label, count: cell.count, suppressed: cell.suppressed, value: value(ctx, cell, minCount), color };
}

/** By category, catalogue order; categories without reports are left out (the note says so). */
export function categoryRows(ctx: RowContext, stats: Stats): ChartRow[] {
  const names = new Map(ctx.categories.map((c) => [c.code, c.names[ctx.lang]]));
  return (stats.byCategory ?? [])
    .filter((cell) => cell.suppressed || cell.count !== 0)
    .map((cell) => row(ctx, cell, names.get(cell.key) ?? cell.key, BAR_COLOR, stats.suppression.minCount));
}

/** By status, workflow order, zeros kept (a zero says the workflow has not reached it). */
export function statusRows(ctx: RowContext, stats: Stats): ChartRow[] {
  return (stats.byStatus ?? []).map((cell) =>
    row(ctx, cell, ctx.t.statuses[cell.key as Status] ?? cell.key, STATUS_COLORS[cell.key as Status] ?? BAR_COLOR, 0),
  );
}

export function sourceRows(ctx: RowContext, stats: Stats): ChartRow[] {
  return (stats.bySource ?? []).map((cell) => row(ctx, cell, ctx.s.sources[cell.key as Source] ?? cell.key, BAR_COLOR, 0));
}

/** By month, oldest first: "marzec 2026" in the table, "mar" under the column. */
export function monthRows(ctx: RowContext, stats: Stats): ChartRow[] {
  const long = new Intl.DateTimeFormat(ctx.lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(ctx.lang, { month: 'short', timeZone: 'UTC' });
  return (stats.byMonth ?? []).map((cell) => {
    const date = new Date(`${cell.key}-01T00:00:00Z`);
    return { ...row(ctx, cell, long.format(date), BAR_COLOR, 0), short: short.format(date) };
  });
}

/** By direct sub-unit, with each one's whole subtree. */
export function unitRows(ctx: RowContext, stats: Stats): ChartRow[] {
  return (stats.byUnit ?? []).map((cell) => row(ctx, cell, cell.unit.shortName, BAR_COLOR, 0));
}
