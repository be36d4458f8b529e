import type { QueueQuery } from '../../../../common/schemas/staff.js';

/** Rows per page of the queue. */
export const QUEUE_PAGE_SIZE = 25;

/**
 * The queue query from the filter form. Dates are whole local days (a date input has no time):
 * `since` is the start of its day, `until` the end of its day, both sent as ISO instants.
 */
export function queueQueryFrom(form: HTMLFormElement): QueueQuery {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '') || undefined;
  const day = (name: string, time: string) => {
    const value = text(name);
    return value ? new Date(`${value}T${time}`).toISOString() : undefined;
  };
  const query: QueueQuery = {
    status: text('status') as QueueQuery['status'],
    category: text('category'),
    unit: text('unit'),
    source: text('source') as QueueQuery['source'],
    since: day('since', '00:00:00'),
    until: day('until', '23:59:59.999'),
    overdue: data.get('overdue') ? true : undefined,
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as QueueQuery;
}
