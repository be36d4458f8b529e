/**
 * `npm run seed:demo [-- --count N] [-- --clear]`: adds N (default 5,000) synthetic demo
 * reports to the store (KMZB_DATABASE_URL, else the SQLite file of KMZB_DB), or with --clear
 * removes every demo report (rows with demo = 1; real reports are never touched). It may run
 * beside the server: SQLite's WAL and PostgreSQL both let the server read on while this writes.
 */
import { parseArgs } from 'node:util';
import { ConfigError, DEFAULT_DEMO_REPORTS, loadConfig } from './config.js';
import { seedDemoReports } from './demo/seed-demo-reports.js';
import { PowiatLocator } from './geo/locator.js';
import { openStore, StoreOpenError } from './open-store.js';
import { PowiatDirectory } from './units/powiat-directory.js';
import { UnitDirectory } from './units/unit-directory.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { count: { type: 'string' }, clear: { type: 'boolean' }, seed: { type: 'string' } },
  });
  const count = values.count === undefined ? DEFAULT_DEMO_REPORTS : Number(values.count);
  if (!Number.isInteger(count) || count < 0) throw new ConfigError(`--count must be a whole number, got "${values.count}".`);
  const config = loadConfig();
  const opened = await openStore(config);
  const { store, where } = opened;
  try {
    if (values.clear) {
      console.log(`kmzb: removed ${await store.unit((tx) => tx.reports.clearDemo())} demo reports from ${where}`);
      return;
    }
    const powiats = await PowiatDirectory.load(store.powiats);
    const started = performance.now();
    const seeded = await seedDemoReports(
      { store, units: await UnitDirectory.load(store.units), powiats, locator: new PowiatLocator(powiats.shapes()) },
      { count, ...(values.seed ? { seed: Number(values.seed) } : { seed: Date.now() }) },
    );
    console.log(`kmzb: added ${seeded} demo reports to ${where} in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await opened.close();
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof ConfigError) && !(error instanceof StoreOpenError)) throw error;
  console.error(`kmzb: ${error.message}`);
  process.exit(1);
}
