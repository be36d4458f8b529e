import type { Database, Statement } from 'better-sqlite3';
import { PUBLIC_WINDOW, CONFIRMED_STATUSES } from '../reports/visibility.js';
import type { PeriodPlan, YearSpan } from '../reports/period-plan.js';
import type { Status } from '../../common/catalogue.js';
import type { MapSelection } from './report-map-repository.js';
import { and, inList, publicPredicate, type SqlPart } from './visibility-sql.js';

/**
 * The reports of one base-grid cell (zoom 8, reports.grid_x/grid_y), status and category:
 * how many, the sums of their coordinates in whole micro-degrees (exact when added and
 * subtracted), and the newest change seen.
 */
export interface BaseCellGroup {
  gx: number;
  gy: number;
  status: Status;
  category: string;
  count: number;
  sumLon: number;
  sumLat: number;
  updatedAt: string;
}

/** Inclusive ranges of base-grid cells. */
export interface CellRange {
  gx0: number;
  gx1: number;
  gy0: number;
  gy1: number;
}

/** The statuses map_cells counts (migration 020's list: a test checks they agree). */
export const COUNTED_STATUSES: readonly Status[] = (Object.keys(PUBLIC_WINDOW) as Status[]).filter((s) => PUBLIC_WINDOW[s] === 'always');
/** Statuses shown for some days after their last change: read from the reports. */
export const WINDOWED_STATUSES: readonly Status[] = (Object.keys(PUBLIC_WINDOW) as Status[]).filter((s) => typeof PUBLIC_WINDOW[s] === 'number');

// The cell as migration 017 computes grid_x/grid_y, from the columns the indexes hold (a
// virtual column would be computed from the table row: a lookup per report).
const GROUP_COLUMNS = `CAST((r.lon + 180) / 0.439453125 AS INTEGER) AS gx, CAST((r.lat + 90) / 0.2705543592739709 AS INTEGER) AS gy,
  r.status, r.category, count(*) AS count,
  sum(CAST(round(r.lon * 1000000) AS INTEGER)) AS sumLon, sum(CAST(round(r.lat * 1000000) AS INTEGER)) AS sumLat,
  max(r.updated_at) AS updatedAt`;

/**
 * Reads of the map's exact aggregate (map_cells, migration 020) and of the few reports it
 * does not hold, both as base-cell groups, so an answer can add them up.
 */
export class MapCellsRepository {
  private readonly statements = new Map<string, Statement<unknown[]>>();
  private readonly minYear: Statement<[], string | null>;
  private readonly maxYear: Statement<[], string | null>;

  constructor(private readonly db: Database) {
    // Two seeks on the primary key (period first): microseconds.
    this.minYear = db.prepare("SELECT min(period) FROM map_cells WHERE period >= 'Y' AND period < 'Z'").pluck() as Statement<[], string | null>;
    this.maxYear = db.prepare("SELECT max(period) FROM map_cells WHERE period >= 'Y' AND period < 'Z'").pluck() as Statement<[], string | null>;
  }

  /** The years the aggregate has rows for; undefined when it has none. */
  years(): YearSpan | undefined {
    const min = this.minYear.get();
    const max = this.maxYear.get();
    return min && max ? { min: Number(min.slice(1)), max: Number(max.slice(1)) } : undefined;
  }

  /**
   * The counted statuses' reports of the plan's buckets in `cells`, summed per cell, status
   * and category. Each bucket list, status and category is a seek on the key (period, status,
   * category, gx), so a selective filter reads only its own rows.
   */
  aggregate(selection: MapSelection, plan: PeriodPlan, cells: CellRange): BaseCellGroup[] {
    const requested = selection.statuses.filter((s) => COUNTED_STATUSES.includes(s));
    const always = selection.categories.filter((c) => c.visibility === 'always').map((c) => c.code);
    const confirmed = selection.categories.filter((c) => c.visibility === 'confirmed').map((c) => c.code);
    const pairs: [string[], Status[]][] = [
      [always, requested],
      [confirmed, requested.filter((s) => CONFIRMED_STATUSES.includes(s))],
    ];
    const parts: SqlPart[] = [];
    for (const [periods, sign] of [[plan.plus, ''], [plan.minus, '-']] as const) {
      if (!periods.length) continue;
      for (const [categories, statuses] of pairs) {
        if (!categories.length || !statuses.length) continue;
        const where = and(
          inList('period', periods), inList('status', statuses), inList('category', categories),
          { sql: 'gx BETWEEN ? AND ? AND gy BETWEEN ? AND ?', params: [cells.gx0, cells.gx1, cells.gy0, cells.gy1] },
          ...(selection.units ? [inList('unit_id', selection.units)] : []),
        );
        parts.push({
          sql: `SELECT gx, gy, status, category, ${sign}n AS n, ${sign}sum_lon AS sl, ${sign}sum_lat AS sa, updated_max AS u
            FROM map_cells WHERE ${where.sql} AND n <> 0`,
          params: where.params,
        });
      }
    }
    if (!parts.length) return [];
    const sql = `SELECT gx, gy, status, category, sum(n) AS count, sum(sl) AS sumLon, sum(sa) AS sumLat, max(u) AS updatedAt
      FROM (${parts.map((p) => p.sql).join(' UNION ALL ')}) GROUP BY gx, gy, status, category HAVING sum(n) <> 0`;
    return this.prepare(sql).all(...parts.flatMap((p) => p.params)) as BaseCellGroup[];
  }

  /**
   * Visible reports of the windowed statuses (eliminated, not_confirmed) in the selection:
   * only those changed within their window, found through reports_status_updated.
   */
  windowed(selection: MapSelection, where: SqlPart): BaseCellGroup[] {
    const terms: SqlPart[] = [];
    for (const status of selection.statuses) {
      const window = PUBLIC_WINDOW[status];
      if (typeof window !== 'number') continue;
      terms.push({ sql: '(r.status = ? AND r.updated_at >= ?)', params: [status, new Date(selection.now.getTime() - window * 86_400_000).toISOString()] });
    }
    if (!terms.length) return [];
    const seek = { sql: `(${terms.map((t) => t.sql).join(' OR ')})`, params: terms.flatMap((t) => t.params) };
    return this.groups(and(seek, where));
  }

  /** Visible reports matching `where`, grouped per base cell, status and category. */
  groups(where: SqlPart): BaseCellGroup[] {
    const sql = `SELECT ${GROUP_COLUMNS} FROM reports r WHERE ${where.sql} GROUP BY gx, gy, r.status, r.category`;
    return this.prepare(sql).all(...where.params) as BaseCellGroup[];
  }


  private prepare(sql: string): Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      // A bound on distinct shapes (list lengths); past it, start over rather than grow.
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** Visibility of the counted statuses only (the raw reads of partial days and edges). */
export function countedPredicate(selection: MapSelection): SqlPart {
  return publicPredicate(selection.categories, selection.statuses.filter((s) => COUNTED_STATUSES.includes(s)), selection.now);
}
