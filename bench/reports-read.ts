/**
 * Report-map read benchmark at national scale: 3,000,000 synthetic reports (the national total
 * since 2016) in a file database, then GET /api/v1/reports through a real listening server on
 * 127.0.0.1 (a child process, so autocannon does not share its event loop) for a county and a
 * voivodeship (last 90 days) and the whole country at zoom 6, next to a Fastify hello-world
 * route in the same server process as the limit. The database is built once into
 * var/bench/ and reused; `-- --fresh` rebuilds it, `-- --count N` sizes it (a file per size).
 * Run with `npm run bench:reports-read` (about 1 minute with a built database).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../server/app.js';
import { openDatabase } from '../server/db/open.js';
import { PowiatsRepository } from '../server/db/powiats-repository.js';
import { seedIfEmpty } from '../server/db/seed.js';
import { UnitsRepository } from '../server/db/units-repository.js';
import { demoReports } from '../server/demo/seed-demo-reports.js';
import { PowiatLocator } from '../server/geo/locator.js';
import { projectRoot } from '../server/paths.js';
import { newReportId } from '../server/reports/ids.js';
import { loadShippedData } from '../server/shipped-data.js';

const DAY_MS = 86_400_000;

/**
 * Bulk load: the demo generator's reports (towns, national category shares, statuses by age,
 * growth since 2016) with their final status, without the history rows (the map never reads
 * them). Secondary indexes and the R*Tree trigger are dropped during the load and rebuilt
 * after it, which is much faster than keeping them up to date row by row.
 */
function generate(path: string, count: number): void {
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const db = openDatabase(partial);
  seedIfEmpty(db, () => loadShippedData());
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const derived = db.prepare(
    "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'reports' AND type IN ('index', 'trigger') AND sql IS NOT NULL",
  ).all() as { type: string; name: string; sql: string }[];
  for (const { type, name } of derived) db.exec(`DROP ${type.toUpperCase()} ${name}`);
  const powiats = new PowiatsRepository(db);
  const deps = { units: new UnitsRepository(db), powiats, locator: new PowiatLocator(powiats.shapes()) };
  const insert = db.prepare(
    `INSERT INTO reports (id, unit_id, category, status, source, lon, lat, tracking_hash, created_at, updated_at, confirmations, demo)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const hash = randomBytes(32);
  const now = new Date();
  const days = (now.getTime() - Date.parse('2016-01-01T00:00:00Z')) / DAY_MS;
  const started = performance.now();
  let n = 0;
  db.transaction(() => {
    for (const r of demoReports(deps, { count, days, seed: 2016, now })) {
      const last = r.steps.at(-1);
      const confirmations = n % 7 === 0 ? n % 5 : 0;
      for (;;) {
        try {
          insert.run(newReportId(), r.unitId, r.category, last?.status ?? 'new', r.source, r.lon, r.lat, hash,
            r.createdAt, last?.at ?? r.createdAt, confirmations);
          break;
        } catch (error) {
          // 50-bit random ids: among millions a collision is rare but possible; draw again.
          if (!String(error).includes('UNIQUE')) throw error;
        }
      }
      if (++n % 500_000 === 0) console.log(`  ${n} reports, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  })();
  console.log(`  rows in ${((performance.now() - started) / 1000).toFixed(0)} s; rebuilding indexes and the R*Tree`);
  db.exec('INSERT INTO reports_rtree (seq, min_lon, max_lon, min_lat, max_lat) SELECT seq, lon, lon, lat, lat FROM reports');
  for (const { sql } of derived) db.exec(sql);
  db.pragma('journal_mode = WAL');
  db.close();
  renameSync(partial, path);
  console.log(`generated ${n} reports in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** The server child: the app and, on another port, a bare hello-world Fastify (the limit). */
async function serve(dbPath: string): Promise<void> {
  const app = await buildApp({ dbPath });
  const hello = Fastify({ logger: false });
  hello.get('/', async () => ({ hello: 'world' }));
  // The fair limit for a large answer: the same server sending a constant body of the same
  // size (random bytes, so nothing on the way can shrink them).
  const bytes = randomBytes(1 << 20);
  hello.get<{ Querystring: { bytes: string } }>('/sized', async (request, reply) =>
    reply.type('application/json').send(bytes.subarray(0, Number(request.query.bytes))));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const helloAddress = await hello.listen({ host: '127.0.0.1', port: 0 });
  const reports = app.reports.count();
  process.stdout.write(`${JSON.stringify({ address, helloAddress, reports })}\n`);
  process.once('SIGTERM', () => void Promise.all([app.close(), hello.close()]).then(() => process.exit(0)));
}

interface Served { address: string; helloAddress: string; reports: number; stop: () => Promise<void> }

function startServer(dbPath: string): Promise<Served> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve', dbPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (line: Buffer) => {
      resolve({ ...(JSON.parse(line.toString()) as Omit<Served, 'stop'>), stop: () => (child.kill('SIGTERM'), stopped) });
    });
    child.once('error', reject);
  });
}

interface Row {
  name: string; rps: number; p50: number; p99: number; bytes: number; wire: number; coldMs: number; note: string;
  /** Longest hello-world response seen while the first (uncached) request was answered. */
  stallMs?: number;
}

/** Sent with every request, as browsers and CDNs do: the map answers are served gzipped. */
const HEADERS = { 'accept-encoding': 'gzip' };

/**
 * Asks `probe` (a route of the same process) every 20 ms until `done` settles, and returns the
 * longest answer time: how long the event loop was unavailable meanwhile.
 */
async function longestStall(probe: string, done: Promise<unknown>): Promise<number> {
  let finished = false;
  void done.finally(() => (finished = true));
  let longest = 0;
  while (!finished) {
    const started = performance.now();
    await (await fetch(probe)).text();
    longest = Math.max(longest, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return longest;
}

async function measure(name: string, url: string, duration: number, connections: number, probe?: string): Promise<Row> {
  // The first request fills the answer cache: its time is the cold cost of the query.
  const started = performance.now();
  const firstRequest = fetch(url, { headers: HEADERS });
  const stall = probe ? longestStall(probe, firstRequest) : undefined;
  const first = await firstRequest;
  const body = await first.text();
  const wire = Number(first.headers.get('content-length') ?? Buffer.byteLength(body));
  const coldMs = performance.now() - started;
  const stallMs = await stall;
  if (!first.ok) throw new Error(`${url}: ${first.status} ${body}`);
  // The same-size hello-world sends random bytes, not JSON.
  const parsed = (url.includes('/sized?') ? {} : JSON.parse(body)) as { clustered?: boolean; total?: number; features?: unknown[] };
  const note = parsed.features ? `${parsed.clustered ? 'clusters' : 'points'}: ${parsed.features.length}, total ${parsed.total}` : '';
  const result = await autocannon({ url, connections, duration, headers: HEADERS });
  if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bytes: Buffer.byteLength(body), wire, coldMs, note, stallMs };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' }, fresh: { type: 'boolean' }, count: { type: 'string' },
      duration: { type: 'string' }, connections: { type: 'string' },
    },
  });
  if (values.serve) return serve(values.serve);
  const count = Number(values.count ?? 3_000_000);
  const duration = Number(values.duration ?? 10);
  const connections = Number(values.connections ?? 10);
  const dir = join(projectRoot, 'var', 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `reports-read-${count}.sqlite`);
  if (values.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  if (!existsSync(path)) {
    console.log(`generating ${count} reports into ${path} (once; --fresh regenerates)`);
    generate(path, count);
  }
  const server = await startServer(path);
  console.log(`server ${server.address} on ${server.reports} reports; ${connections} connections, ${duration} s each`);
  const since = new Date(Date.now() - 90 * DAY_MS).toISOString().slice(0, 10);
  try {
    const hello = await measure('hello-world (limit)', server.helloAddress, duration, connections);
    const probe = server.helloAddress;
    const county = await measure('county kpp-wejherowo, 90 days', `${server.address}/api/v1/reports?unit=kpp-wejherowo&since=${since}`, duration, connections, probe);
    const sized = await measure(`hello-world, ${county.wire} B body`, `${server.helloAddress}/sized?bytes=${county.wire}`, duration, connections);
    const rows = [
      hello, sized, county,
      await measure('voivodeship kwp-gdansk, 90 days', `${server.address}/api/v1/reports?unit=kwp-gdansk&since=${since}`, duration, connections, probe),
      await measure('country pl, zoom 6', `${server.address}/api/v1/reports?unit=pl&zoom=6`, duration, connections, probe),
    ];
    const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
    console.log('\n| request | req/s | p50 ms | p99 ms | JSON bytes | gzipped | vs hello | vs same-size hello | first (cold) ms | longest stall ms | answer |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.bytes} | ${r.wire} | ${pct(r.rps, hello.rps)} | ` +
        `${r === hello ? '' : pct(r.rps, sized.rps)} | ${r.coldMs.toFixed(0)} | ${r.stallMs?.toFixed(0) ?? ''} | ${r.note} |`);
    }
    const country = rows[4]!;
    console.log(`\ntargets: county p50 ${county.p50} ms (<= 5): ${county.p50 <= 5 ? 'met' : 'MISSED'}; ` +
      `county ${pct(county.rps, hello.rps)} of hello-world (>= 50 %): ${county.rps >= hello.rps / 2 ? 'met' : 'MISSED'}, ` +
      `${pct(county.rps, sized.rps)} of a hello-world sending the same ${county.wire} bytes; ` +
      `country response ${country.bytes} B JSON, ${country.wire} B gzipped (< 50 KB): ${country.bytes < 50 * 1024 ? 'met' : 'MISSED'}; ` +
      `first national answer ${country.coldMs.toFixed(0)} ms, event loop stalled at most ${country.stallMs?.toFixed(0)} ms meanwhile`);
  } finally {
    await server.stop();
  }
}

await main();
