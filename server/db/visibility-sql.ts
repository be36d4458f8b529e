import type { CategoryVisibility, Status } from '../../common/catalogue.js';
import { CONFIRMED_STATUSES, DAY_MS, PUBLIC_WINDOW } from '../../common/visibility.js';

/** A piece of WHERE clause and its bound parameters, in order. */
export interface SqlPart {
  sql: string;
  params: (string | number)[];
}

/**
 * The public visibility rule (reports/visibility.ts) as an SQL predicate on `reports r`,
 * built from the same PUBLIC_WINDOW and CONFIRMED_STATUSES so there is one rule, not two.
 * Category visibility is resolved here into lists of codes (the catalogue is 24 rows), so
 * the predicate reads only columns of the map index and needs no join. `categories` holds
 * the codes asked for with their visibility; `statuses` the statuses asked for.
 * A window of N days keeps reports whose last change is at most N days before `now`
 * (ISO strings compare in time order, see migration 004). Status and category are written
 * `+r.status`, `+r.category`: the unary plus keeps SQLite from answering a national query
 * through reports_status (a multi-index OR, then a table lookup per row, ~2x slower on 3M
 * reports) instead of scanning the covering reports_map index.
 */
export function publicPredicate(
  categories: readonly { code: string; visibility: CategoryVisibility }[],
  statuses: readonly Status[],
  now: Date,
): SqlPart {
  const always = categories.filter((c) => c.visibility === 'always').map((c) => c.code);
  const confirmed = categories.filter((c) => c.visibility === 'confirmed').map((c) => c.code);
  const categoryTerms: SqlPart[] = [];
  if (always.length) categoryTerms.push(inList('+r.category', always));
  if (confirmed.length) categoryTerms.push(and(inList('+r.category', confirmed), inList('+r.status', CONFIRMED_STATUSES)));

  const forever = statuses.filter((s) => PUBLIC_WINDOW[s] === 'always');
  const statusTerms: SqlPart[] = forever.length ? [inList('+r.status', forever)] : [];
  for (const status of statuses) {
    const window = PUBLIC_WINDOW[status];
    if (typeof window !== 'number') continue;
    const cut = new Date(now.getTime() - window * DAY_MS).toISOString();
    statusTerms.push({ sql: '(+r.status = ? AND r.updated_at >= ?)', params: [status, cut] });
  }
  return and(or(categoryTerms), or(statusTerms));
}

/**
 * The windowed statuses asked for, each only since its window's cut: `(r.status = ? AND
 * r.updated_at >= ?) OR ...` without the unary plus, so SQLite seeks reports_status_updated
 * for each (a multi-index OR) and reads only the few recent ones. Undefined when none is asked.
 */
export function windowedSeek(statuses: readonly Status[], now: Date): SqlPart | undefined {
  const terms: SqlPart[] = [];
  for (const status of statuses) {
    const window = PUBLIC_WINDOW[status];
    if (typeof window !== 'number') continue;
    terms.push({ sql: '(r.status = ? AND r.updated_at >= ?)', params: [status, new Date(now.getTime() - window * DAY_MS).toISOString()] });
  }
  return terms.length ? or(terms) : undefined;
}

export function inList(column: string, values: readonly (string | number)[]): SqlPart {
  if (values.length === 0) return { sql: '0', params: [] };
  return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}

export function and(...parts: SqlPart[]): SqlPart {
  return { sql: `(${parts.map((p) => p.sql).join(' AND ')})`, params: parts.flatMap((p) => p.params) };
}

/** OR of the parts; no parts is false (nothing matches). */
function or(parts: SqlPart[]): SqlPart {
  if (parts.length === 0) return { sql: '0', params: [] };
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}
