import type { CategoryVisibility, Status } from '../../common/catalogue.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Statuses that mean the threat was confirmed (for `confirmed`-only categories). */
const CONFIRMED: readonly Status[] = ['confirmed', 'eliminated', 'forwarded'];

/**
 * Whether the public may see a report (DESIGN.md sections 4 and 5): the category's rule
 * first (never / once confirmed / always), then the status: closed reports stay visible for
 * a while after their last change (eliminated a month, not confirmed 7 days), pranks and
 * hidden reports never.
 */
export function isPubliclyVisible(
  visibility: CategoryVisibility,
  status: Status,
  statusChangedAt: string,
  now: Date,
): boolean {
  if (visibility === 'never') return false;
  if (visibility === 'confirmed' && !CONFIRMED.includes(status)) return false;
  const age = now.getTime() - Date.parse(statusChangedAt);
  switch (status) {
    case 'new':
    case 'verifying':
    case 'confirmed':
    case 'forwarded':
      return true;
    case 'eliminated':
      return age <= 30 * DAY_MS;
    case 'not_confirmed':
      return age <= 7 * DAY_MS;
    case 'prank':
    case 'hidden':
      return false;
  }
}
