/**
 * Durable report writes through the store port (Store.unit), on SQLite and on PostgreSQL: each
 * unit is the report desk's work for a new report (ReportDesk.submit): the daily rule's check
 * and log (DailyActionsStore.admitAndRecord: the device's and the network's times, and when
 * admitted their two rows and the pruning) asked for together with the insert
 * (ReportsStore.insertUnlessTaken: report, first history entry, a fresh id when the id is
 * taken; the aggregate triggers). `--writers` concurrent writers (default 64) each hand in one
 * unit after another, so units share commits as concurrent requests do. Every unit is durable
 * when it resolves: SQLite in WAL with synchronous = FULL (an fsync per commit), PostgreSQL
 * with fsync and synchronous_commit on (a throwaway cluster started with the test helpers'
 * startPgCluster({ durable: true }), on the same disk as SQLite's file). No HTTP: this
 * measures the store, not the server.
 *
 *   node --import tsx bench/store-write.ts [--store sqlite|postgres|both] [--duration 10] [--writers 64]
 *
 * Prints reports/s per store, the PostgreSQL/SQLite ratio when both ran, and for PostgreSQL the
 * units per commit, what one unit costs on its own (one writer), and where a batch's time goes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../server/db/open.js';
import { seedIfEmpty } from '../server/db/seed.js';
import { sqliteStore } from '../server/db/sqlite-store.js';
import { DailyKeys } from '../server/reports/daily-keys.js';
import { DailyRule } from '../server/reports/daily-rule.js';
import { newReportId, newTrackingToken } from '../server/reports/ids.js';
import { loadShippedData } from '../server/shipped-data.js';
import type { Store, StoreUnit, UnitOptions } from '../server/store/store.js';
import { migratePostgres } from '../server/store/postgres/migrate.js';
import { pgSeedIfEmpty } from '../server/store/postgres/pg-seed.js';
import { PgDailyActions } from '../server/store/postgres/pg-daily-actions.js';
import { PgReports } from '../server/store/postgres/pg-reports.js';
import { pgStore } from '../server/store/postgres/pg-store.js';
import { createPgPool } from '../server/store/postgres/pool.js';
import { startPgCluster } from '../server/test/pg-cluster.js';

/** What a report unit uses of a unit of work. */
type ReportUnit = Pick<StoreUnit, 'reports' | 'dailyActions'>;

interface WriteStore extends Pick<Store, 'drain'> {
  unit<T>(work: (tx: ReportUnit) => Promise<T>, options?: UnitOptions): Promise<T>;
}

/** Town centres the reports are scattered around, with a county unit each. */
const TOWNS: [string, number, number][] = [
  ['kmp-legnica', 16.16, 51.21], ['kmp-olsztyn', 20.48, 53.78], ['kmp-lublin', 22.57, 51.25],
  ['kmp-bydgoszcz', 18.01, 53.12], ['kmp-torun', 18.6, 53.01], ['kmp-walbrzych', 16.28, 50.77],
];
const CATEGORIES = ['speeding', 'illegal_parking', 'public_drinking', 'vandalism', 'road_infrastructure'];
/** Client networks (one IPv4 address each); the per-network cap is raised so that it never refuses. */
const NETWORKS = 4096;

interface Run {
  reports: number;
  refused: number;
  seconds: number;
  perSecond: number;
  latencyP50: number;
  latencyP99: number;
}

/** The report desk's unit for one new report (ReportDesk.submit without the routing and the photos). */
function submitUnit(rule: DailyRule, now: Date) {
  const [unitId, lon, lat] = TOWNS[Math.floor(Math.random() * TOWNS.length)]!;
  const device = randomBytes(18).toString('base64url');
  const n = Math.floor(Math.random() * NETWORKS);
  const ip = `10.${n >> 8}.${n & 255}.${1 + Math.floor(Math.random() * 250)}`;
  const tracking = newTrackingToken();
  const createdAt = now.toISOString();
  const category = CATEGORIES[Math.floor(Math.random() * CATEGORIES.length)]!;
  const point = { lon: lon + (Math.random() - 0.5) * 0.04, lat: lat + (Math.random() - 0.5) * 0.03 };
  return async (tx: ReportUnit): Promise<string> => {
    const insert = async (): Promise<string> => {
      let fresh: string;
      do fresh = newReportId();
      while (!(await tx.reports.insertUnlessTaken({
        id: fresh, unitId, category, ...point,
        description: 'Samochody regularnie parkują na chodniku przy szkole.',
        trackingHash: tracking.hash, createdAt,
      })));
      return fresh;
    };
    const [, fresh] = await Promise.all([rule.admitAndRecord(tx.dailyActions, device, ip, now, 'report'), insert()]);
    return fresh;
  };
}

async function load(store: WriteStore, writers: number, warmup: number, duration: number): Promise<Run> {
  const rule = new DailyRule(new DailyKeys(randomBytes(32)), { perDevice: 1, perNetwork: 1_000_000 });
  let measuring = false;
  let stop = false;
  let reports = 0;
  let refused = 0;
  const latencies: number[] = [];
  const writer = async (): Promise<void> => {
    while (!stop) {
      const started = performance.now();
      try {
        await store.unit(submitUnit(rule, new Date()), { oneRoundTrip: true });
        if (measuring) {
          reports++;
          latencies.push(performance.now() - started);
        }
      } catch (error) {
        if (measuring) refused++;
        if (refused > 100) throw error;
      }
    }
  };
  const running = Promise.all(Array.from({ length: writers }, writer));
  await new Promise((resolve) => setTimeout(resolve, warmup * 1000));
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, duration * 1000));
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  stop = true;
  await running;
  await store.drain();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { reports, refused, seconds, perSecond: reports / seconds, latencyP50: at(0.5), latencyP99: at(0.99) };
}

function print(name: string, run: Run, writers: number): void {
  console.log(`${name}: ${run.perSecond.toFixed(0)} durable reports/s (${run.reports} in ${run.seconds.toFixed(1)} s, ${writers} writers,` +
    ` refused ${run.refused}); unit latency p50 ${run.latencyP50.toFixed(1)} ms, p99 ${run.latencyP99.toFixed(1)} ms`);
}

async function sqliteRun(dir: string, writers: number, warmup: number, duration: number): Promise<Run> {
  const db = openDatabase(join(dir, 'bench.sqlite'));
  try {
    seedIfEmpty(db, () => loadShippedData());
    const journal = db.pragma('journal_mode', { simple: true });
    const synchronous = db.pragma('synchronous', { simple: true });
    console.log(`sqlite: ${db.name} (journal_mode=${journal}, synchronous=${synchronous}: 2 = FULL, an fsync per commit)`);
    const run = await load(sqliteStore(db), writers, warmup, duration);
    print('sqlite', run, writers);
    return run;
  } finally {
    db.close();
  }
}

async function postgresRun(writers: number, warmup: number, duration: number, maxBatch: number | undefined, noAggregates: boolean): Promise<Run> {
  const cluster = await startPgCluster({
    durable: true,
    database: 'kmzb_bench',
    settings: { log_min_messages: 'warning', log_statement: 'none', log_min_duration_statement: -1 },
  });
  const pool = createPgPool({ connectionString: cluster.url, max: 4 });
  const admin = new pg.Client({ connectionString: cluster.url });
  try {
    await admin.connect();
    await migratePostgres(pool);
    await pgSeedIfEmpty(pool, () => loadShippedData());
    const settings = await admin.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method') ORDER BY name`);
    console.log(`postgres: ${cluster.dir} (${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')})`);
    if (noAggregates) {
      // A diagnosis, not a configuration: what the units cost without the aggregate triggers.
      await admin.query(`ALTER TABLE reports DISABLE TRIGGER report_inserted`);
      console.log('postgres: aggregate triggers on reports DISABLED (--no-aggregates: a diagnosis; stats and map aggregates are not kept)');
    }
    // Every batch (and every retry of one) checks a connection out: counting them counts transactions.
    let batches = 0;
    pool.on('acquire', () => void batches++);
    const store = pgStore(pool, maxBatch === undefined ? {} : { maxBatch });

    // One writer: what a unit costs when it has a commit to itself.
    const single = await load(store, 1, 1, Math.min(duration, 5));
    console.log(`postgres, 1 writer: ${single.perSecond.toFixed(0)} reports/s, unit latency p50 ${single.latencyP50.toFixed(2)} ms (a commit each)`);

    batches = 0;
    const run = await load(store, writers, warmup, duration);
    print('postgres', run, writers);
    const units = run.perSecond * (run.seconds + warmup);
    console.log(`postgres: ${batches} transactions in warm-up and run, ~${(units / batches).toFixed(1)} units per commit` +
      ` (maxBatch ${maxBatch ?? 'default'}), ~${((1000 * (run.seconds + warmup)) / batches).toFixed(1)} ms per batch`);
    await explain(pool);
    return run;
  } finally {
    await admin.end().catch(() => undefined);
    await pool.end();
    await cluster.stop();
  }
}

/**
 * Where a batch's time goes on PostgreSQL, on one connection, in transactions that are rolled
 * back: 64 units as the store runs them (pipelined: the savepoint, the daily rule's statement
 * and the insert go out together, one round trip), with and without the aggregate triggers,
 * and the fold of the batch's aggregate deltas that COMMIT runs (kmzb_apply_deltas(), called
 * here before the rollback).
 */
async function explain(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  const target = client as unknown as { pipeline: boolean };
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  const µs = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`;
  const daily = new PgDailyActions(client);
  const reports = new PgReports(client);
  let n = 0;
  try {
    const roundTrip: number[] = [];
    for (let i = 0; i < 300; i++) {
      const started = performance.now();
      await client.query('SELECT 1');
      roundTrip.push(performance.now() - started);
    }
    target.pipeline = true;
    /** One unit as pg-unit.ts sends it for the report desk, timed from the client. */
    const unit = async (first: boolean): Promise<number> => {
      const started = performance.now();
      const [unitId, lon, lat] = TOWNS[n % TOWNS.length]!;
      const now = new Date();
      await Promise.all([
        client.query(first ? 'SAVEPOINT unit' : 'RELEASE SAVEPOINT unit; SAVEPOINT unit'),
        daily.admitAndRecord({
          device: [randomBytes(32), randomBytes(32)], network: [randomBytes(32), randomBytes(32)],
          after: new Date(now.getTime() - 86_400_000).toISOString(), perDevice: 1, perNetwork: 30, action: 'report', at: now.toISOString(),
        }),
        reports.insertUnlessTaken({
          id: `y${String(n++).padStart(9, '0')}`, unitId, category: CATEGORIES[n % CATEGORIES.length]!,
          lon: lon + (Math.random() - 0.5) * 0.04, lat: lat + (Math.random() - 0.5) * 0.03, trackingHash: randomBytes(32), createdAt: now.toISOString(),
        }),
      ]);
      return performance.now() - started;
    };
    /** A batch of 64 units, rolled back: each unit's time, and the fold's. */
    const batch = async (setup?: string): Promise<{ units: number[]; fold: number }> => {
      await client.query('BEGIN');
      if (setup) await client.query(setup);
      const units: number[] = [];
      for (let i = 0; i < 64; i++) units.push(await unit(i === 0));
      const started = performance.now();
      await client.query('SELECT kmzb_apply_deltas()');
      const fold = performance.now() - started;
      await client.query('ROLLBACK');
      return { units, fold };
    };
    await batch(); // warm the plans and caches
    const full = await batch();
    const noTriggers = await batch('ALTER TABLE reports DISABLE TRIGGER report_inserted');
    const describe = (times: number[]): string =>
      `${µs(mean(times.slice(0, 8)))} for the 1st-8th, ${µs(mean(times.slice(-8)))} for the 57th-64th, ${µs(mean(times))} on average`;
    console.log('postgres, where a batch\'s time goes (one connection, pipelined as the store runs units, rolled back):');
    console.log(`  round trip (SELECT 1) ${µs(mean(roundTrip))}`);
    console.log(`  unit (savepoint, daily rule, insert; one round trip): ${describe(full.units)}`);
    console.log(`  unit without the aggregate triggers:                 ${describe(noTriggers.units)}`);
    console.log(`  the fold of the batch's aggregate deltas at COMMIT: ${(full.fold).toFixed(1)} ms, ${µs(full.fold / 64)} a report`);
    const perUnit = mean(full.units) + full.fold / 64;
    console.log(`  one unit ≈ ${µs(perUnit)} with its share of the fold (the WAL flush aside): at most ~${(1000 / perUnit).toFixed(0)} units/s while batches run one at a time`);
  } finally {
    target.pipeline = false;
    client.release();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      writers: { type: 'string', default: '64' },
      'max-batch': { type: 'string' },
      'no-aggregates': { type: 'boolean', default: false },
    },
  });
  const which = values.store;
  if (!['sqlite', 'postgres', 'both'].includes(which)) throw new Error('--store sqlite|postgres|both');
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  const writers = Number(values.writers);
  const results: Partial<Record<'sqlite' | 'postgres', Run>> = {};
  if (which !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'kmzb-bench-'));
    try {
      results.sqlite = await sqliteRun(dir, writers, warmup, duration);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const maxBatch = values['max-batch'] === undefined ? undefined : Number(values['max-batch']);
  if (which !== 'sqlite') results.postgres = await postgresRun(writers, warmup, duration, maxBatch, values['no-aggregates']);
  if (results.sqlite && results.postgres) {
    console.log(`PostgreSQL / SQLite: ${(results.postgres.perSecond / results.sqlite.perSecond).toFixed(2)}` +
      ` (${results.postgres.perSecond.toFixed(0)} / ${results.sqlite.perSecond.toFixed(0)} durable reports/s)`);
  }
  for (const [name, run] of Object.entries(results)) {
    if (run.perSecond < 1000) console.log(`${name}: below the target of 1,000 durable reports/s`);
  }
}

await main();
