import { ErrorCode } from '../../common/errors.js';
import { ProductError } from '../../common/product-error.js';
import type { PeriodRange } from '../store/period-range.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/**
 * Years a period may name. Beyond them there is nothing to count, and the month walks below
 * must stay short: 0000-01..9999-12 is 120,000 months, and past 9999 the text order of
 * YYYY-MM breaks ("10000-01" < "9999-12"), which once made monthsBetween loop forever.
 */
export const PERIOD_YEARS = { min: 1970, max: 2100 } as const;

function inYears(text: string): boolean {
  const year = Number(text.slice(0, 4));
  return year >= PERIOD_YEARS.min && year <= PERIOD_YEARS.max;
}

export type { PeriodRange };

/** 400 INVALID_PERIOD unless `raw` is a real calendar date YYYY-MM-DD within PERIOD_YEARS. */
export function parseDay(raw: string, name: string): string {
  const text = raw.trim();
  // Date.parse answers NaN for month 13 or day 00 (toISOString would throw) and rolls
  // 2025-02-30 over to March, which the round trip catches.
  const ms = DATE.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text || !inYears(text)) {
    throw new ProductError(ErrorCode.invalidPeriod,
      `${name} must be a date YYYY-MM-DD from ${PERIOD_YEARS.min} to ${PERIOD_YEARS.max}, got "${raw}".`,
    );
  }
  return text;
}

/** 400 INVALID_PERIOD unless `raw` is YYYY-MM with a month 01-12 within PERIOD_YEARS. */
export function parseMonth(raw: string, name: string): string {
  const text = raw.trim();
  const month = Number(text.slice(5));
  if (!MONTH.test(text) || month < 1 || month > 12 || !inYears(text)) {
    throw new ProductError(ErrorCode.invalidPeriod,
      `${name} must be a month YYYY-MM from ${PERIOD_YEARS.min} to ${PERIOD_YEARS.max}, got "${raw}".`,
    );
  }
  return text;
}

/** 400 INVALID_PERIOD when from is after to (dates or months, compared as text). */
export function requireOrdered(from: string, to: string): void {
  if (from > to) throw new ProductError(ErrorCode.invalidPeriod, `from (${from}) is after to (${to}).`);
}

/** YYYY-MM shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from..to inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

function lastDayOf(month: string): string {
  return new Date(Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Splits days from..to into whole months (read from the monthly rows) and the partial months
 * at either end (read from the daily rows), so a year reads 12 monthly rows per key, not 365.
 */
export function splitPeriod(from: string, to: string): { days: PeriodRange[]; months: PeriodRange | null } {
  const firstFull = from.endsWith('-01') ? from.slice(0, 7) : addMonths(from.slice(0, 7), 1);
  const lastFull = to === lastDayOf(to.slice(0, 7)) ? to.slice(0, 7) : addMonths(to.slice(0, 7), -1);
  if (firstFull > lastFull) return { days: [{ from, to }], months: null };
  const days: PeriodRange[] = [];
  if (from < `${firstFull}-01`) days.push({ from, to: dayBefore(`${firstFull}-01`) });
  if (to > lastDayOf(lastFull)) days.push({ from: `${addMonths(lastFull, 1)}-01`, to });
  return { days, months: { from: firstFull, to: lastFull } };
}

/**
 * True when the period is shorter than `months` calendar months: `to` comes before the day
 * before the same day `months` months after `from` (2025-02-01..2025-04-30 is 3 months).
 */
export function shorterThanMonths(from: string, to: string, months: number): boolean {
  const day = Number(from.slice(8, 10));
  const target = addMonths(from.slice(0, 7), months);
  const last = lastDayOf(target);
  const sameDay = Number(last.slice(8, 10)) < day ? last : `${target}-${from.slice(8, 10)}`;
  return to < dayBefore(sameDay);
}
