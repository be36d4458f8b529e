import { ErrorCode } from '../../common/errors.js';
import { ProductError } from '../../common/product-error.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A half-open period [since, until) as ISO UTC strings; either end may be open. */
export interface Period {
  since?: string | undefined;
  until?: string | undefined;
}

/**
 * Milliseconds of an ISO 8601 (W3C) date or date-time with a zone. A bare date is a whole UTC
 * day: as a start it is the day's first instant, as an end the next day's (ends are exclusive).
 *
 * @throws ProductError INVALID_PERIOD (400 at the edge).
 */
export function parseInstant(raw: string, name: string, end: boolean): number {
  if (DATE.test(raw)) {
    const ms = Date.parse(`${raw}T00:00:00Z`);
    if (!Number.isNaN(ms) && isCalendarDate(raw)) return end ? ms + DAY_MS : ms;
  } else if (DATE_TIME.test(raw)) {
    const ms = Date.parse(raw);
    if (!Number.isNaN(ms) && isCalendarDate(raw.slice(0, 10))) return ms;
  }
  throw new ProductError(ErrorCode.invalidPeriod, `${name} must be an ISO 8601 date or date-time with a zone (e.g. 2025-05-01T00:00:00Z), got "${raw}".`);
}

/**
 * True when YYYY-MM-DD names a day that exists: Date.parse rolls 2025-02-30 over to March 2
 * (in a date-time too), which would answer for a period nobody asked for.
 */
function isCalendarDate(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** `since`/`until` of a query as a Period; since must come before until. */
export function parsePeriod(since: string | undefined, until: string | undefined, names = ['since', 'until'] as const): Period {
  const from = since === undefined ? undefined : parseInstant(since, names[0], false);
  const to = until === undefined ? undefined : parseInstant(until, names[1], true);
  if (from !== undefined && to !== undefined && from >= to) {
    throw new ProductError(ErrorCode.invalidPeriod, `${names[0]} (${since}) is not before ${names[1]} (${until}).`);
  }
  return {
    since: from === undefined ? undefined : new Date(from).toISOString(),
    until: to === undefined ? undefined : new Date(to).toISOString(),
  };
}
