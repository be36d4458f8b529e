/**
 * Durability under a crash: the real server (`server/server.ts`, as `npm start` runs it, but
 * through tsx) in a child process on a temporary database takes concurrent report POSTs, is
 * killed with SIGKILL at a random moment, and is started again on the same file. Every report
 * answered 201 before the kill must then be readable with its tracking token: a 201 promises
 * that the report is on disk (synchronous = FULL, group commit answers after the fsync).
 * Limits are raised through the environment, as a deployment behind a proxy would: every
 * request has its own device token and an X-Forwarded-For address from 4,096 networks.
 *
 * Run with `npm run bench:crash` (3 rounds, about a minute);
 * `-- --rounds 5 --connections 32 --kill-after 500-4000` (milliseconds of load before the kill).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ApiPath, DEVICE_HEADER, TRACKING_TOKEN_HEADER } from '../common/api.js';

const SERVER = fileURLToPath(new URL('../server/server.ts', import.meta.url));
const TOWNS: [number, number][] = [[21.0067, 52.2319], [19.9373, 50.0617], [17.032, 51.11], [18.6533, 54.3486], [20.4801, 53.7784]];
const CATEGORIES = ['speeding', 'illegal_parking', 'public_drinking', 'vandalism', 'road_infrastructure'];
const NETWORKS = 4096;

interface Acknowledged {
  id: string;
  token: string;
}

/** A port nobody listens on now (the child gets it through PORT). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `node <tsx loader> server/server.ts` with the bench's settings in its environment. */
function startServer(dbPath: string, port: number): ChildProcess {
  return spawn(process.execPath, [...process.execArgv, SERVER], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      KMZB_DB: dbPath,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      KMZB_DEMO: '0',
      // The load comes from loopback as if through a proxy, spread over NETWORKS client networks.
      KMZB_TRUST_PROXY: 'true',
      KMZB_REPORTS_PER_NETWORK: '100000',
      KMZB_WRITES_PER_MINUTE: '1000000000',
    },
  });
}

/** Resolves once /healthz answers 200; rejects if the child exits first or after `patience` ms. */
async function healthy(base: string, child: ChildProcess, patience = 120_000): Promise<void> {
  const deadline = Date.now() + patience;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was healthy`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server was not healthy within ${patience} ms`);
}

function reportBody(): string {
  const [lon, lat] = TOWNS[Math.floor(Math.random() * TOWNS.length)]!;
  return JSON.stringify({
    lon: lon + (Math.random() - 0.5) * 0.04,
    lat: lat + (Math.random() - 0.5) * 0.03,
    category: CATEGORIES[Math.floor(Math.random() * CATEGORIES.length)],
    description: 'Test trwałości: zgłoszenie przed awarią serwera.',
  });
}

function clientAddress(): string {
  const n = Math.floor(Math.random() * NETWORKS);
  return `10.${n >> 8}.${n & 255}.${1 + Math.floor(Math.random() * 250)}`;
}

interface LoadResult {
  acknowledged: Acknowledged[];
  /** Answers other than 201 before the kill (there should be none). */
  refused: Map<number, number>;
  loadMs: number;
}

/**
 * `connections` loops POST reports until the server dies; the child is SIGKILLed after
 * `killAfterMs`. A report counts as acknowledged only once its whole 201 answer was read.
 */
async function loadAndKill(base: string, child: ChildProcess, connections: number, killAfterMs: number): Promise<LoadResult> {
  const acknowledged: Acknowledged[] = [];
  const refused = new Map<number, number>();
  let killed = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = performance.now();
  const loop = async (): Promise<void> => {
    while (!killed) {
      try {
        const response = await fetch(`${base}${ApiPath.reports}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [DEVICE_HEADER]: randomBytes(18).toString('base64url'), 'x-forwarded-for': clientAddress() },
          body: reportBody(),
        });
        const text = await response.text();
        if (response.status === 201) {
          const { id, trackingToken } = JSON.parse(text) as { id: string; trackingToken: string };
          acknowledged.push({ id, token: trackingToken });
        } else {
          refused.set(response.status, (refused.get(response.status) ?? 0) + 1);
        }
      } catch {
        // The server died with this request in flight: it was never acknowledged.
        if (!killed) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  };
  const loops = Array.from({ length: connections }, loop);
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  child.kill('SIGKILL');
  const loadMs = performance.now() - started;
  await exited;
  killed = true;
  await Promise.all(loops);
  return { acknowledged, refused, loadMs };
}

/** How many of `reports` the server shows to their tracking token (16 requests at a time). */
async function countReadable(base: string, reports: readonly Acknowledged[]): Promise<{ found: number; missing: string[] }> {
  const missing: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < reports.length) {
      const report = reports[next++]!;
      const response = await fetch(`${base}${ApiPath.report.replace(':id', report.id)}`, { headers: { [TRACKING_TOKEN_HEADER]: report.token } });
      await response.arrayBuffer();
      if (response.status !== 200) missing.push(report.id);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return { found: reports.length - missing.length, missing };
}

/** Rows in the file and SQLite's own consistency check, read beside the running server (WAL). */
function inspectFile(dbPath: string): { rows: number; check: string } {
  const db = new Database(dbPath, { readonly: true });
  try {
    return { rows: db.prepare('SELECT count(*) FROM reports').pluck().get() as number, check: db.pragma('quick_check', { simple: true }) as string };
  } finally {
    db.close();
  }
}

function parseRange(text: string): [number, number] {
  const [low, high] = text.split('-').map(Number);
  if (!Number.isFinite(low) || !Number.isFinite(high ?? low)) throw new Error(`--kill-after takes "min-max" in milliseconds, got "${text}"`);
  return [low!, high ?? low!];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '3' }, connections: { type: 'string', default: '32' }, 'kill-after': { type: 'string', default: '500-4000' } },
  });
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);
  const [killMin, killMax] = parseRange(values['kill-after']);
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-crash-'));
  const dbPath = join(dir, 'kmzb.sqlite');
  let child: ChildProcess | undefined;
  const all: Acknowledged[] = [];
  let lostTotal = 0;
  let rowsBefore = 0;
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let started = performance.now();
    child = startServer(dbPath, port);
    await healthy(base, child);
    console.log(`server: tsx server/server.ts on ${base}, database ${dbPath} (created and seeded in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`load: ${connections} connections, own device token per request, X-Forwarded-For from ${NETWORKS} networks; SIGKILL after ${killMin}-${killMax} ms`);
    for (let round = 1; round <= rounds; round++) {
      const killAfter = killMin + Math.random() * (killMax - killMin);
      const load = await loadAndKill(base, child, connections, killAfter);
      all.push(...load.acknowledged);
      started = performance.now();
      child = startServer(dbPath, port);
      await healthy(base, child);
      const restartMs = performance.now() - started;
      started = performance.now();
      const { found, missing } = await countReadable(base, load.acknowledged);
      const verifyMs = performance.now() - started;
      const file = inspectFile(dbPath);
      const lost = load.acknowledged.length - found;
      // Committed, but killed before its 201 was read: allowed (the client retries), never the reverse.
      const unanswered = file.rows - rowsBefore - found;
      rowsBefore = file.rows;
      lostTotal += lost;
      const refused = [...load.refused].map(([status, n]) => `${status} x${n}`).join(', ') || 'none';
      console.log(
        `round ${round}: killed after ${(load.loadMs / 1000).toFixed(2)} s; acknowledged ${load.acknowledged.length}, found ${found}, lost ${lost}` +
        ` (${(load.acknowledged.length / (load.loadMs / 1000)).toFixed(0)} reports/s; other answers: ${refused});` +
        ` stored without an answer ${unanswered}; restart ${(restartMs / 1000).toFixed(1)} s, check ${(verifyMs / 1000).toFixed(1)} s;` +
        ` rows in file ${file.rows}, quick_check ${file.check}`,
      );
      if (missing.length > 0) console.log(`  lost ids: ${missing.slice(0, 20).join(' ')}${missing.length > 20 ? ' …' : ''}`);
    }
    // Earlier rounds' reports must also have survived the later kills.
    const { found } = await countReadable(base, all);
    console.log(`all rounds: acknowledged ${all.length}, found ${found}, lost ${all.length - found} (lost in the rounds: ${lostTotal})`);
    if (found !== all.length) process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
