import type { Database, Statement } from 'better-sqlite3';
import { StatementCache } from './statement-cache.js';
import type { Status } from '../../common/catalogue.js';
import { CONFIRMED_STATUSES, PUBLIC_WINDOW } from '../../common/visibility.js';
import type { MapCellGroup } from '../store/map-clusters.js';
import type { MapSelection as StoreMapSelection } from '../store/map-selection.js';
import type { MapPoint } from '../store/map-serialise.js';
import { OTHERS_CHECK_MS, type UnitScope } from '../store/report-map.js';
import { and, inList, publicPredicate, windowedSeek, type SqlPart } from './visibility-sql.js';

/** What the map asks for (map-selection.ts), and how SQLite should find it. */
export interface MapSelection extends StoreMapSelection {
  /** Narrow by the R*Tree first (a bbox much smaller than the unit's area). */
  viaRtree?: boolean;
}

const POINT_COLUMNS = `r.id, r.lon, r.lat, r.category, r.status, r.created_at AS createdAt,
  r.updated_at AS updatedAt, r.confirmations, r.unit_id AS unit`;

/** How stale another process's writes may be on the map (this process's own show at once). */
export { OTHERS_CHECK_MS };

// The unit and its descendants, for scoping a map to a unit subtree.
const SUBTREE = `WITH RECURSIVE tree (id) AS (
    SELECT id FROM units WHERE id = ? UNION ALL SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id
  ) SELECT id FROM tree ORDER BY id`;

/**
 * The public map's reads (GET /api/v1/reports): visible reports of a unit subtree as points,
 * or counted per grid cell for clusters. Only public columns are ever selected. Statements
 * differ by the lengths of their IN lists, so they are prepared once per shape and kept.
 */
export class ReportMapRepository {
  private readonly statements: StatementCache;
  private readonly scopes = new Map<string, UnitScope | null>();
  private readonly unitRow: Statement<[string], { kind: string; minLon: number; minLat: number; maxLon: number; maxLat: number }>;
  private readonly subtree: Statement<[string], { id: string }>;
  private readonly ownChanges: Statement<[], number>;
  private readonly othersChanges: Statement<[], number>;
  private readonly unitVersionRow: Statement<[string], number>;
  private readonly versions = new Map<string, string>();
  private versionsOf = '';
  private othersVersion = 0;
  private othersCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(db: Database) {
    this.statements = new StatementCache(db);
    this.unitRow = db.prepare(
      'SELECT kind, min_lon AS minLon, min_lat AS minLat, max_lon AS maxLon, max_lat AS maxLat FROM units WHERE id = ?',
    );
    this.subtree = db.prepare(SUBTREE);
    this.ownChanges = db.prepare('SELECT total_changes()').pluck() as Statement<[], number>;
    this.othersChanges = db.prepare('PRAGMA data_version').pluck() as Statement<[], number>;
    this.unitVersionRow = db.prepare('SELECT version FROM map_versions WHERE unit_id = ?').pluck() as Statement<[string], number>;
  }

  /** A unit's subtree and area box, or undefined for an unknown unit (units do not change at run time). */
  scope(unitId: string): UnitScope | undefined {
    if (!this.scopes.has(unitId)) {
      const row = this.unitRow.get(unitId);
      this.scopes.set(unitId, row ? {
        kind: row.kind,
        units: this.subtree.all(unitId).map((u) => u.id),
        bbox: [row.minLon, row.minLat, row.maxLon, row.maxLat],
      } : null);
    }
    return this.scopes.get(unitId) ?? undefined;
  }

  /**
   * Changes with every write to the database: total_changes() counts the rows this connection
   * changed (citizens' reports, staff status moves, anything) and moves at once; data_version
   * moves when another connection or process (e.g. `npm run seed:demo`) commits. It is read at
   * most every OTHERS_CHECK_MS, because reading it opens a read transaction on the WAL (a few
   * microseconds, a quarter of a cached county answer's cost), while total_changes() reads no
   * table. Writes that do not touch reports also move it; that only costs a recomputed answer.
   */
  dataVersion(nowMs = performance.now()): string {
    if (nowMs - this.othersCheckedAt >= OTHERS_CHECK_MS) {
      this.othersVersion = this.othersChanges.get()!;
      this.othersCheckedAt = nowMs;
    }
    return `${this.ownChanges.get()!}:${this.othersVersion}`;
  }

  /**
   * The version of what a unit's map shows: moves with every write to a report of its subtree
   * (map_versions, kept by triggers of migration 020), and only then. It is read from the
   * table once per dataVersion() and unit, so a cached answer costs no query while nothing
   * is written.
   */
  unitVersion(unitId: string, nowMs = performance.now()): string {
    const data = this.dataVersion(nowMs);
    if (data !== this.versionsOf) {
      this.versionsOf = data;
      this.versions.clear();
    }
    let version = this.versions.get(unitId);
    if (version === undefined) {
      version = String(this.unitVersionRow.get(unitId) ?? 0);
      if (this.versions.size >= 1000) this.versions.clear();
      this.versions.set(unitId, version);
    }
    return version;
  }

  /**
   * Up to `limit` visible reports. `byFilter` reads them through reports_filter (category,
   * status, created_at): one seek per category and status asked for, so a selective national
   * question reads its own matches, not the country until it has found enough.
   */
  points(selection: MapSelection, limit: number, byFilter = false): MapPoint[] {
    // No ORDER BY in SQL: a LIMIT then stops early on a large match; the caller sorts what fits.
    if (!byFilter) {
      const where = whereOf(selection);
      return this.prepare(`SELECT ${POINT_COLUMNS} FROM reports r WHERE ${where.sql} LIMIT ?`).all(...where.params, limit) as MapPoint[];
    }
    // (Not through the R*Tree: the filter's index reads fewer.)
    const where = whereOf({ ...selection, viaRtree: false });
    // Statuses shown for ever by category and status, only the pairs that can be visible;
    // those shown for a window by their recent changes (reports_filter would read every
    // eliminated report since 2016).
    const forever = selection.statuses.filter((s) => PUBLIC_WINDOW[s] === 'always');
    const pairs: [string[], readonly Status[]][] = [
      [selection.categories.filter((c) => c.visibility === 'always').map((c) => c.code), forever],
      [selection.categories.filter((c) => c.visibility === 'confirmed').map((c) => c.code), forever.filter((s) => CONFIRMED_STATUSES.includes(s))],
    ];
    const points: MapPoint[] = [];
    for (const [codes, statuses] of pairs) {
      if (!codes.length || !statuses.length || points.length >= limit) continue;
      const seek = and(inList('r.category', codes), inList('r.status', statuses), where);
      points.push(...(this.prepare(`SELECT ${POINT_COLUMNS} FROM reports r INDEXED BY reports_filter WHERE ${seek.sql} LIMIT ?`)
        .all(...seek.params, limit - points.length) as MapPoint[]));
    }
    const recent = windowedSeek(selection.statuses, selection.now);
    if (recent && points.length < limit) {
      const seek = and(recent, where);
      points.push(...(this.prepare(`SELECT ${POINT_COLUMNS} FROM reports r WHERE ${seek.sql} LIMIT ?`)
        .all(...seek.params, limit - points.length) as MapPoint[]));
    }
    return points;
  }

  /**
   * Visible reports grouped by grid cell (cells of `cellLon` x `cellLat` degrees from -180/-90,
   * so cells stay put as the map pans), status and category, with sums for the centroid.
   * `seek` says where to find them (map-base-cells.ts boxSeek).
   */
  cells(selection: MapSelection, cellLon: number, cellLat: number, seek?: SqlPart): MapCellGroup[] {
    const where = seek ? and(seek, whereOf(selection)) : whereOf(selection);
    const sql = `SELECT CAST((r.lon + 180) / ? AS INTEGER) AS cx, CAST((r.lat + 90) / ? AS INTEGER) AS cy,
        r.status, r.category, count(*) AS count, sum(r.lon) AS sumLon, sum(r.lat) AS sumLat,
        min(r.lon) AS minLon, min(r.lat) AS minLat, max(r.lon) AS maxLon, max(r.lat) AS maxLat,
        max(r.updated_at) AS updatedAt
      FROM reports r WHERE ${where.sql} GROUP BY cx, cy, r.status, r.category`;
    return this.prepare(sql).all(cellLon, cellLat, ...where.params) as MapCellGroup[];
  }

  private prepare(sql: string): Statement<unknown[]> {
    return this.statements.get(sql);
  }
}

/** The whole filter of a selection as a WHERE clause on `reports r`. */
export function whereOf(s: MapSelection): SqlPart {
  const parts: SqlPart[] = [];
  if (s.units) parts.push(inList('r.unit_id', s.units));
  if (s.since) parts.push({ sql: 'r.created_at >= ?', params: [s.since] });
  if (s.until) parts.push({ sql: 'r.created_at < ?', params: [s.until] });
  if (s.bbox) {
    const [minLon, minLat, maxLon, maxLat] = s.bbox;
    if (s.viaRtree) {
      // The R*Tree keeps float32 boxes, rounded outward by under a metre: widen, then test exactly.
      const e = 1e-5;
      parts.push({
        sql: 'r.seq IN (SELECT seq FROM reports_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)',
        params: [minLon - e, maxLon + e, minLat - e, maxLat + e],
      });
    }
    parts.push({ sql: 'r.lon BETWEEN ? AND ? AND r.lat BETWEEN ? AND ?', params: [minLon, maxLon, minLat, maxLat] });
  }
  parts.push(publicPredicate(s.categories, s.statuses, s.now));
  return and(...parts);
}
