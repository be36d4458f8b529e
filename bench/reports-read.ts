/**
 * Report-map read benchmark at national scale: 3,000,000 synthetic reports (the national total
 * since 2016; `-- --count 10000000` for ten years more of growth) in a file database, then
 * GET /api/v1/reports through a real listening server on 127.0.0.1 (a child process, so
 * autocannon does not share its event loop) for a county and a voivodeship (last 90 days), the
 * whole country at zoom 6 and issue 17's selective national questions, next to a Fastify
 * hello-world route in the same server process as the limit; then uncached random questions
 * of every kind one by one (p50/p99 per kind), two uncached questions at once, and the national
 * map after 62 s without visitors. Each run's figures are kept in var/bench/reports-read-<count>.json
 * and printed next to the other sizes'. The database is built once into var/bench/ and reused;
 * `-- --fresh` rebuilds it (a file per size). Run with `npm run bench:reports-read` (`--rounds`,
 * `--duration` per row and round, `--connections`, `--questions`).
 *
 * `--store sqlite|postgres` compares the stores: the server is then the map alone
 * (bench/map-server.ts: the app's route and map service on a bare Fastify, the same for both),
 * on the SQLite file, or on a throwaway PostgreSQL cluster filled with the same reports
 * (bench/pg-fill.ts; a few hundred thousand is moderate: `--count 300000`), or with `--pg-url`
 * on that database, filled already (e.g. the one a write bench left). Its figures are kept as
 * reports-read-<count>-<store>.json, side by side with the others; on PostgreSQL the run ends
 * with the scans of each index of reports (which ones the questions needed). */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { openDatabase } from '../server/db/open.js';
import { sqliteStore } from '../server/db/sqlite-store.js';
import { pgStore } from '../server/store/postgres/pg-store.js';
import { createPgPool } from '../server/store/postgres/pool.js';
import { startServer } from './child-server.js';
import { mapServer } from './map-server.js';
import { bulkLoadReports } from './national-data.js';
import { withPgClient } from './pg-activity.js';
import { benchPostgres, reportIndexUse } from './pg-fill.js';
import { SELECTIVE_QUESTIONS, TWO_AT_ONCE, percentile, randomQuestions } from './map-questions.js';
import { projectRoot } from '../server/paths.js';

const DAY_MS = 86_400_000;

/** The map never reads history rows, so only the final status (and a few confirmations). */
function generate(path: string, count: number): void {
  bulkLoadReports(path, count, {
    columns: ['confirmations'],
    values: (_report, n) => [n % 7 === 0 ? n % 5 : 0],
  });
}

type StoreKind = 'sqlite' | 'postgres';

/**
 * The server child: the app (or with `store`, the map alone on that store: `target` is then the
 * SQLite file or the PostgreSQL URL) and, on another port, a bare hello-world Fastify (the limit).
 */
async function serve(target: string, store: StoreKind | undefined): Promise<void> {
  let reports: number;
  let app: FastifyInstance;
  if (store === undefined) {
    app = await buildApp({ dbPath: target });
    reports = app.reports.count();
  } else {
    const pool = store === 'postgres' ? createPgPool({ connectionString: target, max: 10 }) : undefined;
    const db = pool ? undefined : openDatabase(target);
    const port = pool ? pgStore(pool) : sqliteStore(db!);
    app = await mapServer(port);
    app.addHook('onClose', async () => {
      await pool?.end();
      db?.close();
    });
    reports = await port.reports.count();
  }
  const hello = Fastify({ logger: false });
  hello.get('/', async () => ({ hello: 'world' }));
  // The fair limit for a large answer: the same server sending a constant body of the same
  // size (random bytes, so nothing on the way can shrink them).
  const bytes = randomBytes(1 << 20);
  hello.get<{ Querystring: { bytes: string } }>('/sized', async (request, reply) =>
    reply.type('application/json').send(bytes.subarray(0, Number(request.query.bytes))));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const helloAddress = await hello.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ address, helloAddress, reports })}\n`);
  process.once('SIGTERM', () => void Promise.all([app.close(), hello.close()]).then(() => process.exit(0)));
}

type ServerInfo = { address: string; helloAddress: string; reports: number };

interface Cold {
  bytes: number; wire: number; encoding: string; coldMs: number; note: string;
  /** Longest hello-world response seen while the first (uncached) request was answered. */
  stallMs?: number | undefined;
}

interface Load { rps: number; p50: number; p99: number }

interface Row extends Cold, Load { name: string }

/** Sent with every request, as Chromium sends it: popular map answers are served in brotli. */
const HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd' };

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

/** The first request fills the answer cache: its time is the cold cost of the query. */
async function firstRequest(url: string, probe?: string): Promise<Cold> {
  const started = performance.now();
  const request = fetch(url, { headers: HEADERS });
  const stall = probe ? longestStall(probe, request) : undefined;
  const first = await request;
  const body = await first.text();
  const wire = Number(first.headers.get('content-length') ?? Buffer.byteLength(body));
  const coldMs = performance.now() - started;
  const stallMs = await stall;
  if (!first.ok) throw new Error(`${url}: ${first.status} ${body}`);
  // The same-size hello-world sends random bytes, not JSON.
  const parsed = (url.includes('/sized?') ? {} : JSON.parse(body)) as { clustered?: boolean; total?: number; features?: unknown[] };
  const note = parsed.features ? `${parsed.clustered ? 'clusters' : 'points'}: ${parsed.features.length}, total ${parsed.total}` : '';
  return { bytes: Buffer.byteLength(body), wire, encoding: first.headers.get('content-encoding') ?? 'none', coldMs, note, stallMs };
}

/**
 * Asks again until the answer comes in brotli (a cached answer gets it after 20 hits, made in
 * the background) or 5 s pass; returns what is sent then, as every request under load gets it.
 */
async function settle(url: string): Promise<{ wire: number; encoding: string }> {
  const deadline = performance.now() + 5000;
  for (;;) {
    const response = await fetch(url, { headers: HEADERS });
    const bytes = (await response.arrayBuffer()).byteLength;
    const encoding = response.headers.get('content-encoding') ?? 'none';
    const wire = Number(response.headers.get('content-length') ?? bytes);
    if (encoding === 'br' || performance.now() > deadline) return { wire, encoding };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * autocannon keeps every response body as a string (for its expectBody/verifyBody checks,
 * unused here): each gzipped body is decoded as UTF-8 and concatenated. On a 2-core machine
 * that decoding, not the server, sets the rate for any body above a few KB (about 5,000 req/s
 * for an 11 KB body, whatever the server does). Through its per-connection `setupClient`
 * hook the bodies are only counted, for every row alike, hello-world included.
 */
function discardBodies(client: unknown): void {
  const queue = (client as { pipelinedRequests?: { addBody?: unknown } }).pipelinedRequests;
  if (typeof queue?.addBody !== 'function') {
    throw new Error('autocannon changed: Client.pipelinedRequests.addBody is gone; update discardBodies()');
  }
  queue.addBody = () => undefined;
}

async function load(name: string, url: string, duration: number, connections: number): Promise<Load> {
  const result = await autocannon({ url, connections, duration, headers: HEADERS, setupClient: discardBodies });
  if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Every row is loaded once per round, rounds one after the other, and each figure is the
 * median over the rounds: on a shared VM the machine's speed drifts by tens of percent within
 * a minute, and interleaving keeps such a drift from falling on one row and not on its limit.
 */
async function loadInRounds(targets: { name: string; url: string }[], rounds: number, duration: number, connections: number): Promise<Load[]> {
  const runs: Load[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, { name, url }] of targets.entries()) runs[i]!.push(await load(name, url, duration, connections));
  }
  return runs.map((loads) => ({
    rps: median(loads.map((l) => l.rps)), p50: median(loads.map((l) => l.p50)), p99: median(loads.map((l) => l.p99)),
  }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' }, fresh: { type: 'boolean' }, count: { type: 'string' },
      duration: { type: 'string' }, connections: { type: 'string' }, rounds: { type: 'string' },
      questions: { type: 'string' }, store: { type: 'string' }, 'pg-url': { type: 'string' },
    },
  });
  const store = values.store as StoreKind | undefined;
  if (store !== undefined && store !== 'sqlite' && store !== 'postgres') throw new Error(`--store is sqlite or postgres, not ${store}`);
  if (values.serve) return serve(values.serve, store);
  const count = Number(values.count ?? 3_000_000);
  const duration = Number(values.duration ?? 5);
  const rounds = Number(values.rounds ?? 3);
  const connections = Number(values.connections ?? 10);
  const questions = Number(values.questions ?? 250);
  const dir = join(projectRoot, 'var', 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `reports-read-${count}.sqlite`);
  if (values.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  if (!existsSync(path)) {
    console.log(`generating ${count} reports into ${path} (once; --fresh regenerates)`);
    generate(path, count);
  }
  const pgUrl = values['pg-url'];
  if (pgUrl && store !== 'postgres') throw new Error('--pg-url goes with --store postgres');
  const cluster = store === 'postgres' && !pgUrl ? await benchPostgres(path) : undefined;
  const url = pgUrl ?? cluster?.url;
  if (pgUrl) {
    // The index scans printed at the end are this run's (a fill resets them itself).
    await withPgClient(pgUrl, (client) => client.query('SELECT pg_stat_reset()'));
  }
  const server = await startServer<ServerInfo>(import.meta.url, url ?? path, store ? ['--store', store] : []);
  console.log(`server ${server.address} (${store ? `the map alone on ${store}` : 'the app on sqlite'}) on ${server.reports} reports; ` +
    `${connections} connections, ${rounds} rounds of ${duration} s per row`);
  const since = new Date(Date.now() - 90 * DAY_MS).toISOString().slice(0, 10);
  try {
    const probe = server.helloAddress;
    const answers = [
      { name: 'county kpp-wejherowo, 90 days', url: `${server.address}/api/v1/reports?unit=kpp-wejherowo&since=${since}` },
      { name: 'voivodeship kwp-gdansk, 90 days', url: `${server.address}/api/v1/reports?unit=kwp-gdansk&since=${since}` },
      { name: 'country pl, zoom 6', url: `${server.address}/api/v1/reports?unit=pl&zoom=6` },
    ];
    const helloCold = await firstRequest(server.helloAddress);
    const answersCold = [];
    for (const { url } of answers) answersCold.push(await firstRequest(url, probe));
    // Issue 17: the selective national questions, cold, then under load with the others.
    for (const { name, query } of SELECTIVE_QUESTIONS) {
      answers.push({ name, url: `${server.address}/api/v1/reports?${query}` });
      answersCold.push(await firstRequest(answers.at(-1)!.url, probe));
    }
    const uncached = await uncachedQuestions(server.address, questions);
    const pairStarted = performance.now();
    const pair = await Promise.all(TWO_AT_ONCE.map((query) => firstRequest(`${server.address}/api/v1/reports?${query}`)));
    const pairMs = performance.now() - pairStarted;
    // Under load every answer is popular: measured as it is then sent.
    for (const [i, { url }] of answers.entries()) Object.assign(answersCold[i]!, await settle(url));
    const countyWire = answersCold[0]!.wire;
    const sizedUrl = `${server.helloAddress}/sized?bytes=${countyWire}`;
    const sizedCold = await firstRequest(sizedUrl);
    const targets = [
      { name: 'hello-world (limit)', url: server.helloAddress },
      { name: `hello-world, ${countyWire} B body`, url: sizedUrl },
      ...answers,
    ];
    const loads = await loadInRounds(targets, rounds, duration, connections);
    const rows: Row[] = [helloCold, sizedCold, ...answersCold].map((cold, i) => ({ ...cold, ...loads[i]!, name: targets[i]!.name }));
    const [hello, sized, county, , country] = rows as [Row, Row, Row, Row, Row];
    const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
    console.log(`\nmedian of ${rounds} rounds of ${duration} s per row, rows interleaved`);
    console.log('\n| request | req/s | p50 ms | p99 ms | JSON bytes | sent bytes | vs hello | vs same-size hello | first (cold) ms | longest stall ms | answer |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const r of rows) {
      const sent = r.encoding === 'none' ? `${r.wire}` : `${r.wire} (${r.encoding})`;
      console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.bytes} | ${sent} | ${pct(r.rps, hello.rps)} | ` +
        `${r === hello ? '' : pct(r.rps, sized.rps)} | ${r.coldMs.toFixed(0)} | ${r.stallMs?.toFixed(0) ?? ''} | ${r.note} |`);
    }
    console.log(`\ntargets: county p50 ${county.p50} ms (<= 5): ${county.p50 <= 5 ? 'met' : 'MISSED'}; ` +
      `county ${pct(county.rps, hello.rps)} of hello-world (>= 50 %): ${county.rps >= hello.rps / 2 ? 'met' : 'MISSED'}, ` +
      `${pct(county.rps, sized.rps)} of a hello-world sending the same ${county.wire} bytes; ` +
      `country response ${country.bytes} B JSON, ${country.wire} B ${country.encoding} (< 50 KB): ${country.bytes < 50 * 1024 ? 'met' : 'MISSED'}; ` +
      `first national answer ${country.coldMs.toFixed(0)} ms, event loop stalled at most ${country.stallMs?.toFixed(0)} ms meanwhile`);
    console.log(`\ntwo uncached questions at once: ${pair.map((p) => p.coldMs.toFixed(0)).join(' ms and ')} ms (${pairMs.toFixed(0)} ms for both; ${pair.map((p) => p.note).join('; ')})`);
    console.log(`\n| ${questions} uncached random questions | n | p50 ms | p99 ms | max ms | answers |\n|---|---:|---:|---:|---:|---|`);
    for (const [kind, u] of Object.entries(uncached)) console.log(`| ${kind} | ${u.n} | ${u.p50.toFixed(0)} | ${u.p99.toFixed(0)} | ${u.max.toFixed(0)} | ${u.note} |`);
    // Nobody asks for 62 s: the national answer has expired (60 s), and is served as it was while rebuilt.
    console.log('\nwaiting 62 s without visitors ...');
    await new Promise((resolve) => setTimeout(resolve, 62_000));
    const quiet = await firstRequest(answers[2]!.url, probe);
    console.log(`national map after 62 s quiet: ${quiet.coldMs.toFixed(0)} ms`);
    if (url) console.log(`\n${await reportIndexUse(url)}`);
    saveAndCompare(dir, store ? `${count}-${store}` : String(count), {
      reports: server.reports,
      rows: Object.fromEntries(rows.slice(2).map((r) => [r.name.replace(/, 90 days$/, ''), { coldMs: r.coldMs, p50: r.p50, p99: r.p99 }])),
      uncached, pair: pair.map((p) => p.coldMs), quietMs: quiet.coldMs,
    });
  } finally {
    await server.stop();
    await cluster?.stop();
  }
}

/** Random questions nobody asked before, one at a time: the uncached answer times, per kind. */
async function uncachedQuestions(address: string, count: number): Promise<Record<string, Uncached>> {
  const times: Record<string, { ms: number[]; clustered: number }> = {};
  for (const { kind, query } of randomQuestions(count, 17)) {
    const cold = await firstRequest(`${address}/api/v1/reports?${query}`);
    const entry = (times[kind] ??= { ms: [], clustered: 0 });
    entry.ms.push(cold.coldMs);
    if (cold.note.startsWith('clusters')) entry.clustered++;
  }
  const all = Object.values(times).flatMap((t) => t.ms);
  const summary = (ms: number[], note: string): Uncached => ({ n: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99), max: Math.max(...ms), note });
  return {
    ...Object.fromEntries(Object.entries(times).map(([kind, t]) => [kind, summary(t.ms, `${t.clustered} clustered`)])),
    all: summary(all, ''),
  };
}

function millions(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(n % 1e6 ? 1 : 0)} M` : `${(n / 1e3).toFixed(0)} k`;
}

interface Uncached { n: number; p50: number; p99: number; max: number; note: string }

interface Saved {
  reports: number;
  rows: Record<string, { coldMs: number; p50: number; p99: number }>;
  uncached: Record<string, Uncached>;
  pair: number[];
  quietMs: number;
}

/**
 * Keeps this run's figures in var/bench/reports-read-<run>.json (<count>, or <count>-<store>)
 * and prints them next to the other runs' last figures (3 M and 10 M side by side, a store
 * next to the other).
 */
function saveAndCompare(dir: string, run: string, saved: Saved): void {
  writeFileSync(join(dir, `reports-read-${run}.json`), `${JSON.stringify(saved, null, 1)}\n`);
  const runs = readdirSync(dir).flatMap((file) => {
    const match = /^reports-read-(\d+)(-sqlite|-postgres)?\.json$/.exec(file);
    return match ? [[Number(match[1]), match[2]?.slice(1) ?? '', JSON.parse(readFileSync(join(dir, file), 'utf8')) as Saved] as const] : [];
  }).sort(([a, x], [b, y]) => a - b || x.localeCompare(y)).map(([n, kind, saved]) => [`${millions(n)}${kind ? ` ${kind}` : ''}`, saved] as const);
  console.log(`\n| request (unit=pl unless named) | ${runs.map(([name]) => `${name}: cold ms | p50 | p99`).join(' | ')} |`);
  console.log(`|---|${runs.map(() => '---:|---:|---:').join('|')}|`);
  const names = [...new Set(runs.flatMap(([, r]) => Object.keys(r.rows)))];
  const cell = (value: number | undefined) => (value === undefined ? '' : value.toFixed(0));
  for (const name of names) console.log(`| ${name} | ${runs.map(([, r]) => [r.rows[name]?.coldMs, r.rows[name]?.p50, r.rows[name]?.p99].map(cell).join(' | ')).join(' | ')} |`);
  const kinds = [...new Set(runs.flatMap(([, r]) => Object.keys(r.uncached)))];
  for (const kind of kinds) {
    console.log(`| uncached random, ${kind} (n, p50, p99, max) | ${runs.map(([, r]) => r.uncached[kind] ? `n ${r.uncached[kind].n} | ${cell(r.uncached[kind].p50)} | ${cell(r.uncached[kind].p99)} (max ${cell(r.uncached[kind].max)})` : ' | | ').join(' | ')} |`);
  }
  console.log(`| two uncached at once (each) | ${runs.map(([, r]) => `${r.pair.map(cell).join(' + ')} | | `).join(' | ')} |`);
  console.log(`| national map after 62 s quiet | ${runs.map(([, r]) => `${cell(r.quietMs)} | | `).join(' | ')} |`);
}

await main();
