import { STATUSES, type CategoryVisibility, type Status } from '../../../common/catalogue.js';
import { CONFIRMED_STATUSES, DAY_MS, PUBLIC_WINDOW } from '../../../common/visibility.js';
import type { PublicSelection } from '../public-reports.js';
import type { Params } from './pg-db.js';

/**
 * The public visibility rule (common/visibility.ts) as a PostgreSQL predicate on `reports r`,
 * built from the same PUBLIC_WINDOW and CONFIRMED_STATUSES as SQLite's
 * (server/db/visibility-sql.ts), so there is one rule, not three. Category visibility is
 * resolved into lists of codes (the catalogue is 24 rows), so the predicate needs no join. A
 * window of N days keeps reports whose last change is at most N days before `now` (ISO strings
 * compare in time order under COLLATE "C", which every text column has). Lists are bound as
 * arrays (`= ANY($n)`): one statement text whatever their lengths.
 */
export function publicPredicate(
  p: Params,
  categories: readonly { code: string; visibility: CategoryVisibility }[],
  statuses: readonly Status[],
  now: Date,
): string {
  const always = categories.filter((c) => c.visibility === 'always').map((c) => c.code);
  const confirmed = categories.filter((c) => c.visibility === 'confirmed').map((c) => c.code);
  const categoryTerms: string[] = [];
  if (always.length) categoryTerms.push(anyOf(p, 'r.category', always));
  if (confirmed.length) categoryTerms.push(`(${anyOf(p, 'r.category', confirmed)} AND ${anyOf(p, 'r.status', CONFIRMED_STATUSES)})`);

  const forever = statuses.filter((s) => PUBLIC_WINDOW[s] === 'always');
  const statusTerms: string[] = forever.length ? [anyOf(p, 'r.status', forever)] : [];
  for (const status of statuses) {
    const window = PUBLIC_WINDOW[status];
    if (typeof window !== 'number') continue;
    const cut = new Date(now.getTime() - window * DAY_MS).toISOString();
    statusTerms.push(`(r.status = ${p.add(status)} AND r.updated_at >= ${p.add(cut)})`);
  }
  return `(${or(categoryTerms)} AND ${or(statusTerms)})`;
}

/** The WHERE clause of a selection: scope, ids, period, filters and the public visibility rule. */
export function whereOfPublic(p: Params, s: PublicSelection): string {
  const parts: string[] = [];
  if (s.units) parts.push(anyOf(p, 'r.unit_id', s.units));
  if (s.ids) parts.push(anyOf(p, 'r.id', s.ids));
  if (s.since) parts.push(`r.created_at >= ${p.add(s.since)}`);
  if (s.until) parts.push(`r.created_at < ${p.add(s.until)}`);
  parts.push(publicPredicate(p, s.categories, s.statuses ?? STATUSES, s.now));
  return `(${parts.join(' AND ')})`;
}

/** `column = ANY($n::text[])`; an empty list matches nothing, as SQLite's `IN ()` written `0`. */
export function anyOf(p: Params, column: string, values: readonly string[]): string {
  if (values.length === 0) return 'false';
  return `${column} = ANY(${p.add(values)}::text[])`;
}

/** OR of the terms; no terms is false (nothing matches). */
function or(terms: readonly string[]): string {
  return terms.length ? `(${terms.join(' OR ')})` : 'false';
}
