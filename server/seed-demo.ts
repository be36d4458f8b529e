/**
 * `npm run seed:demo [-- --count N] [-- --clear]`: adds N (default 5,000) synthetic demo
 * reports to the database of KMZB_DB, or with --clear removes every demo report (rows with
 * demo = 1; real reports are never touched). Stop the server first or run it beside: SQLite
 * WAL lets the server read on while this writes.
 */
import { parseArgs } from 'node:util';
import { ConfigError, DEFAULT_DEMO_REPORTS, loadConfig } from './config.js';
import { openDatabase } from './db/open.js';
import { PowiatsRepository } from './db/powiats-repository.js';
import { ReportsRepository } from './db/reports-repository.js';
import { seedIfEmpty } from './db/seed.js';
import { sqliteStore } from './db/sqlite-store.js';
import { UnitDirectory } from './units/unit-directory.js';
import { seedDemoReports } from './demo/seed-demo-reports.js';
import { PowiatLocator } from './geo/locator.js';
import { loadShippedData } from './shipped-data.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { count: { type: 'string' }, clear: { type: 'boolean' }, seed: { type: 'string' } },
  });
  const count = values.count === undefined ? DEFAULT_DEMO_REPORTS : Number(values.count);
  if (!Number.isInteger(count) || count < 0) throw new ConfigError(`--count must be a whole number, got "${values.count}".`);
  const { dbPath } = loadConfig();
  const db = openDatabase(dbPath);
  try {
    seedIfEmpty(db, () => loadShippedData());
    const reports = new ReportsRepository(db);
    if (values.clear) {
      console.log(`kmzb: removed ${reports.clearDemo()} demo reports from ${dbPath}`);
      return;
    }
    const powiats = new PowiatsRepository(db);
    const started = performance.now();
    const seeded = seedDemoReports(
      { db, reports, units: await UnitDirectory.load(sqliteStore(db).units), powiats, locator: new PowiatLocator(powiats.shapes()) },
      { count, ...(values.seed ? { seed: Number(values.seed) } : { seed: Date.now() }) },
    );
    console.log(`kmzb: added ${seeded} demo reports to ${dbPath} in ${Math.round(performance.now() - started)} ms`);
  } finally {
    db.close();
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`kmzb: ${error.message}`);
  process.exit(1);
}
