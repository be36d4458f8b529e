import { DAY_MS } from './visibility.js';

/**
 * Which rows of map_cells (migration 020) make up a period of creation times: the periods to
 * add, those to subtract, and the partial days at the ends, which are read from the reports.
 * A period is either summed from its whole years, months and days, or taken as all time minus
 * the whole years, months and days outside it, whichever reads fewer rows ("since 2016" is
 * one row per key, not eleven years of them).
 */
export interface PeriodPlan {
  plus: string[];
  minus: string[];
  /**
   * The whole days the buckets cover, as [from, to) ISO times (undefined: open). Reports
   * created in the period outside it (a partial first or last day) come from `raw`.
   */
  whole: { from?: string | undefined; to?: string | undefined } | undefined;
  /** Creation time ranges [since, until) read from the reports themselves. */
  raw: { since?: string | undefined; until?: string | undefined }[];
}

/** The years that have rows; outside them there is nothing to add or subtract. */
export interface YearSpan {
  min: number;
  max: number;
}

/**
 * Relative rows a bucket reads, for choosing between the two forms: a year of a national
 * service has about every key already, a month about half as many, a day a few percent.
 */
const COST = { A: 1, Y: 1, M: 0.4, D: 0.05 } as const;

/** Plans [since, until) (ISO times, either open). */
export function planPeriods(since: string | undefined, until: string | undefined, years: YearSpan | undefined): PeriodPlan {
  if (!years) return { plus: [], minus: [], whole: undefined, raw: [{ since, until }] };
  const from = since === undefined ? undefined : ceilDay(Date.parse(since));
  const to = until === undefined ? undefined : floorDay(Date.parse(until));
  if (from !== undefined && to !== undefined && from >= to) {
    // Less than a whole day inside: at most two partial days of reports, read as they are.
    return { plus: [], minus: [], whole: undefined, raw: [{ since, until }] };
  }
  const raw: PeriodPlan['raw'] = [];
  if (since !== undefined && Date.parse(since) < from!) raw.push({ since, until: iso(from!) });
  if (until !== undefined && to! < Date.parse(until)) raw.push({ since: iso(to!), until });
  const whole = { from: from === undefined ? undefined : iso(from), to: to === undefined ? undefined : iso(to) };
  const first = Date.UTC(years.min, 0, 1);
  const end = Date.UTC(years.max + 1, 0, 1);
  const direct = wholeDays(Math.max(from ?? first, first), Math.min(to ?? end, end));
  const outside = [
    ...(from !== undefined && from > first ? wholeDays(first, Math.min(from, end)) : []),
    ...(to !== undefined && to < end ? wholeDays(Math.max(to, first), end) : []),
  ];
  if (cost(direct) <= COST.A + cost(outside)) return { plus: direct, minus: [], whole, raw };
  return { plus: ['A'], minus: outside, whole, raw };
}

/** The whole days [from, to) (midnights, ms) as the fewest days, months and years. */
export function wholeDays(from: number, to: number): string[] {
  const periods: string[] = [];
  let at = from;
  while (at < to) {
    const d = new Date(at);
    const y = d.getUTCFullYear(), m = d.getUTCMonth(), day = d.getUTCDate();
    const nextYear = Date.UTC(y + 1, 0, 1);
    const nextMonth = Date.UTC(y, m + 1, 1);
    if (m === 0 && day === 1 && nextYear <= to) {
      periods.push(`Y${iso(at).slice(0, 4)}`);
      at = nextYear;
    } else if (day === 1 && nextMonth <= to) {
      periods.push(`M${iso(at).slice(0, 7)}`);
      at = nextMonth;
    } else {
      periods.push(`D${iso(at).slice(0, 10)}`);
      at += DAY_MS;
    }
  }
  return periods;
}

function cost(periods: string[]): number {
  return periods.reduce((sum, p) => sum + COST[p[0] as keyof typeof COST], 0);
}

function floorDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function ceilDay(ms: number): number {
  return Math.ceil(ms / DAY_MS) * DAY_MS;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
