import type pg from 'pg';
import { serialiseAsync, type MapBody } from '../map-serialise.js';
import { OTHERS_CHECK_MS, type BuiltAnswer, type MapBuilder, type MapJob, type ReportMapStore, type UnitScope } from '../report-map.js';
import { run, statement } from './pg-db.js';
import { pgMapBody } from './pg-map-answer.js';
import { pgSweep } from './pg-map-sweep.js';

const UNIT = statement('map_unit', 'SELECT kind, min_lon AS "minLon", min_lat AS "minLat", max_lon AS "maxLon", max_lat AS "maxLat" FROM units WHERE id = $1');
// The unit and its descendants, ordered as SQLite's engine orders them.
const SUBTREE = statement('map_subtree', `WITH RECURSIVE tree (id) AS (
    SELECT id FROM units WHERE id = $1 UNION ALL SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id
  ) SELECT id FROM tree ORDER BY id`);
const UNIT_VERSION = statement('map_unit_version', 'SELECT version FROM map_versions WHERE unit_id = $1');

/**
 * The public map on PostgreSQL with PostGIS: counts and coarse clusters from the map_cells
 * aggregate the baseline's triggers keep (as on SQLite: it answers a national question from
 * tens of thousands of rows instead of millions of reports), boxes through the GiST index on
 * reports.geom, fine clusters grouped in SQL. Answers are built on the event loop's thread,
 * the work being the database server's; gzip runs on libuv's pool.
 */
export class PgReportMap implements ReportMapStore {
  private readonly versions = new Map<string, string | Promise<string>>();
  private epoch = 0;
  private writes = 0;
  private seenWrites = 0;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly pool: pg.Pool) {}

  async scope(unitId: string): Promise<UnitScope | undefined> {
    const { rows } = await run<{ kind: string; minLon: number; minLat: number; maxLon: number; maxLat: number }>(this.pool, UNIT, [unitId]);
    const row = rows[0];
    if (!row) return undefined;
    const units = (await run<{ id: string }>(this.pool, SUBTREE, [unitId])).rows.map((u) => u.id);
    return { kind: row.kind, units, bbox: [row.minLon, row.minLat, row.maxLon, row.maxLat] };
  }

  /**
   * A write of this instance's units (pgStore tells): versions are read again on the next
   * question, so a citizen sees their report at once.
   */
  wrote(): void {
    this.writes++;
  }

  /**
   * map_versions' row of the unit (moved by the report triggers of every instance), read at
   * most once per OTHERS_CHECK_MS and unit while this instance writes nothing: a cached
   * answer then costs no round trip. Concurrent questions of one unit share one read.
   */
  unitVersion(unitId: string, nowMs = performance.now()): string | Promise<string> {
    if (this.writes !== this.seenWrites || nowMs - this.checkedAt >= OTHERS_CHECK_MS) {
      this.versions.clear();
      this.epoch++;
      this.seenWrites = this.writes;
      this.checkedAt = nowMs;
    }
    const known = this.versions.get(unitId);
    if (known !== undefined) return known;
    const epoch = this.epoch;
    const asked = run<{ version: number }>(this.pool, UNIT_VERSION, [unitId]).then(({ rows }) => {
      const version = String(rows[0]?.version ?? 0);
      if (this.epoch === epoch) this.versions.set(unitId, version);
      return version;
    }, (error: unknown) => {
      if (this.epoch === epoch) this.versions.delete(unitId);
      throw error;
    });
    this.versions.set(unitId, asked);
    return asked;
  }

  /** No threads: each build holds one pooled connection for its reads, whatever `workers` says. */
  builder(): MapBuilder {
    let closed = false;
    return {
      build: (job) => (closed ? Promise.reject(new Error('The map builder is closed.')) : this.build(job)),
      close: async () => {
        closed = true;
      },
    };
  }

  sweep(now: Date): Promise<number> {
    return pgSweep(this.pool, now);
  }

  /**
   * One connection, one READ ONLY REPEATABLE READ transaction: the aggregate, the cuts and the
   * reports of one answer are read from one snapshot, whatever commits meanwhile.
   */
  private async build(job: MapJob): Promise<BuiltAnswer> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    let body: MapBody;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      body = await pgMapBody(client, job);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
    return serialiseAsync(body);
  }
}
