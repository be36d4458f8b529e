import { DAY_MS } from '../../common/visibility.js';

// A map question's period as the aggregate answers it: which buckets of map_cells to add and
// take out. Pure date arithmetic, shared by both store adapters, so that they read the same
// buckets for the same question.

/**
 * Which rows of map_cells (migration 020) make up a period of creation times: the periods to
 * add, those to subtract, and the partial days at the ends, which are read from the reports.
 * A period is either summed from its whole years, months and days, or taken as all time minus
 * the whole years, months and days outside it, whichever reads fewer rows ("since 2016" is
 * one row per key, not eleven years of them), or as the difference of two suffixes (migration
 * 021: 'S2022' is every report created from 2022 on, 'T2021-08' from August to the end of
 * 2021), so "since 2021-07-26" is S2022 + T2021-08 + six days, not five years, five months and
 * six days of rows.
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
  /**
   * Where the suffix buckets end (migration 024's map_frontier, 'YYYY-MM-DD'): they hold the
   * reports created before that day; the reports of that day and after are in their day
   * buckets only (`liveDays`), until the sweep folds those days in. Undefined: the suffix
   * buckets hold every report (a span given by hand).
   */
  frontier?: string | undefined;
  /** The day buckets ('D2026-12-03') from the frontier on that have rows, in order. */
  liveDays?: readonly string[] | undefined;
}

/**
 * Relative rows a bucket reads (all time = 1), for choosing between the forms: measured on the
 * 10 M bench, a past year has about 0.3 of all time's keys, a month 0.1, a day 0.01; a year
 * suffix has every key seen since (capped at all time), a month suffix about the year's share
 * of the rest of its year. The last 30 days hold every status, so up to half of all keys more
 * in proportion to how much of them a bucket covers.
 */
function bucketCost(period: string, years: YearSpan, now: number | undefined): number {
  const kind = period[0]!;
  const y = Number(period.slice(1, 5)), m = Number(period.slice(6, 8));
  const base = kind === 'A' ? 1 : kind === 'S' ? Math.min(1, 0.3 * (years.max - y + 1)) : kind === 'Y' ? 0.3
    : kind === 'T' ? 0.3 * Math.sqrt((13 - m) / 12) : kind === 'M' ? 0.1 : 0.01;
  if (now === undefined || kind === 'A') return base;
  const start = kind === 'S' || kind === 'Y' ? Date.UTC(y, 0, 1) : kind === 'D' ? Date.parse(period.slice(1)) : Date.UTC(y, m - 1, 1);
  const end = kind === 'S' ? Infinity : kind === 'Y' || kind === 'T' ? Date.UTC(y + 1, 0, 1) : kind === 'M' ? Date.UTC(y, m, 1) : start + DAY_MS;
  const recent = Math.max(0, Math.min(end, now) - Math.max(start, now - RECENT_MS)) / RECENT_MS;
  return Math.min(kind === 'S' ? 1 : Infinity, base + 0.5 * recent);
}

const RECENT_MS = 30 * DAY_MS;

/** The years migration 021 keeps suffix buckets for (its map_suffixes table: a test checks). */
export const SUFFIX_YEARS = { first: 2016, last: 2060 } as const;

/** Plans [since, until) (ISO times, either open), asked at `now` (ms: recent buckets are larger). */
export function planPeriods(since: string | undefined, until: string | undefined, years: YearSpan | undefined, now?: number): PeriodPlan {
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
  const forms: { plus: string[]; minus: string[] }[] = [{ plus: direct, minus: [] }, { plus: ['A'], minus: outside }];
  const start = from === undefined ? { plus: ['A'], minus: [] } : suffix(from, years);
  const stop = to === undefined ? { plus: [], minus: [] } : suffix(to, years);
  if (start && stop) {
    const difference = cancel([...start.plus, ...stop.minus], [...start.minus, ...stop.plus]);
    forms.push(difference, yearsBetween(difference));
  }
  const stored = forms.map((form) => withLiveDays(form, years));
  const cost = (periods: string[]) => periods.reduce((sum, p) => sum + bucketCost(p, years, now), 0);
  const best = stored.reduce((a, b) => (cost(b.plus) + cost(b.minus) < cost(a.plus) + cost(a.minus) ? b : a));
  return { ...best, whole, raw };
}

/**
 * The form with each suffix bucket as stored (migration 024): its rows up to the frontier,
 * and the live day buckets inside its span after it, added or taken out with it.
 */
function withLiveDays(form: { plus: string[]; minus: string[] }, years: YearSpan): { plus: string[]; minus: string[] } {
  const live = years.liveDays ?? [];
  if (years.frontier === undefined || !live.length) return form;
  const days = (periods: string[]) => periods.flatMap((p) => {
    const span = suffixSpan(p);
    return span ? live.filter((d) => d.slice(1) >= span.from && (span.to === undefined || d.slice(1) < span.to)) : [];
  });
  return cancel([...form.plus, ...days(form.plus)], [...form.minus, ...days(form.minus)]);
}

/** The creation days ('YYYY-MM-DD', [from, to)) a suffix bucket counts; undefined for other buckets. */
function suffixSpan(period: string): { from: string; to?: string } | undefined {
  if (period[0] === 'S') return { from: `${period.slice(1, 5)}-01-01` };
  if (period[0] === 'T') return { from: `${period.slice(1, 8)}-01`, to: `${Number(period.slice(1, 5)) + 1}-01-01` };
  return undefined;
}

/**
 * The buckets of every report created at or after midnight `at` (ms): a year suffix, a month
 * suffix and, inside a month, the days up to its end added or those before `at` taken out,
 * whichever are fewer. Undefined outside the years that have suffix buckets.
 */
function suffix(at: number, years: YearSpan): { plus: string[]; minus: string[] } | undefined {
  if (at <= Date.UTC(years.min, 0, 1)) return { plus: ['A'], minus: [] };
  if (at >= Date.UTC(years.max + 1, 0, 1)) return { plus: [], minus: [] };
  const d = new Date(at);
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  const monthStart = Date.UTC(y, m, 1), nextMonth = Date.UTC(y, m + 1, 1);
  const fromMonth = (month: number): string[] | undefined => {
    const year = new Date(month).getUTCFullYear();
    if (year > years.max) return [];
    if (year < SUFFIX_YEARS.first || year > SUFFIX_YEARS.last) return undefined;
    if (new Date(month).getUTCMonth() === 0) return [`S${year}`];
    const rest = year + 1 > years.max ? [] : year + 1 > SUFFIX_YEARS.last ? undefined : [`S${year + 1}`];
    return rest && [`T${iso(month).slice(0, 7)}`, ...rest];
  };
  if (at === monthStart) {
    const plus = fromMonth(monthStart);
    return plus && { plus, minus: [] };
  }
  if (nextMonth - at <= at - monthStart) {
    const plus = fromMonth(nextMonth);
    return plus && { plus: [...wholeDays(at, nextMonth), ...plus], minus: [] };
  }
  const plus = fromMonth(monthStart);
  return plus && { plus, minus: wholeDays(monthStart, at) };
}

/** S2018 - S2020 is Y2018 + Y2019: two years of rows instead of two suffixes of nearly every key. */
function yearsBetween({ plus, minus }: { plus: string[]; minus: string[] }): { plus: string[]; minus: string[] } {
  const a = plus.find((p) => p[0] === 'S'), b = minus.find((p) => p[0] === 'S');
  if (!a || !b || b <= a) return { plus, minus };
  const years = Array.from({ length: Number(b.slice(1)) - Number(a.slice(1)) }, (_, i) => `Y${Number(a.slice(1)) + i}`);
  return { plus: [...plus.filter((p) => p !== a), ...years], minus: minus.filter((p) => p !== b) };
}

/** Buckets both added and taken out are neither. */
function cancel(plus: string[], minus: string[]): { plus: string[]; minus: string[] } {
  const left = [...minus];
  const kept = plus.filter((p) => {
    const i = left.indexOf(p);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
  return { plus: kept, minus: left };
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
    } else if (day === 1 && nextYear <= to && y >= SUFFIX_YEARS.first && y <= SUFFIX_YEARS.last) {
      // The rest of the year in one month suffix (migration 021), not up to eleven months.
      periods.push(`T${iso(at).slice(0, 7)}`);
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

function floorDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function ceilDay(ms: number): number {
  return Math.ceil(ms / DAY_MS) * DAY_MS;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
