import { OPEN_STATUSES, STATUSES, type Status } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import type { Open311Request, Open311RequestsQuery } from '../../common/schemas/open311.js';
import type { NotedReport } from '../store/public-reports.js';
import { ProductError } from '../../common/product-error.js';
import { DAY_MS, parseInstant } from '../open-data/period.js';

/** The spec's default window and its longest span between start_date and end_date. */
export const WINDOW_DAYS = 90;
/** The spec's most requests per answer. */
export const MAX_REQUESTS = 1000;

/** open: new, verifying, confirmed, forwarded; closed: the rest (prank and hidden are never served). */
export function open311Status(status: Status): 'open' | 'closed' {
  return OPEN_STATUSES.includes(status) ? 'open' : 'closed';
}

/** One public report as a service request (no description, address or media: those are not public). */
export function toServiceRequest(report: NotedReport, serviceName: string, agency: string): Open311Request {
  return {
    service_request_id: report.id,
    status: open311Status(report.status),
    ...(report.note !== null && { status_notes: report.note }),
    service_name: serviceName,
    service_code: report.category,
    agency_responsible: agency,
    requested_datetime: report.createdAt,
    updated_datetime: report.updatedAt,
    lat: report.lat,
    long: report.lon,
  };
}

export interface RequestFilter {
  ids?: string[] | undefined;
  categories?: string[] | undefined;
  statuses?: Status[] | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

function commaList(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  return items.length ? items : undefined;
}

/**
 * The spec's filters. service_request_id overrides the others. Otherwise the window is the
 * last 90 days, or 90 days from start_date or up to end_date, and never longer than 90 days.
 *
 * @throws ProductError INVALID_PERIOD, UNKNOWN_STATUS; UNKNOWN_CATEGORY (known codes given in `categories`;
 *   Open311 answers it 404, see specStatus).
 */
export function parseRequestsQuery(query: Open311RequestsQuery, known: ReadonlySet<string>, now: Date): RequestFilter {
  const ids = commaList(query.service_request_id);
  if (ids) return { ids: ids.slice(0, MAX_REQUESTS) };
  const categories = commaList(query.service_code);
  for (const code of categories ?? []) {
    if (!known.has(code)) throw new ProductError(ErrorCode.unknownCategory, `There is no service_code "${code}".`);
  }
  const wanted = commaList(query.status);
  for (const s of wanted ?? []) {
    if (s !== 'open' && s !== 'closed') throw new ProductError(ErrorCode.unknownStatus, `status must be open, closed or both, got "${s}".`);
  }
  const statuses = wanted && STATUSES.filter((s) => wanted.includes(open311Status(s)));
  const window = WINDOW_DAYS * DAY_MS;
  let start = query.start_date === undefined ? undefined : parseInstant(query.start_date, 'start_date', false);
  let end = query.end_date === undefined ? undefined : parseInstant(query.end_date, 'end_date', true);
  // The default: the last 90 days, up to whatever arrives (no upper bound, so a report filed
  // this millisecond is not cut off by the clock).
  if (start === undefined && end === undefined) return { categories, statuses, since: new Date(now.getTime() - window).toISOString() };
  if (start === undefined) start = end! - window;
  if (end === undefined) end = start + window;
  if (start >= end) throw new ProductError(ErrorCode.invalidPeriod, 'start_date must come before end_date.');
  if (end - start > window + DAY_MS) {
    throw new ProductError(ErrorCode.invalidPeriod, `start_date and end_date may be at most ${WINDOW_DAYS} days apart.`);
  }
  return { categories, statuses, since: new Date(start).toISOString(), until: new Date(end).toISOString() };
}
