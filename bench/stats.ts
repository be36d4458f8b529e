/**
 * Statistics benchmark at national scale: 3,000,000 synthetic reports (the demo generator's,
 * as bench/reports-read, plus the times of first verification and of the final status that
 * its history steps give), then GET /api/v1/stats through a real listening server (a child
 * process) for a voivodeship (kwp-gdansk) and the whole country over a year, next to the raw
 * SQL GROUP BY over the reports table in better-sqlite3 (no aggregate) as the reference.
 * The database is built once into var/bench/stats-<count>.sqlite (its own file: the
 * reports-read file has no history) and reused; `-- --fresh` rebuilds it, `-- --count N` sizes it.
 * Run with `npm run bench:stats`.
 *
 * `--store sqlite|postgres|both` (default sqlite): on PostgreSQL the same app answers from a
 * throwaway cluster filled with the same file's reports (bench/pg-fill.ts, with their times and
 * the statistics aggregate rebuilt by kmzb_backfill_stats), and with `both` the two stores'
 * rows are printed side by side with the PostgreSQL/SQLite ratio of each p50.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../server/app.js';
import { openDatabase } from '../server/db/open.js';
import { startServer } from './child-server.js';
import { benchPostgres } from './pg-fill.js';
import { storeChoice, type StoreKind } from './store-choice.js';
import { bulkLoadReports } from './national-data.js';
import { sqliteStore } from '../server/db/sqlite-store.js';
import { UnitDirectory } from '../server/units/unit-directory.js';
import { projectRoot } from '../server/paths.js';
import { FINAL_STATUSES } from '../common/stats.js';

const DAY_MS = 86_400_000;

/** The aggregate part of migration 015's backfill (the reports' times are written directly here). */
function aggregateBackfill(): string {
  const sql = readFileSync(join(projectRoot, 'server', 'db', 'migrations', '015-stats-counts.sql'), 'utf8');
  const section = sql.slice(sql.indexOf('-- backfill:begin'), sql.indexOf('-- backfill:end'));
  return section.slice(section.indexOf('CREATE TEMP TABLE stats_own'));
}

/** Reports with their verification and final times, then the aggregate in one pass. */
function generate(path: string, count: number): void {
  bulkLoadReports(path, count, {
    columns: ['first_verified_at', 'closed_at'],
    values: (r) => [
      r.steps.find((s) => s.status !== 'new' && s.status !== 'hidden')?.at ?? null,
      r.steps.find((s) => (FINAL_STATUSES as readonly string[]).includes(s.status))?.at ?? null,
    ],
    after: (db) => {
      db.exec(aggregateBackfill());
      return `${db.prepare('SELECT count(*) FROM stats_counts').pluck().get() as number} aggregate rows`;
    },
  });
}


/** The server child: the app on the SQLite file at `target`, or on the PostgreSQL database `target` names. */
async function serve(target: string, store: StoreKind): Promise<void> {
  const app = await buildApp(store === 'sqlite' ? { dbPath: target } : { dbPath: ':memory:', databaseUrl: target });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ address, reports: await app.store.reports.count() })}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

type ServerInfo = { address: string; reports: number };

interface Row { name: string; rps: number; p50: number; p99: number; note: string }

async function measure(name: string, url: string, duration: number): Promise<Row> {
  const first = await fetch(url);
  const body = await first.text();
  if (!first.ok) throw new Error(`${url}: ${first.status} ${body}`);
  const parsed = JSON.parse(body) as { total: number; timeToVerification: { medianHours: number | null } };
  // One connection: the latency of one client's request, not of a queue.
  const result = await autocannon({ url, connections: 1, duration });
  if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, note: `total ${parsed.total}, ${Buffer.byteLength(body)} B` };
}

/** The raw SQL GROUP BY over the reports rows (no aggregate table), timed in-process. */
async function rawGroupBy(dbPath: string, unit: string, from: string, to: string, runs: number): Promise<Row> {
  const db = openDatabase(dbPath);
  const units = JSON.stringify((await UnitDirectory.load(sqliteStore(db).units)).scope(unit));
  const query = db.prepare(
    `SELECT category, status, source, substr(created_at, 1, 7) AS month, count(*) AS n FROM reports
     WHERE unit_id IN (SELECT value FROM json_each(?)) AND created_at >= ? AND created_at < ?
     GROUP BY category, status, source, month`,
  );
  const until = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString();
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    total = (query.all(units, `${from}T00:00:00.000Z`, until) as { n: number }[]).reduce((s, r) => s + r.n, 0);
    times.push(performance.now() - started);
  }
  db.close();
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  return { name: `raw SQL GROUP BY ${unit}`, rps: 1000 / (times.reduce((s, x) => s + x, 0) / runs), p50: at(0.5), p99: at(0.99), note: `total ${total} (hidden included; no medians)` };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { serve: { type: 'string' }, store: { type: 'string' }, fresh: { type: 'boolean' }, count: { type: 'string' }, duration: { type: 'string' } },
  });
  const { stores, serveOn } = storeChoice(values.store, values.serve !== undefined);
  if (values.serve) return serve(values.serve, serveOn);
  const count = Number(values.count ?? 3_000_000);
  const duration = Number(values.duration ?? 5);
  const dir = join(projectRoot, 'var', 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `stats-${count}.sqlite`);
  if (values.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  if (!existsSync(path)) {
    console.log(`generating ${count} reports into ${path} (once; --fresh regenerates)`);
    generate(path, count);
  }
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 364 * DAY_MS).toISOString().slice(0, 10);
  const lastYear = new Date().getUTCFullYear() - 1;
  const rows: Row[] = [];
  // Migrations added since the file was built run here, not inside the server's start-up timeout.
  openDatabase(path).close();
  const p50s: Partial<Record<StoreKind, number[]>> = {};
  for (const store of stores) {
    const cluster = store === 'postgres' ? await benchPostgres(path, { columns: ['first_verified_at', 'closed_at'], stats: true }) : undefined;
    try {
      const server = await startServer<ServerInfo>(import.meta.url, cluster?.url ?? path, ['--store', store]);
      console.log(`${store}: server ${server.address} on ${server.reports} reports; 1 connection, ${duration} s each`);
      try {
        const url = (unit: string, from: string, to: string) => `${server.address}/api/v1/stats?unit=${unit}&from=${from}&to=${to}`;
        const ours = [
          await measure(`${store}: kwp-gdansk, last 365 days (${yearAgo}..${today})`, url('kwp-gdansk', yearAgo, today), duration),
          await measure(`${store}: kwp-gdansk, calendar ${lastYear}`, url('kwp-gdansk', `${lastYear}-01-01`, `${lastYear}-12-31`), duration),
          await measure(`${store}: pl, last 365 days`, url('pl', yearAgo, today), duration),
          await measure(`${store}: pl, calendar ${lastYear}`, url('pl', `${lastYear}-01-01`, `${lastYear}-12-31`), duration),
        ];
        rows.push(...ours);
        p50s[store] = ours.map((r) => r.p50);
      } finally {
        await server.stop();
      }
    } finally {
      await cluster?.stop();
    }
  }
  rows.push(await rawGroupBy(path, 'kwp-gdansk', yearAgo, today, 20));
  rows.push(await rawGroupBy(path, 'pl', yearAgo, today, 5));
  console.log('\n| request | req/s | p50 ms | p99 ms | answer |');
  console.log('|---|---:|---:|---:|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.note} |`);
  for (const store of stores) {
    const kwp = p50s[store]![0]!;
    console.log(`\n${store}: target voivodeship-year p50 ${kwp} ms (<= 20): ${kwp <= 20 ? 'met' : 'MISSED'}`);
  }
  if (p50s.sqlite && p50s.postgres) {
    console.log(`PostgreSQL / SQLite p50, row by row: ${p50s.postgres.map((p, i) => (p / Math.max(p50s.sqlite![i]!, 0.01)).toFixed(2)).join(', ')}`);
  }
}

await main();
