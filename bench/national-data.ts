/**
 * Bulk load of synthetic national data for the benchmarks: the demo generator's reports
 * (towns, national category shares, statuses by age, growth since 2016) with their final
 * status, into a fresh file. Secondary indexes and triggers on `reports` (the R*Tree's, the
 * statistics aggregate's) are dropped during the load and recreated after it, which is much
 * faster than keeping them up to date row by row; each bench rebuilds what it reads.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { openDatabase } from '../server/db/open.js';
import { seedIfEmpty } from '../server/db/seed.js';
import type { DemoReport } from '../server/demo/seed-demo-reports.js';
import { newReportId } from '../server/reports/ids.js';
import { migrationsDir } from '../server/paths.js';
import { loadShippedData } from '../server/shipped-data.js';
import type { GeneratedBatch, GeneratorJob } from './national-generator.js';

const DAY_MS = 86_400_000;

export interface BulkShape {
  /** Columns of `reports` the bench fills beyond the common ones. */
  columns: string[];
  /** Their values for the n-th generated report. */
  values: (report: DemoReport, n: number) => unknown[];
  /** Runs after the indexes and triggers are back (e.g. an aggregate backfill); returns a note to print. */
  after?: (db: Database.Database) => string;
}

/** Writes `count` reports into a new database at `path` (built as `path.partial`, renamed when complete). */
export function bulkLoadReports(path: string, count: number, shape: BulkShape): void {
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const db = openDatabase(partial);
  seedIfEmpty(db, () => loadShippedData());
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  // Index builds sort with a helper thread.
  db.pragma('threads = 2');
  const derived = db.prepare(
    "SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE tbl_name IN ('reports', 'map_cells') AND type IN ('index', 'trigger') AND sql IS NOT NULL",
  ).all() as { type: string; name: string; tbl: string; sql: string }[];
  for (const { type, name } of derived) db.exec(`DROP ${type.toUpperCase()} ${name}`);
  const extra = shape.columns.length ? `, ${shape.columns.join(', ')}` : '';
  const insert = db.prepare(
    `INSERT INTO reports (id, unit_id, category, status, source, lon, lat, tracking_hash, created_at, updated_at, demo${extra})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1${shape.columns.map(() => ', ?').join('')})`,
  );
  const hash = randomBytes(32);
  const now = new Date();
  const days = (now.getTime() - Date.parse('2016-01-01T00:00:00Z')) / DAY_MS;
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
  let n = 0;
  const write = db.transaction((batch: GeneratedBatch['reports']) => {
    for (const r of batch) {
      const last = r.steps.at(-1);
      const values = shape.values(r, n);
      for (let id = r.id; ; id = newReportId()) {
        try {
          insert.run(id, r.unitId, r.category, last?.status ?? 'new', r.source, r.lon, r.lat, hash,
            r.createdAt, last?.at ?? r.createdAt, ...values);
          break;
        } catch (error) {
          // 50-bit random ids: among millions a collision is rare but possible; draw again.
          if (!String(error).includes('UNIQUE')) throw error;
        }
      }
      if (++n % 500_000 === 0) console.log(`  ${n} reports, ${seconds()} s`);
    }
  });
  const generator = startGenerator({ count, days, seed: 2016, now: now.toISOString(), batch: 20_000 });
  try {
    for (let batch = generator.next(); ; batch = generator.next()) {
      write(batch.reports);
      if (batch.done) break;
    }
  } finally {
    generator.stop();
  }
  console.log(`  rows in ${seconds()} s; rebuilding indexes, triggers and the R*Tree`);
  const step = (name: string, run: () => void): void => {
    const at = performance.now();
    run();
    console.log(`  ${name}: ${((performance.now() - at) / 1000).toFixed(1)} s`);
  };
  // In cell order: neighbours go into the same R*Tree nodes (a third faster than by seq).
  step('R*Tree', () => db.exec('INSERT INTO reports_rtree (seq, min_lon, max_lon, min_lat, max_lat) SELECT seq, lon, lon, lat, lat FROM reports ORDER BY grid_x, grid_y'));
  for (const { name, sql } of derived.filter((d) => d.tbl === 'reports')) step(name, () => db.exec(sql));
  step('map_cells', () => db.exec(mapCellsBackfill()));
  // map_national's triggers on map_cells (migration 023) only after its backfill: not one per row.
  for (const { name, sql } of derived.filter((d) => d.tbl === 'map_cells')) step(name, () => db.exec(sql));
  const note = shape.after?.(db);
  db.pragma('journal_mode = WAL');
  db.close();
  renameSync(partial, path);
  console.log(`generated ${n} reports${note ? ` (${note})` : ''} in ${seconds()} s`);
}

/**
 * Migrations 020's, 021's, 024's and 023's backfills of the map aggregate (the triggers are off
 * during the load): 024 takes the reports from the frontier on out of 021's suffix buckets,
 * and 023 copies the result without units.
 */
function mapCellsBackfill(): string {
  return ['020-map-cells.sql', '021-map-suffixes.sql', '024-map-frontier.sql', '023-map-national.sql'].map((file) => {
    const sql = readFileSync(join(migrationsDir, file), 'utf8');
    return sql.slice(sql.indexOf('-- backfill:begin'), sql.indexOf('-- backfill:end'));
  }).join('\n');
}

/**
 * The generator worker (national-generator.ts), batch by batch, synchronously: the worker
 * signals each batch on a shared counter, and the main thread takes it off the port without
 * its event loop (so every bench keeps calling bulkLoadReports as a plain function).
 */
function startGenerator(job: GeneratorJob): { next: () => GeneratedBatch; stop: () => void } {
  const url = new URL('./national-generator.ts', import.meta.url);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  // A worker does not inherit tsx's loader on Node 20: register it first (as map-workers.ts does).
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { ...job, signal, port: port2 }, transferList: [port2] });
  let taken = 0;
  return {
    next: () => {
      port1.postMessage('next');
      while (Atomics.load(signal, 0) === taken) Atomics.wait(signal, 0, taken, 1000);
      taken++;
      return receiveMessageOnPort(port1)!.message as GeneratedBatch;
    },
    stop: () => {
      port1.close();
      void worker.terminate();
    },
  };
}
