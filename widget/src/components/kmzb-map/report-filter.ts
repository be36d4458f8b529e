import type { Status } from '../../../../common/catalogue.js';
import { PUBLIC_STATUSES } from '../../map/feature-style.js';

/** The time windows offered, in days back from today. */
export const PERIODS = [7, 30, 90, 365] as const;
export type Period = (typeof PERIODS)[number];

/**
 * What the reader chose to hide. Kept as exclusions, so "everything" needs no catalogue and a
 * category added on the server shows up until someone unchecks it.
 */
export interface ReportFilter {
  hiddenCategories: ReadonlySet<string>;
  hiddenStatuses: ReadonlySet<Status>;
  days: Period;
}

export const DEFAULT_FILTER: ReportFilter = { hiddenCategories: new Set(), hiddenStatuses: new Set(), days: 365 };

/** Whether a filter hides nothing and shows the default period (the unit's, else DEFAULT_FILTER's). */
export function isDefaultFilter(filter: ReportFilter, defaults: ReportFilter = DEFAULT_FILTER): boolean {
  return !filter.hiddenCategories.size && !filter.hiddenStatuses.size && filter.days === defaults.days;
}

/**
 * The filter as query values. `offered` is the `categories` attribute's list (undefined: all);
 * `catalogue` every category code (needed only once some are hidden). An empty list means the
 * reader hid everything: nothing to ask for.
 */
export function filterQuery(filter: ReportFilter, offered: readonly string[] | undefined, catalogue: readonly string[], today = new Date()) {
  const base = offered ?? (filter.hiddenCategories.size ? catalogue : undefined);
  const categories = base?.filter((code) => !filter.hiddenCategories.has(code));
  const statuses = filter.hiddenStatuses.size ? PUBLIC_STATUSES.filter((s) => !filter.hiddenStatuses.has(s)) : undefined;
  // A whole day (UTC), not the current millisecond: the same URL all day long, so caches can share it.
  const since = new Date(today.getTime() - filter.days * 86_400_000).toISOString().slice(0, 10);
  return { categories, statuses, since };
}
