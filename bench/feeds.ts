/**
 * Atom feed benchmark at national scale: 3,000,000 synthetic reports (the demo generator's, as
 * bench/reports-read) with a `confirmed` history row for every report the generator confirmed,
 * then GET /api/v1/feeds/:unit/{new,confirmed}.atom for the country, a voivodeship and a county,
 * in-process with `inject`: feeds are not cached on the server, so the time of one answer is
 * the time the event loop is held. The database is built once into
 * var/bench/feeds-<count>.sqlite and reused; `-- --fresh` rebuilds it, `-- --count N` sizes it.
 * Run with `npm run bench:feeds`.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../server/app.js';
import { projectRoot } from '../server/paths.js';
import { bulkLoadReports } from './national-data.js';

const RUNS = 15;

/** Reports with their confirmation time in the history (the only history rows the feeds read). */
function generate(path: string, count: number): void {
  // The n-th generated report gets seq n + 1 (a fresh table, rows in order).
  const confirmed: [seq: number, at: string][] = [];
  bulkLoadReports(path, count, {
    columns: [],
    values: (report, n) => {
      const step = report.steps.find((s) => s.status === 'confirmed');
      if (step) confirmed.push([n + 1, step.at]);
      return [];
    },
    after: (db) => {
      const insert = db.prepare(
        "INSERT INTO report_history (report_id, at, status) SELECT id, ?, 'confirmed' FROM reports WHERE seq = ?",
      );
      db.transaction(() => {
        for (const [seq, at] of confirmed) insert.run(at, seq);
      })();
      return `${confirmed.length} confirmations in the history`;
    },
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { fresh: { type: 'boolean' }, count: { type: 'string' } } });
  const count = Number(values.count ?? 3_000_000);
  const dir = join(projectRoot, 'var', 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `feeds-${count}.sqlite`);
  if (values.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  if (!existsSync(path)) {
    console.log(`generating ${count} reports into ${path} (once; --fresh regenerates)`);
    generate(path, count);
  }
  const app = await buildApp({ dbPath: path });
  try {
    console.log(`${app.reports.count()} reports; ${RUNS} requests per row after one warm-up, in-process (inject)\n`);
    console.log('| feed | p50 ms | max ms | entries |');
    console.log('|---|---:|---:|---:|');
    for (const unit of ['pl', 'kwp-gdansk', 'kpp-wejherowo']) {
      for (const feed of ['new', 'confirmed']) {
        const url = `/api/v1/feeds/${unit}/${feed}.atom`;
        const first = await app.inject(url);
        if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body}`);
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now();
          await app.inject(url);
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        const entries = first.body.split('<entry>').length - 1;
        console.log(`| ${unit} ${feed}.atom | ${percentile(times, 0.5).toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ${entries} |`);
      }
    }
  } finally {
    await app.close();
  }
}

await main();
