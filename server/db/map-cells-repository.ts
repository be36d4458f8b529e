import type { Database, Statement } from 'better-sqlite3';
import { StatementCache } from './statement-cache.js';
import { PUBLIC_WINDOW } from '../../common/visibility.js';
import type { Status } from '../../common/catalogue.js';
import type { BaseCellGroup } from '../store/map-clusters.js';
import type { CellRange } from '../store/map-grid.js';
import type { PeriodPlan, YearSpan } from '../store/period-plan.js';
import type { MapSelection } from './report-map-repository.js';
import { visiblePairs } from '../store/map-selection.js';
import { and, inList, type SqlPart } from './visibility-sql.js';

/** The statuses map_cells counts whatever their age (migration 020's list: a test checks they agree). */
export const COUNTED_STATUSES: readonly Status[] = (Object.keys(PUBLIC_WINDOW) as Status[]).filter((s) => PUBLIC_WINDOW[s] === 'always');

// The cell as migration 017 computes grid_x/grid_y, from the columns the indexes hold (a
// virtual column would be computed from the table row: a lookup per report).
const GROUP_COLUMNS = `CAST((r.lon + 180) / 0.439453125 AS INTEGER) AS gx, CAST((r.lat + 90) / 0.2705543592739709 AS INTEGER) AS gy,
  r.status, r.category, count(*) AS count,
  sum(CAST(round(r.lon * 1000000) AS INTEGER)) AS sumLon, sum(CAST(round(r.lat * 1000000) AS INTEGER)) AS sumLat,
  max(r.updated_at) AS updatedAt`;

/**
 * Reads of the map's exact aggregate (map_cells, migration 020) and of the reports it does
 * not hold (partial days, a box's edges, a minute of windowed changes), both as base-cell
 * groups, so an answer can add them up; and the sweep that keeps its windowed part current.
 */
export class MapCellsRepository {
  private readonly statements: StatementCache;
  private readonly minYear: Statement<[], string | null>;
  private readonly maxYear: Statement<[], string | null>;
  private readonly cutRows: Statement<[], { status: Status; window_days: number; cut: string }>;
  private readonly expire: Statement<[Status, string, string]>;
  private readonly expireSuffixes: Statement<[Status, string, string]>;
  private readonly moveCut: Statement<[string, Status]>;
  private readonly foldDays: Statement<[string, string]>;
  private readonly frontier: Statement<[], string>;
  private readonly moveFrontier: Statement<[string]>;
  private readonly dayFrom: Statement<[string], string | null>;
  private readonly dayAfter: Statement<[string], string | null>;

  constructor(private readonly db: Database) {
    this.statements = new StatementCache(db);
    this.cutRows = db.prepare('SELECT status, window_days, cut FROM map_cuts');
    // The same contribution the delete trigger takes out, per report that left its window.
    this.expire = db.prepare(`INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
      SELECT g.prefix || substr(r.created_at, 1, g.len), r.status, r.category, r.grid_x, r.grid_y, r.unit_id, -count(*),
        -sum(CAST(round(r.lon * 1000000) AS INTEGER)), -sum(CAST(round(r.lat * 1000000) AS INTEGER)), max(r.updated_at)
      FROM reports r JOIN (SELECT 'A' AS prefix, 0 AS len UNION ALL SELECT 'Y', 4 UNION ALL SELECT 'M', 7 UNION ALL SELECT 'D', 10) g
      WHERE r.status = ? AND r.updated_at >= ? AND r.updated_at < ?
      GROUP BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
        sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max)`);
    // And from the suffix buckets of migration 021, as its delete trigger does.
    this.expireSuffixes = db.prepare(`INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
      SELECT s.period, r.status, r.category, r.grid_x, r.grid_y, r.unit_id, -count(*),
        -sum(CAST(round(r.lon * 1000000) AS INTEGER)), -sum(CAST(round(r.lat * 1000000) AS INTEGER)), max(r.updated_at)
      FROM reports r JOIN map_suffixes s ON (s.period >= 'S' AND s.period <= 'S' || substr(r.created_at, 1, 4))
        OR (s.period >= 'T' || substr(r.created_at, 1, 4) AND s.period <= 'T' || substr(r.created_at, 1, 7))
      WHERE r.status = ? AND r.updated_at >= ? AND r.updated_at < ? AND r.created_at < (SELECT day FROM map_frontier)
      GROUP BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
        sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max)`);
    // Migration 024: the day buckets of [frontier, today) into every suffix bucket of their day.
    this.foldDays = db.prepare(`INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
      SELECT s.period, c.status, c.category, c.gx, c.gy, c.unit_id, sum(c.n), sum(c.sum_lon), sum(c.sum_lat), max(c.updated_max)
      FROM map_cells c JOIN map_suffixes s ON (s.period >= 'S' AND s.period <= 'S' || substr(c.period, 2, 4))
        OR (s.period >= 'T' || substr(c.period, 2, 4) AND s.period <= 'T' || substr(c.period, 2, 7))
      WHERE c.period >= 'D' || ? AND c.period < 'D' || ?
      GROUP BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
        sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max)`);
    this.frontier = db.prepare('SELECT day FROM map_frontier').pluck() as Statement<[], string>;
    this.moveFrontier = db.prepare('UPDATE map_frontier SET day = ?');
    // The next day bucket with rows: one seek each.
    this.dayFrom = db.prepare("SELECT min(period) FROM map_cells WHERE period >= ? AND period < 'E'").pluck() as Statement<[string], string | null>;
    this.dayAfter = db.prepare("SELECT min(period) FROM map_cells WHERE period > ? AND period < 'E'").pluck() as Statement<[string], string | null>;
    this.moveCut = db.prepare('UPDATE map_cuts SET cut = ? WHERE status = ?');
    // Two seeks on the primary key (period first): microseconds.
    this.minYear = db.prepare("SELECT min(period) FROM map_cells WHERE period >= 'Y' AND period < 'Z'").pluck() as Statement<[], string | null>;
    this.maxYear = db.prepare("SELECT max(period) FROM map_cells WHERE period >= 'Y' AND period < 'Z'").pluck() as Statement<[], string | null>;
  }

  /**
   * The years the aggregate has rows for, with where its suffix buckets end and the day
   * buckets after that (migration 024); undefined when it has no rows. Read these and the
   * buckets in one transaction (the sweep moves the frontier).
   */
  years(): YearSpan | undefined {
    const min = this.minYear.get();
    const max = this.maxYear.get();
    if (!min || !max) return undefined;
    const frontier = this.frontier.get()!;
    const liveDays: string[] = [];
    for (let day = this.dayFrom.get(`D${frontier}`); day; day = this.dayAfter.get(day)) liveDays.push(day);
    return { min: Number(min.slice(1)), max: Number(max.slice(1)), frontier, liveDays };
  }

  /**
   * The reports map_cells holds of the plan's buckets in `cells`, summed per cell, status
   * and category. Each bucket list, status and category is a seek on the key (period, status,
   * category, gx), so a selective filter reads only its own rows.
   */
  aggregate(selection: MapSelection, plan: PeriodPlan, cells: CellRange): BaseCellGroup[] {
    const parts = bucketRows(selection, plan, cells);
    if (!parts.length) return [];
    const sql = `SELECT gx, gy, status, category, sum(n) AS count, sum(sl) AS sumLon, sum(sa) AS sumLat, max(u) AS updatedAt
      FROM (${parts.map((p) => p.sql).join(' UNION ALL ')}) GROUP BY gx, gy, status, category HAVING sum(n) <> 0`;
    return this.prepare(sql).all(...parts.flatMap((p) => p.params)) as BaseCellGroup[];
  }

  /**
   * How many reports of the counted statuses match the selection's categories, statuses and
   * whole days in the whole country (no unit, no box): what reading points by reports_filter
   * would go through. A sum in SQL, no rows out.
   */
  filterCount(selection: MapSelection, plan: PeriodPlan): number {
    const parts = bucketRows({ ...selection, units: undefined }, plan, undefined);
    if (!parts.length) return 0;
    return (this.prepare(`SELECT coalesce(sum(n), 0) FROM (${parts.map((p) => p.sql).join(' UNION ALL ')})`).pluck()
      .get(...parts.flatMap((p) => p.params)) as number);
  }

  /** Per windowed status, the time from which its reports are in map_cells. */
  cuts(): Map<Status, string> {
    return new Map(this.cutRows.all().map((c) => [c.status, c.cut]));
  }

  /**
   * Moves each windowed status's cut to `now` minus its window, taking out of map_cells the
   * reports that left their window meanwhile (found by reports_status_updated), and the
   * frontier of the suffix buckets to `now`'s day (folding the days before it in), in one
   * transaction. Run by the writer every minute; anyone may run it (it only moves forward).
   */
  sweep(now: Date): number {
    let removed = 0;
    this.db.transaction(() => {
      // The days before today go into the suffix buckets (migration 024), once a day.
      const today = now.toISOString().slice(0, 10);
      const frontier = this.frontier.get()!;
      if (frontier < today) {
        this.foldDays.run(frontier, today);
        this.moveFrontier.run(today);
      }
      for (const { status, window_days: days, cut } of this.cutRows.all()) {
        const next = new Date(now.getTime() - days * 86_400_000).toISOString();
        if (next <= cut) continue;
        removed += this.expire.run(status, cut, next).changes;
        this.expireSuffixes.run(status, cut, next);
        this.moveCut.run(next, status);
      }
    })();
    return removed;
  }

  /** Visible reports matching `where`, grouped per base cell, status and category. */
  groups(where: SqlPart): BaseCellGroup[] {
    const sql = `SELECT ${GROUP_COLUMNS} FROM reports r WHERE ${where.sql} GROUP BY gx, gy, r.status, r.category`;
    return this.prepare(sql).all(...where.params) as BaseCellGroup[];
  }

  /**
   * The same groups for a `where` that seeks one of the base cells' indexes (migration 022:
   * grid_x, grid_y, status, category, then the coordinate a box's edge cuts by), named so the
   * seek is the cut's whatever SQLite's estimates. The groups follow the index's order: SQLite
   * adds them up as it reads, without sorting every report read.
   */
  cellGroups(where: SqlPart, index: CellIndex): BaseCellGroup[] {
    return this.prepare(cellGroupsSql(where, index)).all(...where.params) as BaseCellGroup[];
  }

  private prepare(sql: string): Statement<unknown[]> {
    return this.statements.get(sql);
  }
}

/** The indexes of migration 022: a base cell's reports per status and category, by longitude or by latitude. */
export type CellIndex = 'reports_cells_lon' | 'reports_cells_lat';

/** The statement of MapCellsRepository.cellGroups (exported for a test of its plan). */
export function cellGroupsSql(where: SqlPart, index: CellIndex): string {
  return `SELECT r.grid_x AS gx, r.grid_y AS gy, ${GROUP_COLUMNS.slice(GROUP_COLUMNS.indexOf('r.status'))}
    FROM reports r INDEXED BY ${index} WHERE ${where.sql} GROUP BY r.grid_x, r.grid_y, r.status, r.category`;
}

/**
 * One SELECT of aggregate rows per sign and category rule, the minus buckets negated: from
 * map_cells for a unit's subtree, from map_national (the same sums without units) for the
 * whole country.
 */
function bucketRows(selection: MapSelection, plan: PeriodPlan, cells: CellRange | undefined): SqlPart[] {
  const pairs = visiblePairs(selection);
  // The whole country's questions read the unit-free copy (migration 023): half the rows.
  const table = selection.units ? 'map_cells' : 'map_national';
  const parts: SqlPart[] = [];
  for (const [periods, sign] of [[plan.plus, ''], [plan.minus, '-']] as const) {
    if (!periods.length) continue;
    for (const [categories, statuses] of pairs) {
      if (!categories.length || !statuses.length) continue;
      const where = and(
        inList('period', periods), inList('status', statuses), inList('category', categories),
        ...(cells ? [{ sql: 'gx BETWEEN ? AND ? AND gy BETWEEN ? AND ?', params: [cells.gx0, cells.gx1, cells.gy0, cells.gy1] }] : []),
        ...(selection.units ? [inList('unit_id', selection.units)] : []),
      );
      parts.push({
        sql: `SELECT gx, gy, status, category, ${sign}n AS n, ${sign}sum_lon AS sl, ${sign}sum_lat AS sa, updated_max AS u
          FROM ${table} WHERE ${where.sql} AND n <> 0`,
        params: where.params,
      });
    }
  }
  return parts;
}
