/**
 * Report-write benchmark: sustained POST /api/v1/reports through a real listening server on
 * 127.0.0.1 (a child process, so the load generator does not share its event loop), on a
 * file database in WAL mode, every report durable before its 201. Each request carries its
 * own device token and the per-network cap is raised through buildApp options: the bench
 * configures the daily rule, it does not bypass it. Next to it, the limit: a bare prepared
 * INSERT loop in better-sqlite3 on the same schema, one transaction per row.
 * Run with `npm run bench:report-write` (about 20 s); `-- --duration 5 --connections 16`.
 *
 * `--store sqlite|postgres|both` (default sqlite) picks the store the server writes to. PostgreSQL
 * is a throwaway cluster with fsync and synchronous_commit on (startPgCluster({ durable: true }),
 * on the same disk as SQLite's file), which the app migrates and seeds as on any first start;
 * every 201 is a committed, flushed report there too. With `both` the two run one after the
 * other on the same load and the PostgreSQL/SQLite ratio is printed.
 *
 * `--on <file>` writes into a database that already holds a national bench file's reports
 * (e.g. var/bench/reports-read-3000000.sqlite, made by `npm run bench:reports-read`): SQLite
 * on a copy of the file, PostgreSQL on a durable cluster filled with its reports and both
 * aggregates rebuilt (bench/pg-fill.ts). Without it both start empty. `--runs N` loads the same
 * database N times, each with a server of its own, and reports the median rate (a 3 M fill of
 * PostgreSQL takes ~9 minutes, a load seconds). `--pg-url <url>` writes into that database
 * instead of a throwaway cluster (one kept filled between experiments; the app migrates it).
 *
 * Each run also prints the CPU a report cost the server, PostgreSQL (all its processes) and
 * the load generator, read from /proc (bench/cpu-use.ts), and the rate at which that CPU would
 * fill every core: on a machine that is not fully busy, what a write costs and what runs one
 * at a time are the two limits. PROFILE_DIR=<dir> makes the server write a V8 CPU profile there.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../server/app.js';
import { openDatabase } from '../server/db/open.js';
import { seedIfEmpty } from '../server/db/seed.js';
import { loadShippedData } from '../server/shipped-data.js';
import { startPgCluster } from '../server/test/pg-cluster.js';
import { cpuReport, cpuSnapshot } from './cpu-use.js';
import { pgRole, walActivity, withPgClient } from './pg-activity.js';
import { benchPostgres } from './pg-fill.js';
import { storeChoice, type StoreKind } from './store-choice.js';


/** Town centres the reports are scattered around (so the locator does real work). */
const TOWNS: [number, number][] = [
  [21.0067, 52.2319], [19.9373, 50.0617], [17.032, 51.11], [18.6533, 54.3486], [20.4801, 53.7784], [16.9252, 52.4064],
];
/** Client networks the load is spread over (10.0.0.0/8 addresses, one per network). */
const NETWORKS = 4096;
const CATEGORIES = ['speeding', 'illegal_parking', 'public_drinking', 'vandalism', 'road_infrastructure'];

/** The server child: the app on the SQLite file at `target`, or on the PostgreSQL database `target` names. */
async function serve(target: string, store: StoreKind): Promise<void> {
  const app = await buildApp({
    dbPath: store === 'sqlite' ? target : ':memory:',
    databaseUrl: store === 'postgres' ? target : undefined,
    // Every request has its own device token. The load comes from one loopback address, so the
    // bench runs as if behind a reverse proxy (trustProxy) and the requests carry client
    // addresses from NETWORKS networks in X-Forwarded-For; the per-network cap is raised so
    // that about NETWORKS x cap reports fit, and the per-IP throttle likewise.
    reportLimits: { perDevice: 1, perNetwork: 1000, writesPerMinute: 1_000_000_000 },
    trustProxy: true,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const durability = store === 'sqlite'
    ? `journal_mode=${app.db.pragma('journal_mode', { simple: true })}, synchronous=${app.db.pragma('synchronous', { simple: true })} (2 = FULL: fsync per commit)`
    : 'PostgreSQL with fsync=on, synchronous_commit=on (a WAL flush per commit)';
  process.stdout.write(`${JSON.stringify({ address, durability })}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

function startServer(target: string, store: StoreKind): Promise<{ address: string; durability: string; pid: number; stop: () => Promise<void> }> {
  // PROFILE_DIR=<dir>: the server writes a V8 CPU profile there when it stops (--cpu-prof).
  const profile = process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, ...process.execArgv, fileURLToPath(import.meta.url), '--serve', target, '--store', store], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (line: Buffer) => {
      const info = JSON.parse(line.toString()) as { address: string; durability: string };
      resolve({ ...info, pid: child.pid!, stop: () => (child.kill('SIGTERM'), stopped) });
    });
    child.once('error', reject);
  });
}

function clientAddress(): string {
  const n = Math.floor(Math.random() * NETWORKS);
  return `10.${n >> 8}.${n & 255}.${1 + Math.floor(Math.random() * 250)}`;
}

function reportBody(): string {
  const [lon, lat] = TOWNS[Math.floor(Math.random() * TOWNS.length)]!;
  return JSON.stringify({
    lon: lon + (Math.random() - 0.5) * 0.04,
    lat: lat + (Math.random() - 0.5) * 0.03,
    category: CATEGORIES[Math.floor(Math.random() * CATEGORIES.length)],
    description: 'Samochody regularnie parkują na chodniku przy szkole.',
  });
}

/** Sustained POSTs against the app on `store`; returns durable reports per second. */
async function httpRun(dir: string, store: StoreKind, duration: number, connections: number, on: string | undefined, runs: number, pgUrl?: string): Promise<number> {
  const file = join(dir, 'http.sqlite');
  if (store === 'sqlite' && on) {
    console.log(`\nsqlite: copying ${on}`);
    // Whatever a WAL file beside it still holds goes into the file first.
    const source = openDatabase(on);
    source.pragma('wal_checkpoint(TRUNCATE)');
    source.close();
    copyFileSync(on, file);
    // On disk before the load starts: otherwise the copy's write-back competes with every commit's fsync.
    const fd = openSync(file, 'r+');
    fsyncSync(fd);
    closeSync(fd);
  }
  const cluster = store !== 'postgres' || pgUrl ? undefined
    : on ? await benchPostgres(on, { durable: true, stats: true })
    : await startPgCluster({ durable: true, database: 'kmzb_bench' });
  const url = store === 'postgres' ? pgUrl ?? cluster?.url : undefined;
  try {
    // Several loads on one fill (`--runs`): filling PostgreSQL with 3 M reports takes minutes,
    // a load seconds. Each load has a server of its own; the rate returned is their median (the
    // lower middle one of an even count).
    const rates: number[] = [];
    for (let run = 1; run <= runs; run++) {
      if (runs > 1) console.log(`\nrun ${run} of ${runs}`);
      await clearDailyLog(store, url ?? file);
      rates.push(await httpLoad(await startServer(url ?? file, store), store, duration, connections, url));
    }
    rates.sort((a, b) => a - b);
    if (runs > 1) console.log(`\n${store}: ${rates.map((r) => r.toFixed(0)).join(', ')} reports/s, median ${rates[(runs - 1) >> 1]!.toFixed(0)}`);
    return rates[(runs - 1) >> 1]!;
  } finally {
    await cluster?.stop();
  }
}

/**
 * Every load starts with the daily rule's log empty, as the first load on a new database does.
 * A load writes two rows a report into it (device, network), all within the rule's 24 hours,
 * and the rule reads the network's rows at each report: a later load on the same database
 * would also read the earlier loads' rows, and its figure would measure the bench's own
 * history (PostgreSQL on 3 M reports: 1,112, 873 and 838 reports/s in three loads one after
 * another; 1,053-1,187 in four with the log cleared before each). The reports stay. The
 * throttle's counters go too: their minute is long over by then anyway.
 */
async function clearDailyLog(store: StoreKind, target: string): Promise<void> {
  if (store === 'postgres') {
    await withPgClient(target, async (client) => {
      // A new cluster has no tables until the first server migrates it.
      const { rows } = await client.query<{ migrated: boolean }>(`SELECT to_regclass('daily_actions') IS NOT NULL AS migrated`);
      if (rows[0]!.migrated) await client.query('TRUNCATE daily_actions, write_throttle');
    });
  } else if (existsSync(target)) {
    const db = openDatabase(target);
    try {
      db.exec('DELETE FROM daily_actions');
    } finally {
      db.close();
    }
  }
}

async function httpLoad(server: Awaited<ReturnType<typeof startServer>>, store: StoreKind, duration: number, connections: number, pgUrl?: string): Promise<number> {
  console.log(`\n${store}: server ${server.address}, ${server.durability}`);
  console.log(`load: ${connections} connections, own device token per request, client addresses from ${NETWORKS} networks`);
  // Whose CPU a report costs: the server, PostgreSQL's processes (every one on the machine, by
  // role), and this process, the load generator.
  const groupOf = (pid: number, comm: string) =>
    pid === server.pid ? 'server' : comm === 'postgres' ? pgRole(pid) : pid === process.pid ? 'load generator' : undefined;
  const wal = pgUrl ? await walActivity(pgUrl) : undefined;
  const before = cpuSnapshot(groupOf);
  const result = await autocannon({
    url: server.address,
    connections,
    duration,
    requests: [{
      method: 'POST',
      path: '/api/v1/reports',
      setupRequest: (request) => ({
        ...request,
        headers: {
          'content-type': 'application/json',
          'kmzb-device': randomBytes(18).toString('base64url'),
          'x-forwarded-for': clientAddress(),
        },
        body: reportBody(),
      }),
    }],
  });
  const after = cpuSnapshot(groupOf);
  await server.stop();
  const ok = result['2xx'];
  console.log(`HTTP POST /api/v1/reports on ${store} (${connections} connections, ${duration} s):`);
  console.log(`  ${(ok / duration).toFixed(0)} reports/s durable (201: ${ok}, other: ${result.non2xx}, errors: ${result.errors}, timeouts: ${result.timeouts})`);
  console.log(`  latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  for (const line of cpuReport(before, after, ok, 'report')) console.log(line);
  if (before && after && ok) {
    const pgMs = [...after.groups].filter(([group]) => group.startsWith('PostgreSQL'))
      .reduce((sum, [group, ms]) => sum + ms - (before.groups.get(group) ?? 0), 0);
    if (pgMs) console.log(`  PostgreSQL, all its processes: ${Math.round((pgMs / ok) * 1000).toLocaleString('en')} µs a report`);
  }
  if (wal) console.log(await wal.report(ok, 'report'));
  console.log(`  target >= 1,000 durable reports/s: ${ok / duration >= 1000 ? 'met' : 'MISSED'}`);
  return ok / duration;
}

/** The limit: one prepared INSERT per transaction, nothing else (R*Tree trigger included). */
function bareInsertRun(dir: string, rows: number): void {
  const db = openDatabase(join(dir, 'bare.sqlite'));
  seedIfEmpty(db, () => loadShippedData());
  const insert = db.prepare(
    `INSERT INTO reports (id, unit_id, category, lon, lat, description, tracking_hash, created_at, updated_at)
     VALUES (?, 'kmp-olsztyn', 'speeding', ?, ?, ?, ?, ?, ?)`,
  );
  const insertOne = db.transaction((i: number) => {
    const now = new Date().toISOString();
    insert.run(i.toString(36).padStart(10, '0'), 20.48 + Math.random() * 0.01, 53.77 + Math.random() * 0.01, 'opis', randomBytes(32), now, now);
  });
  const started = performance.now();
  for (let i = 0; i < rows; i++) insertOne(i);
  const seconds = (performance.now() - started) / 1000;
  console.log(`bare better-sqlite3 INSERT, one transaction per row (${rows} rows): ${(rows / seconds).toFixed(0)} rows/s`);
  db.close();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' }, store: { type: 'string' }, on: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' }, rows: { type: 'string' }, runs: { type: 'string' }, 'pg-url': { type: 'string' },
    },
  });
  const { stores, serveOn } = storeChoice(values.store, values.serve !== undefined);
  if (values.serve) return serve(values.serve, serveOn);
  const runs = Number(values.runs ?? 1);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs is a whole number of loads, at least 1, not ${values.runs}`);
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-bench-'));
  try {
    if (stores.includes('sqlite')) bareInsertRun(dir, Number(values.rows ?? 20_000));
    const rates: Partial<Record<StoreKind, number>> = {};
    for (const store of stores) rates[store] = await httpRun(dir, store, Number(values.duration ?? 10), Number(values.connections ?? 32), values.on, runs, values['pg-url']);
    if (rates.sqlite && rates.postgres) console.log(`\nPostgreSQL / SQLite: ${(rates.postgres / rates.sqlite).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
