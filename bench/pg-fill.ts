/**
 * PostgreSQL for the national benchmarks: a throwaway cluster (the test helpers' startPgCluster,
 * durability off unless asked: most of these benches read) migrated and seeded like the app's store, and filled
 * with the reports of a bench's SQLite file, so both stores answer about the same reports.
 * Not a copier (that is `migrate-store`'s job): only the columns the map reads, in batched
 * INSERTs of 5,000 rows with the triggers off (session_replication_role = replica, as the
 * baseline's backfill functions expect after a bulk load), then the map aggregate rebuilt by
 * kmzb_backfill_map() and the tables analysed and vacuumed (index-only scans need the
 * visibility map). The statistics aggregate is rebuilt only when asked (`stats`, with the
 * reports' verification and final times among the `columns`): the map does not read it.
 */
import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { buildUnitSeeds } from '../server/geo/unit-seeds.js';
import { loadShippedData } from '../server/shipped-data.js';
import { migratePostgres } from '../server/store/postgres/migrate.js';
import { pgSeedIfEmpty } from '../server/store/postgres/pg-seed.js';
import { createPgPool } from '../server/store/postgres/pool.js';
import { withPgClient } from './pg-activity.js';
import { startPgCluster, type PgCluster } from '../server/test/pg-cluster.js';

const BATCH = 5000;

type Row = [string, string, string, string, string, number, number, Buffer, string, string, number, number, ...(string | null)[]];

export interface FillOptions {
  /** Text columns of `reports` to copy beyond the map's (e.g. first_verified_at, closed_at). */
  columns?: readonly string[];
  /** Rebuild the statistics aggregate (kmzb_backfill_stats from the reports' own times). */
  stats?: boolean;
  /** fsync and synchronous_commit on, for a bench that writes (default: off, these benches read). */
  durable?: boolean;
  /** Server settings beyond the benches' own (e.g. shared_preload_libraries for a look inside). */
  settings?: Record<string, string>;
}

/** A cluster with a migrated, seeded, filled `kmzb_bench` database; stop() it when done. */
export async function benchPostgres(sqlitePath: string, options: FillOptions = {}): Promise<PgCluster> {
  const cluster = await startPgCluster({
    database: 'kmzb_bench',
    durable: options.durable ?? false,
    settings: { shared_buffers: '256MB', log_min_messages: 'warning', log_statement: 'none', log_min_duration_statement: -1, ...options.settings },
  });
  const pool = createPgPool({ connectionString: cluster.url, max: 2 });
  try {
    await migratePostgres(pool);
    const data = loadShippedData();
    await pgSeedIfEmpty(pool, () => data, buildUnitSeeds(data));
    await fill(pool, sqlitePath, options);
  } catch (error) {
    await cluster.stop();
    throw error;
  } finally {
    await pool.end();
  }
  return cluster;
}

async function fill(pool: pg.Pool, sqlitePath: string, options: FillOptions): Promise<void> {
  const extra = options.columns ?? [];
  if (extra.some((c) => !/^[a-z_]+$/.test(c))) throw new Error(`not a column name: ${extra.join(', ')}`);
  const extraList = extra.map((c) => `, ${c}`).join('');
  const lite = new BetterSqlite3(sqlitePath, { readonly: true, fileMustExist: true });
  const client = await pool.connect();
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
  try {
    const rows = lite.prepare(`SELECT id, unit_id, category, status, source, lon, lat, tracking_hash, created_at, updated_at, confirmations, demo
      ${extraList}
      FROM reports ORDER BY seq`).raw().iterate() as IterableIterator<Row>;
    await client.query('SET session_replication_role = replica');
    let batch: Row[] = [];
    let n = 0;
    const flush = async (): Promise<void> => {
      const column = (i: number) => batch.map((row) => row[i]);
      await client.query(`INSERT INTO reports (id, unit_id, category, status, source, lon, lat, tracking_hash, created_at, updated_at, confirmations, demo${extraList})
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::bytea[], $9::text[], $10::text[], $11::int[], $12::int[]${extra.map((_, i) => `, $${13 + i}::text[]`).join('')})`,
      Array.from({ length: 12 + extra.length }, (_, i) => column(i)));
      n += batch.length;
      if (n % 100_000 < BATCH) console.log(`  postgres: ${n} reports, ${seconds()} s`);
      batch = [];
    };
    for (const row of rows) {
      batch.push(row);
      if (batch.length === BATCH) await flush();
    }
    if (batch.length) await flush();
    await client.query('SET session_replication_role = origin');
    const cells = (await client.query<{ n: number }>('SELECT kmzb_backfill_map(true) AS n')).rows[0]!.n;
    if (options.stats) {
      const counts = (await client.query<{ n: string }>('SELECT kmzb_backfill_stats(false) AS n')).rows[0]!.n;
      await client.query('VACUUM ANALYZE stats_counts');
      console.log(`  postgres: ${counts} stats_counts rows`);
    }
    await client.query('VACUUM ANALYZE reports');
    await client.query('VACUUM ANALYZE map_cells');
    await client.query('VACUUM ANALYZE map_national');
    // The fill's pages written out now, not by a checkpoint during the bench that follows.
    await client.query('CHECKPOINT');
    // Index scans counted from here are the bench's own (reportIndexUse), not the fill's.
    await client.query('SELECT pg_stat_reset()');
    console.log(`  postgres: ${n} reports and ${cells} map_cells rows in ${seconds()} s`);
  } finally {
    client.release();
    lite.close();
  }
}

/**
 * How often each index of `reports` was scanned since the cluster started (pg_stat_user_indexes),
 * with its size: which indexes a benchmark's questions needed, and which only cost its writes.
 */
export function reportIndexUse(url: string): Promise<string> {
  return withPgClient(url, async (client) => {
    // Counts as they are now, not as this connection's cached statistics snapshot has them.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ index: string; scans: string; size: string }>(`SELECT indexrelname AS index, idx_scan AS scans,
        pg_size_pretty(pg_relation_size(indexrelid)) AS size
      FROM pg_stat_user_indexes WHERE relname = 'reports' ORDER BY idx_scan DESC, indexrelname`);
    return ['| index of reports | scans | size |', '|---|---:|---:|', ...rows.map((r) => `| ${r.index} | ${r.scans} | ${r.size} |`)].join('\n');
  });
}
