/**
 * Crime-statistics import benchmark (issue 10): the review's 5 MB junk files (`x\n` × 2.6 M
 * and `,,,,\n` × 1 M after the header) and a valid 5 MB file (about 200,000 figures of every
 * powiat), checked (dry run) and imported by a national admin through a real listening server
 * in a child process on a temporary database. For each it prints the answer's status and code,
 * the time to the whole answer, the answer's size, the server's RSS growth over its level
 * before the request (peak, sampled every 5 ms) and the longest event-loop stall in the server
 * (perf_hooks monitorEventLoopDelay, 1 ms resolution) while the request ran.
 * Run with `npm run bench:crime-import` (under a minute).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { StaffPath } from '../common/api.js';
import { CRIME_CATEGORIES, CRIME_IMPORT_LIMITS } from '../common/stats.js';
import { buildApp } from '../server/app.js';
import { StaffRepository } from '../server/db/staff-repository.js';
import { hashPassword } from '../server/staff/passwords.js';
import { startServer } from './child-server.js';

const LOGIN = 'bench-admin';
const PASSWORD = 'bench password, long enough';
const HEADER = 'teryt,year,month,category,count\n';

type ServerInfo = { address: string; probe: string; powiats: string[] };
interface Probe { rssMb: number; peakRssMb: number; maxStallMs: number }

/**
 * The server child: the app with a national admin, and on another port a probe that reports the
 * process's RSS (now and the peak since the last reset) and the longest event-loop delay.
 */
async function serve(dbPath: string): Promise<void> {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  const app = await buildApp({ dbPath, demoReports: 0 });
  new StaffRepository(app.db).insert({
    id: 'bench-admin', login: LOGIN, displayName: 'Bench', role: 'admin', unitId: 'pl',
    passwordHash: await hashPassword(PASSWORD), createdAt: new Date().toISOString(),
  });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let peak = 0;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5).unref();
  const probe = createServer((request, response) => {
    if (request.url === '/reset') {
      collect();
      delay.reset();
      peak = process.memoryUsage.rss();
    }
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    const answer: Probe = { rssMb: mb(process.memoryUsage.rss()), peakRssMb: mb(peak), maxStallMs: Math.round(delay.max / 1e6) };
    response.setHeader('content-type', 'application/json').end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const powiats = app.db.prepare('SELECT teryt FROM powiats ORDER BY teryt').pluck().all() as string[];
  const { port } = probe.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ address, probe: `http://127.0.0.1:${port}`, powiats })}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

/** Valid figures of every powiat and category, month after month from 2015, up to the size limit. */
function validFile(powiats: string[]): string {
  const parts = [HEADER];
  let size = HEADER.length;
  for (let month = 0; ; month++) {
    for (const teryt of powiats) {
      for (const category of CRIME_CATEGORIES) {
        const line = `${teryt},${2015 + Math.floor(month / 12)},${(month % 12) + 1},${category},${(month * 7 + Number(teryt)) % 500}\n`;
        if (size + line.length > CRIME_IMPORT_LIMITS.maxBytes) return parts.join('');
        parts.push(line);
        size += line.length;
      }
    }
  }
}

async function logIn(address: string): Promise<string> {
  const response = await fetch(`${address}${StaffPath.session}`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: address }, body: JSON.stringify({ login: LOGIN, password: PASSWORD }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kmzb_staff='));
  if (!response.ok || !cookie) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return cookie.split(';')[0]!;
}

async function probe(url: string): Promise<Probe> {
  return (await fetch(url)).json() as Promise<Probe>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { serve: { type: 'string' } } });
  if (values.serve) return serve(values.serve);
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-bench-crime-'));
  const server = await startServer<ServerInfo>(import.meta.url, join(dir, 'crime.sqlite'));
  try {
    const cookie = await logIn(server.address);
    const files = [
      { name: 'junk `x\\n` x 2.6 M', csv: HEADER + 'x\n'.repeat(2_600_000) },
      { name: 'junk `,,,,\\n` x 1 M', csv: HEADER + ',,,,\n'.repeat(1_000_000) },
      { name: 'valid', csv: validFile(server.powiats) },
    ];
    console.log(`server ${server.address}; national admin; RSS growth is the peak over the level before each request\n`);
    console.log('| file | MB | lines | request | status | code | time ms | answer bytes | RSS growth MB | longest stall ms |');
    console.log('|---|---:|---:|---|---:|---|---:|---:|---:|---:|');
    for (const { name, csv } of files) {
      const requests = name === 'valid' ? [true, false] : [true];
      for (const dryRun of requests) {
        const before = await (await fetch(`${server.probe}/reset`)).json() as Probe;
        const started = performance.now();
        const response = await fetch(`${server.address}${StaffPath.crimeStatsImport}?dryRun=${dryRun}`, {
          method: 'POST', headers: { 'content-type': 'text/csv', origin: server.address, cookie }, body: csv,
        });
        const body = await response.text();
        const ms = performance.now() - started;
        const after = await probe(server.probe);
        const code = response.ok ? (JSON.parse(body) as { inserted: number }).inserted + ' inserted' : (JSON.parse(body) as { code: string }).code;
        console.log(`| ${name} | ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(2)} | ${csv.split('\n').length - 2} | ${dryRun ? 'check' : 'import'} | ` +
          `${response.status} | ${code} | ${ms.toFixed(0)} | ${Buffer.byteLength(body)} | ${after.peakRssMb - before.rssMb} | ${after.maxStallMs} |`);
      }
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
