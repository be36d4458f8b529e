import { STATUSES, type Status } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import type { Bbox } from '../../common/schemas/geojson.js';
import type { ReportMapQuery } from '../../common/schemas/report-map.js';
import { InvalidInputError, ProductError } from '../../common/product-error.js';
import { DAY_MS } from '../../common/visibility.js';
import type { MapFilter } from '../store/report-map.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// A date-time must carry its zone: "18:30" alone would mean the server's time zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks and normalises the query string of GET /api/v1/reports. Every bad filter is a 400
 * with its own code, so the widget can say what was wrong (an unknown category too, though
 * a report with one is a 422: here it is a malformed filter, not a refused report).
 */
export function parseMapQuery(query: ReportMapQuery, categories: ReadonlySet<string>): MapFilter {
  const since = query.since === undefined ? undefined : parseTime(query.since, 'since');
  const until = query.until === undefined ? undefined : parseTime(query.until, 'until');
  if (since !== undefined && until !== undefined && since >= until) {
    throw new ProductError(ErrorCode.invalidPeriod, `since (${query.since}) is after until (${query.until}).`);
  }
  return {
    unit: query.unit?.trim() || 'pl',
    bbox: query.bbox === undefined ? undefined : parseBbox(query.bbox),
    zoom: query.zoom === undefined ? undefined : Math.floor(query.zoom),
    categories: list(query.categories, (code) => {
      if (!categories.has(code)) throw new InvalidInputError(ErrorCode.unknownCategory, `There is no category "${code}".`);
    }),
    statuses: list(query.statuses, (id) => {
      if (!(STATUSES as readonly string[]).includes(id)) {
        throw new ProductError(ErrorCode.unknownStatus, `There is no status "${id}"; use ${STATUSES.join(', ')}.`);
      }
    }) as Status[] | undefined,
    since: since === undefined ? undefined : new Date(since).toISOString(),
    until: until === undefined ? undefined : new Date(until).toISOString(),
  };
}

/** The cache key of a filter: lists sorted, so `a,b` and `b,a` share an entry. */
export function filterKey(filter: MapFilter): string {
  const { unit, bbox, zoom, categories, statuses, since, until } = filter;
  return JSON.stringify([unit, bbox ?? null, zoom ?? null, categories ?? null, statuses ?? null, since ?? null, until ?? null]);
}

/** A comma list, trimmed, deduplicated and sorted; `undefined` stays "no filter". */
function list(raw: string | undefined, check: (item: string) => void): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = [...new Set(raw.split(',').map((item) => item.trim()).filter(Boolean))].sort();
  items.forEach(check);
  return items;
}

/**
 * Milliseconds of an ISO 8601 date or date-time. A bare date means the whole day: `since`
 * from its start, `until` up to its end, so `since=2025-05-01&until=2025-05-01` is one day.
 * The returned `until` is exclusive.
 */
function parseTime(raw: string, name: 'since' | 'until'): number {
  const text = raw.trim();
  const isDate = DATE.test(text);
  const ms = isDate ? Date.parse(`${text}T00:00:00Z`) : DATE_TIME.test(text) ? Date.parse(text) : NaN;
  // Date.parse rolls 2025-02-30 over to March (in a date-time too); a round trip of the day catches it.
  const day = text.slice(0, 10);
  if (!Number.isFinite(ms) || new Date(Date.parse(`${day}T00:00:00Z`) || 0).toISOString().slice(0, 10) !== day) {
    throw new ProductError(ErrorCode.invalidPeriod, `${name} must be an ISO 8601 date or date-time with a zone, got "${raw}".`);
  }
  if (name === 'since') return ms;
  return isDate ? ms + DAY_MS : ms + 1;
}

function parseBbox(raw: string): Bbox {
  const parts = raw.split(',');
  const numbers = parts.map((part) => (part.trim() === '' ? NaN : Number(part)));
  const [minLon, minLat, maxLon, maxLat] = numbers as [number, number, number, number];
  const valid =
    numbers.length === 4 &&
    numbers.every(Number.isFinite) &&
    minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90 &&
    minLon <= maxLon && minLat <= maxLat;
  if (!valid) {
    throw new ProductError(ErrorCode.invalidBbox, `bbox must be minLon,minLat,maxLon,maxLat within WGS84 with min <= max, got "${raw}".`);
  }
  return [minLon, minLat, maxLon, maxLat];
}
