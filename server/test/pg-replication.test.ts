// Streaming replication of the PostgreSQL store (README "Storage"): a primary and a hot
// standby made by pg_basebackup, both throwaway clusters on this machine. What the store wrote
// on the primary, before and after the standby started, is on the standby; the standby refuses
// writes until promoted; after the primary crashes and the standby is promoted, the store runs
// on it with every committed report and the daily rule's actions, and takes new writes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type pg from 'pg';
import { loadShippedData } from '../shipped-data.js';
import { migratePostgres } from '../store/postgres/migrate.js';
import { pgSeedIfEmpty } from '../store/postgres/pg-seed.js';
import { pgStore } from '../store/postgres/pg-store.js';
import { createPgPool } from '../store/postgres/pool.js';
import type { Store } from '../store/store.js';
import { localPgUnavailableReason, startPgCluster, type PgCluster } from './pg-cluster.js';

const skip = localPgUnavailableReason() ?? false;

let next = 0;
async function writeReports(store: Store, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => `REPL${String(++next).padStart(6, '0')}`);
  await store.unit(async (tx) => {
    for (const id of ids) {
      await tx.reports.insert({ id, unitId: 'kmp-olsztyn', category: 'vandalism', lon: 20.48, lat: 53.78, trackingHash: randomBytes(32), createdAt: new Date().toISOString() });
      await tx.dailyActions.record(Buffer.from(id.padEnd(32, '.')), 'device', 'report', new Date().toISOString());
    }
  });
  return ids;
}

async function count(pool: pg.Pool, table: 'reports' | 'daily_actions'): Promise<number> {
  return Number((await pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
}

/**
 * Waits until the standby has replayed everything the primary had written when asked: the WAL
 * inserted so far, not only what was written out (test clusters commit asynchronously, so a
 * commit may still sit in the WAL buffers, below pg_current_wal_lsn(), until the WAL writer runs).
 */
async function caughtUp(primary: pg.Pool, standby: pg.Pool): Promise<void> {
  const lsn = (await primary.query('SELECT pg_current_wal_insert_lsn() AS lsn')).rows[0].lsn as string;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await standby.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
    if (rows[0].done) return;
    if (Date.now() > deadline) throw new Error(`the standby did not replay up to ${lsn} in 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a standby follows the primary, refuses writes, and once promoted carries on with every committed write', { skip, timeout: 180_000 }, async (t) => {
  const clusters: PgCluster[] = [];
  const pools: pg.Pool[] = [];
  const stores: Store[] = [];
  t.after(async () => {
    await Promise.allSettled(stores.map((s) => s.drain()));
    await Promise.allSettled(pools.map((p) => p.end()));
    await Promise.allSettled(clusters.map((c) => c.stop()));
  });
  const open = (url: string): { pool: pg.Pool; store: Store } => {
    const pool = createPgPool({ connectionString: url, max: 4 });
    // A crashed server ends idle connections: the pool drops them (unheard, the event would end the test).
    pool.on('error', () => undefined);
    const store = pgStore(pool);
    pools.push(pool);
    stores.push(store);
    return { pool, store };
  };

  const primary = await startPgCluster({ database: 'kmzb' });
  clusters.push(primary);
  const onPrimary = open(primary.url);
  await migratePostgres(onPrimary.pool);
  await pgSeedIfEmpty(onPrimary.pool, () => loadShippedData());
  const before = await writeReports(onPrimary.store, 40);

  const standby = await startPgCluster({ standbyOf: primary });
  clusters.push(standby);
  const onStandby = open(standby.url);
  const after = await writeReports(onPrimary.store, 60);
  await caughtUp(onPrimary.pool, onStandby.pool);
  assert.equal((await onStandby.pool.query('SELECT pg_is_in_recovery() AS r')).rows[0].r, true);
  assert.equal(await count(onStandby.pool, 'reports'), 100, 'written before and after the standby started');
  assert.equal(await count(onStandby.pool, 'daily_actions'), 100, 'the daily rule\'s actions too');
  assert.equal((await onStandby.store.reports.find(after.at(-1)!))?.unitId, 'kmp-olsztyn', 'the port reads the standby');
  const digest = 'SELECT md5(string_agg(t::text, \',\' ORDER BY t::text)) AS d FROM stats_counts t';
  assert.equal((await onStandby.pool.query(digest)).rows[0].d, (await onPrimary.pool.query(digest)).rows[0].d, 'the statistics aggregate is the same');
  await assert.rejects(writeReports(onStandby.store, 1), (error: { code?: string }) => error.code === '25006', 'a standby is read-only');

  // The primary crashes (no checkpoint, no goodbye); the standby is promoted and the store goes on there.
  await primary.crash();
  await standby.promote();
  const promoted = open(standby.url);
  assert.equal(await migratePostgres(promoted.pool), await migratePostgres(promoted.pool), 'already at the current schema');
  assert.equal(await promoted.store.reports.count(), 100, 'every committed report survived the primary');
  for (const id of [before[0]!, after.at(-1)!]) assert.ok(await promoted.store.reports.find(id), id);
  const later = await writeReports(promoted.store, 5);
  assert.equal(await promoted.store.reports.count(), 105, 'the promoted standby takes writes');
  assert.ok(await promoted.store.reports.find(later[0]!));
});
