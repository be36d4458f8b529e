import { REPORT_LIMITS, TIMES_OF_DAY, WEEKDAYS } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import type { NewReport, Recurrence } from '../../common/schemas/report.js';
import { ProductError } from '../../common/product-error.js';

/** Clocks of phones drift; an event "now" on a fast phone must not read as the future. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

// RFC 3339 date-time with a mandatory offset, so "18:30" is never guessed in the server's zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const CATEGORY = /^[a-z][a-z_]{1,39}$/;

/**
 * Validates the body of POST /api/v1/reports (NewReportSchema) with a specific error code
 * per field, which the widget explains next to that field. The same function serves the
 * JSON body and the `report` field of a multipart request, which Fastify's body schema
 * cannot see. Unknown properties are dropped, `eventAt` comes back normalised to UTC, and a
 * description is trimmed (blank becomes none) but otherwise kept exactly as typed.
 */
export function parseNewReport(body: unknown, now: Date): NewReport {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(ErrorCode.invalidRequest, 'The report must be a JSON object.');
  }
  const input = body as Record<string, unknown>;
  const { lon, lat } = input;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat) ||
      Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw invalid(ErrorCode.invalidCoordinates, 'lon and lat must be numbers within -180..180 and -90..90.');
  }
  if (typeof input.category !== 'string' || !CATEGORY.test(input.category)) {
    throw invalid(ErrorCode.invalidRequest, 'category must be a category code such as "illegal_parking".');
  }
  const report: NewReport = { lon, lat, category: input.category };
  if (input.description !== undefined) report.description = parseDescription(input.description);
  if (input.eventAt !== undefined) report.eventAt = parseEventAt(input.eventAt, now);
  if (input.recurrence !== undefined) report.recurrence = parseRecurrence(input.recurrence);
  return report;
}

function parseDescription(value: unknown): string | undefined {
  if (typeof value !== 'string') throw invalid(ErrorCode.invalidRequest, 'description must be a string.');
  // Counted in code points, as a person counts characters: an emoji is one, not two.
  const length = [...value].length;
  if (length > REPORT_LIMITS.descriptionMaxLength) {
    throw invalid(ErrorCode.descriptionTooLong, `description has ${length} characters; at most ${REPORT_LIMITS.descriptionMaxLength} are allowed.`);
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function parseEventAt(value: unknown, now: Date): string {
  const time = typeof value === 'string' && DATE_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw invalid(ErrorCode.invalidEventTime, 'eventAt must be an ISO 8601 date-time with a time zone, e.g. 2025-05-01T18:30:00Z.');
  }
  if (time > now.getTime() + CLOCK_SKEW_MS) {
    throw new ProductError(ErrorCode.eventInFuture, 'eventAt lies in the future.');
  }
  return new Date(time).toISOString();
}

function parseRecurrence(value: unknown): Recurrence {
  const fail = (): never => {
    throw invalid(ErrorCode.invalidRecurrence, `recurrence must be { days?: (${WEEKDAYS.join('|')})[], times?: (${TIMES_OF_DAY.join('|')})[] }, each value once.`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail();
  const input = value as Record<string, unknown>;
  if (Object.keys(input).some((key) => key !== 'days' && key !== 'times')) return fail();
  const recurrence: Recurrence = {};
  if (input.days !== undefined) recurrence.days = uniqueOf(input.days, WEEKDAYS) ?? fail();
  if (input.times !== undefined) recurrence.times = uniqueOf(input.times, TIMES_OF_DAY) ?? fail();
  return recurrence;
}

/** The array if every item is one of `allowed` and none repeats; otherwise undefined. */
function uniqueOf<T extends string>(value: unknown, allowed: readonly T[]): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value as unknown[];
  const ok = items.every((item, i) => allowed.includes(item as T) && items.indexOf(item) === i);
  return ok ? (items as T[]) : undefined;
}

function invalid(code: ErrorCode, message: string): ProductError {
  return new ProductError(code, message);
}
