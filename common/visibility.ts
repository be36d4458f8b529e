import type { CategoryVisibility, Status } from './catalogue.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Statuses that mean the threat was confirmed (for `confirmed`-only categories). */
export const CONFIRMED_STATUSES: readonly Status[] = ['confirmed', 'eliminated', 'forwarded'];

/**
 * How long the public sees a report in each status, counted from its last status change
 * (DESIGN.md section 5): `always`, `never`, or a number of days (closed reports fade out).
 * The single source of the rule: isPubliclyVisible reads it here and the map's SQL
 * predicate (server/db/visibility-sql.ts) is built from it, and a test checks they agree.
 */
export const PUBLIC_WINDOW: Readonly<Record<Status, 'always' | 'never' | number>> = {
  new: 'always',
  verifying: 'always',
  confirmed: 'always',
  forwarded: 'always',
  eliminated: 30,
  not_confirmed: 7,
  prank: 'never',
  hidden: 'never',
};

/**
 * Whether the public may see a report (DESIGN.md sections 4 and 5): the category's rule
 * first (never / once confirmed / always), then the status window above. A report exactly
 * at the end of its window is still shown.
 */
export function isPubliclyVisible(
  visibility: CategoryVisibility,
  status: Status,
  statusChangedAt: string,
  now: Date,
): boolean {
  if (visibility === 'never') return false;
  if (visibility === 'confirmed' && !CONFIRMED_STATUSES.includes(status)) return false;
  const window = PUBLIC_WINDOW[status];
  if (window === 'always' || window === 'never') return window === 'always';
  return now.getTime() - Date.parse(statusChangedAt) <= window * DAY_MS;
}
