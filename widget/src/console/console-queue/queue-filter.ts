import { SOURCES, STATUSES } from '../../../../common/catalogue.js';
import type { QueueQuery } from '../../../../common/schemas/staff.js';

/** Rows per page of the queue. */
export const QUEUE_PAGE_SIZE = 25;

/**
 * The queue's filter as the form and the URL hold it (`#queue?status=new&since=2026-11-01&page=2`):
 * plain strings, dates as the date inputs have them (YYYY-MM-DD, whole local days). Kept in the
 * hash, so a filtered queue is a link that can be shared, bookmarked, and gone back to.
 */
export interface QueueFilter {
  status?: string;
  category?: string;
  unit?: string;
  source?: string;
  since?: string;
  until?: string;
  overdue?: boolean;
  page?: number;
}

const TEXT_FIELDS = ['status', 'category', 'unit', 'source', 'since', 'until'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter in a hash (`#queue?…`); unknown or malformed values are dropped, not sent. */
export function queueFilterFromHash(hash: string): QueueFilter {
  const at = hash.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
  const filter: QueueFilter = {};
  for (const name of TEXT_FIELDS) {
    const value = params.get(name)?.trim();
    if (value) filter[name] = value;
  }
  if (filter.status && !(STATUSES as readonly string[]).includes(filter.status)) delete filter.status;
  if (filter.source && !(SOURCES as readonly string[]).includes(filter.source)) delete filter.source;
  if (filter.since && !DATE.test(filter.since)) delete filter.since;
  if (filter.until && !DATE.test(filter.until)) delete filter.until;
  if (params.get('overdue') === '1') filter.overdue = true;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1 && page <= 100_000) filter.page = page;
  return filter;
}

/** The hash of a filtered queue: `#queue` alone when nothing is filtered. */
export function queueHash(filter: QueueFilter): string {
  const params = new URLSearchParams();
  for (const name of TEXT_FIELDS) if (filter[name]) params.set(name, filter[name]!);
  if (filter.overdue) params.set('overdue', '1');
  if (filter.page && filter.page > 1) params.set('page', String(filter.page));
  const text = params.toString();
  return text ? `#queue?${text}` : '#queue';
}

/** The filter from the filter form (page 1: a new filter starts at its first page). */
export function queueFilterFromForm(form: HTMLFormElement): QueueFilter {
  const data = new FormData(form);
  const filter: QueueFilter = {};
  for (const name of TEXT_FIELDS) {
    const value = String(data.get(name) ?? '').trim();
    if (value) filter[name] = value;
  }
  if (data.get('overdue')) filter.overdue = true;
  return filter;
}

/**
 * The API query of a filter. Dates are whole local days (a date input has no time): `since` is
 * the start of its day, `until` the end of its day, both sent as ISO instants.
 */
export function queueQueryOf(filter: QueueFilter): QueueQuery {
  const day = (value: string | undefined, time: string) => (value ? new Date(`${value}T${time}`).toISOString() : undefined);
  const query: QueueQuery = {
    status: filter.status as QueueQuery['status'],
    category: filter.category,
    unit: filter.unit,
    source: filter.source as QueueQuery['source'],
    since: day(filter.since, '00:00:00'),
    until: day(filter.until, '23:59:59.999'),
    overdue: filter.overdue ? true : undefined,
    page: filter.page ?? 1,
    pageSize: QUEUE_PAGE_SIZE,
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as QueueQuery;
}
