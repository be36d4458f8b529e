/**
 * Worker thread of bench/national-data.ts: draws the synthetic reports (and their ids) while
 * the main thread writes the previous batch, so a 10 M file is limited by SQLite's inserts,
 * not by the generator. Batches go out one ahead of what the main thread has taken.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { openDatabase } from '../server/db/open.js';
import { PowiatDirectory } from '../server/units/powiat-directory.js';
import { seedIfEmpty } from '../server/db/seed.js';
import { sqliteStore } from '../server/db/sqlite-store.js';
import { UnitDirectory } from '../server/units/unit-directory.js';
import { demoReports, type DemoReport } from '../server/demo/seed-demo-reports.js';
import { PowiatLocator } from '../server/geo/locator.js';
import { newReportId } from '../server/reports/ids.js';
import { loadShippedData } from '../server/shipped-data.js';

export interface GeneratorJob {
  count: number;
  days: number;
  seed: number;
  now: string;
  batch: number;
}

export interface GeneratedBatch {
  reports: (DemoReport & { id: string })[];
  done: boolean;
}

const job = workerData as GeneratorJob & { signal: Int32Array; port: MessagePort };
// Its own database for the units and areas (reports are routed like real ones).
const db = openDatabase(':memory:');
seedIfEmpty(db, () => loadShippedData());
const store = sqliteStore(db);
const powiats = await PowiatDirectory.load(store.powiats);
const deps = { units: await UnitDirectory.load(store.units), powiats, locator: new PowiatLocator(powiats.shapes()) };
const reports = demoReports(deps, { count: job.count, days: job.days, seed: job.seed, now: new Date(job.now) });

function next(): GeneratedBatch {
  const batch: GeneratedBatch['reports'] = [];
  for (let item = reports.next(); ; item = reports.next()) {
    if (item.done) return { reports: batch, done: true };
    batch.push({ ...item.value, id: newReportId() });
    if (batch.length === job.batch) return { reports: batch, done: false };
  }
}

// One batch ahead: the next is drawn while the main thread writes this one.
let ahead = next();
job.port.on('message', () => {
  job.port.postMessage(ahead);
  // The main thread waits on this counter, not on its event loop.
  Atomics.add(job.signal, 0, 1);
  Atomics.notify(job.signal, 0);
  if (!ahead.done) ahead = next();
});
