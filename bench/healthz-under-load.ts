/**
 * /healthz under heavy public work (issue 10): the product server (server/server.ts through tsx,
 * or the build in dist-server with `--built`) runs as a child process on a file database of
 * synthetic reports (300,000 by default, `--count N`; built once into var/bench/, `--fresh`
 * rebuilds it), configured by its environment like a deployment: the per-device, per-network
 * and per-minute limits are raised so that the uploads are not refused by the daily rule.
 * A worker thread (its own event loop, so the load generator's work does not delay it) GETs
 * /healthz every 20 ms on one kept-alive connection, while
 *   (a) 16 national CSV exports are requested at once and read as fast as they come, then
 *   (b) 30 reports with a 4.9 MB JPEG each (made by sharp from noise, so it does not shrink)
 *       are POSTed at once as multipart,
 * after a phase at rest. For each phase it prints the statuses, p50/p99/max of /healthz and the
 * longest stall of the server's event loop with the CPU time it used in it (bench/loop-probe.mjs).
 * Run with `npm run bench:healthz` (a few minutes; `--exports`, `--uploads`, `--rest` seconds;
 * `--profile` writes the server's CPU profiles into var/bench/profiles).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { REPORT_LIMITS } from '../common/catalogue.js';
import { projectRoot } from '../server/paths.js';
import { bulkLoadReports } from './national-data.js';

/** Polls /healthz every `interval` ms until told to stop; posts [startEpochMs, latencyMs] samples. */
const POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let running = true;
parentPort.on('message', () => { running = false; });
const get = () => new Promise((resolve) => {
  const request = http.get(workerData.url, { agent }, (response) => { response.resume(); response.on('end', () => resolve(response.statusCode)); });
  request.on('error', () => resolve(0));
});
(async () => {
  while (running) {
    const start = performance.now();
    const status = await get();
    const end = performance.now();
    parentPort.postMessage([performance.timeOrigin + start, end - start, status]);
    const wait = workerData.interval - (end - start);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  agent.destroy();
  parentPort.postMessage('done');
})();
`;

type Sample = [at: number, ms: number, status: number];
/** A line of bench/loop-probe.mjs: epoch ms, longest gap, process CPU in it, most process CPU in a gap, event-loop thread CPU in it (-1: unknown), most event-loop CPU in a gap. */
type Probe = [at: number, gap: number, cpu: number, busiest: number, loop: number, busiestLoop: number];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The product server as a child process, configured by environment variables only. */
async function startProductServer(dbPath: string, built: boolean, loopFile: string, profileDir?: string): Promise<{ address: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const probe = ['--import', join(projectRoot, 'bench/loop-probe.mjs'), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const args = built ? [...probe, join(projectRoot, 'dist-server/server/server.js')] : ['--import', 'tsx', ...probe, join(projectRoot, 'server/server.ts')];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env, KMZB_BENCH_LOOP_FILE: loopFile, PORT: String(port), HOST: '127.0.0.1', KMZB_DB: dbPath, LOG_LEVEL: 'warn', KMZB_DEMO: '0',
      // Each upload has its own device token, all come from 127.0.0.1: raise the per-network
      // cap and the write throttle (configuration, as a deployment would), not bypass the rule.
      KMZB_REPORTS_PER_NETWORK: '1000000', KMZB_WRITES_PER_MINUTE: '1000000',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('the server exited at start');
    try {
      if ((await fetch(`${address}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error('the server did not answer /healthz within a minute');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { address, stop: () => (child.kill('SIGTERM'), exited) };
}

/** A JPEG of noise close to `target` bytes (noise does not compress, so the size follows the pixels). */
async function largeJpeg(target: number): Promise<Buffer> {
  let pixels = target / 2;
  for (let attempt = 0; ; attempt++) {
    const width = Math.round(Math.sqrt(pixels * 4 / 3));
    const height = Math.round(width * 3 / 4);
    const jpeg = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 50 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    if ((jpeg.length <= target && jpeg.length > target * 0.97) || attempt > 8) {
      if (jpeg.length > target) throw new Error(`could not make a JPEG under ${target} bytes`);
      return jpeg;
    }
    pixels *= (target * 0.985) / jpeg.length;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

function summary(samples: Sample[], from: number, to: number): string {
  const ms = samples.filter(([at]) => at >= from && at < to).map(([, latency]) => latency).sort((a, b) => a - b);
  const failed = samples.filter(([at, , status]) => at >= from && at < to && status !== 200).length;
  return `${ms.length} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 99).toFixed(1)} | ${(ms.at(-1) ?? NaN).toFixed(1)} | ${failed}`;
}

function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([status, n]) => `${n} × ${status}`).join(', ');
}

/** One national CSV export, read to its end as fast as it comes; its status and size. */
async function exportOnce(address: string): Promise<{ status: number; bytes: number }> {
  const response = await fetch(`${address}/api/v1/exports/reports.csv?unit=pl`);
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).length;
  return { status: response.status, bytes };
}

async function uploadOnce(address: string, photo: Buffer, n: number): Promise<number> {
  const form = new FormData();
  const report = {
    lon: 20.4801 + (n % 10) * 0.002, lat: 53.7784 + Math.floor(n / 10) * 0.002, category: 'vandalism',
    description: 'Zniszczona wiata przystanku (bench).',
  };
  form.append('report', JSON.stringify(report));
  form.append('photo', new Blob([photo], { type: 'image/jpeg' }), 'photo.jpg');
  const response = await fetch(`${address}/api/v1/reports`, {
    method: 'POST', headers: { 'kmzb-device': randomBytes(18).toString('base64url') }, body: form,
  });
  await response.arrayBuffer();
  return response.status;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' }, fresh: { type: 'boolean' }, built: { type: 'boolean' },
      exports: { type: 'string' }, uploads: { type: 'string' }, rest: { type: 'string' }, profile: { type: 'boolean' },
    },
  });
  const count = Number(values.count ?? 300_000);
  const exports = Number(values.exports ?? 16);
  const uploads = Number(values.uploads ?? 30);
  const rest = Number(values.rest ?? 5);
  const benchDir = join(projectRoot, 'var', 'bench');
  mkdirSync(benchDir, { recursive: true });
  const source = join(benchDir, `healthz-${count}.sqlite`);
  if (values.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${source}${suffix}`, { force: true });
  if (!existsSync(source)) {
    console.log(`generating ${count} reports into ${source} (once; --fresh regenerates)`);
    bulkLoadReports(source, count, { columns: [], values: () => [] });
  }
  // The uploads write into the database: each run gets its own copy, the source stays as built.
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-bench-healthz-'));
  const dbPath = join(dir, 'kmzb.sqlite');
  copyFileSync(source, dbPath);
  const photo = await largeJpeg(Math.floor(REPORT_LIMITS.photosMaxBytes * 0.98));
  const loopFile = join(dir, 'loop.txt');
  const profileDir = values.profile ? join(benchDir, 'profiles') : undefined;
  const server = await startProductServer(dbPath, values.built ?? false, loopFile, profileDir);
  if (profileDir) console.log(`the server's CPU profiles go to ${profileDir} (open them in Chrome DevTools)`);
  console.log(`server ${server.address} (${values.built ? 'dist-server build' : 'tsx'}) on ${count} reports; photo ${(photo.length / 1024 / 1024).toFixed(2)} MB JPEG`);

  const samples: Sample[] = [];
  const poller = new Worker(POLLER, { eval: true, workerData: { url: `${server.address}/healthz`, interval: 20 } });
  const done = new Promise<void>((resolve) => poller.on('message', (message: Sample | 'done') => (message === 'done' ? resolve() : samples.push(message))));
  const now = () => performance.timeOrigin + performance.now();
  const phases: { name: string; from: number; to: number; note: string }[] = [];
  try {
    // Let the start-up work (the national map's warm-up in its worker) settle first.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    let from = now();
    await new Promise((resolve) => setTimeout(resolve, rest * 1000));
    phases.push({ name: 'at rest', from, to: now(), note: '' });

    from = now();
    const exported = await Promise.all(Array.from({ length: exports }, () => exportOnce(server.address)));
    const ran = exported.filter((e) => e.status === 200);
    phases.push({
      name: `${exports} national CSV exports at once`, from, to: now(),
      note: `${tally(exported.map((e) => e.status))}; ${ran.length ? (ran[0]!.bytes / 1024 / 1024).toFixed(1) : 0} MB each; ${((now() - from) / 1000).toFixed(1)} s`,
    });

    from = now();
    const uploaded = await Promise.all(Array.from({ length: uploads }, (_, n) => uploadOnce(server.address, photo, n)));
    phases.push({ name: `${uploads} uploads of a ${(photo.length / 1024 / 1024).toFixed(1)} MB JPEG at once`, from, to: now(), note: `${tally(uploaded)}; ${((now() - from) / 1000).toFixed(1)} s` });
  } finally {
    poller.postMessage('stop');
    await done;
    await poller.terminate();
    await server.stop();
  }
  const stalls = readFileSync(loopFile, 'utf8').trim().split('\n').map((line) => line.split(' ').map(Number) as Probe);
  rmSync(dir, { recursive: true, force: true });
  console.log('\n/healthz every 20 ms, latency in ms:\n');
  console.log('| phase | answers | p50 | p99 | max | not 200 | server\'s longest stall (its CPU ms; its event loop\'s) | most server CPU in one stall | most event-loop CPU in one stall | load |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const { name, from, to, note } of phases) {
    // A probe line covers the 100 ms before it.
    const lines = stalls.filter(([at]) => at > from && at <= to + 100);
    const worst = lines.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0, 0, 0, 0, 0]);
    const busiest = Math.max(...lines.map(([, , , cpu]) => cpu));
    const busiestLoop = Math.max(...lines.map(([, , , , , loop]) => loop));
    const loop = (ms: number) => (ms < 0 ? 'n/a' : ms.toFixed(0));
    console.log(`| ${name} | ${summary(samples, from, to)} | ${worst[1].toFixed(0)} (${worst[2].toFixed(0)}; ${loop(worst[4])}) | ${busiest.toFixed(0)} | ${loop(busiestLoop)} | ${note} |`);
  }
  console.log('\nThe latencies include the machine\'s scheduling delays (the load generator and the server share its cores);');
  console.log('the stall column is the longest gap between two turns of the server\'s event loop, with the CPU time the');
  console.log('server process used in it (bench/loop-probe.mjs): a long gap with little CPU is the machine, not the server;');
  console.log('the next columns are the most CPU the server used within any one gap (all its threads), and the most its');
  console.log('event-loop thread used within any one gap: that one is the server blocking its own loop, whatever the machine does.');
}

await main();
