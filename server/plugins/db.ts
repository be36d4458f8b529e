import type { Database } from 'better-sqlite3';
import fp from 'fastify-plugin';
import { openDatabase } from '../db/open.js';
import { PowiatsRepository } from '../db/powiats-repository.js';
import { seedIfEmpty } from '../db/seed.js';
import { sqliteStore } from '../db/sqlite-store.js';
import { loadShippedData } from '../shipped-data.js';
import type { Store } from '../store/store.js';
import { UnitDirectory } from '../units/unit-directory.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open SQLite database; use the repositories, not SQL, outside server/db/. */
    db: Database;
    /** The store port (server/store/store.ts) on that database. */
    store: Store;
    /** The police units, read once at start. */
    units: UnitDirectory;
    powiats: PowiatsRepository;
  }
}

export interface DbPluginOptions {
  /** SQLite file; created, migrated and seeded with units on first use. */
  dbPath: string;
}

/**
 * Owns the database: opens and migrates it, seeds units on the first start, decorates the app
 * with it and its repositories, and closes it when the app closes.
 */
export default fp<DbPluginOptions>(
  async (app, { dbPath }) => {
    const db = openDatabase(dbPath, undefined, (copy, fromVersion) => {
      app.log.warn({ copy, fromVersion }, 'database copied before migrating it (delete the copy once the upgrade is known good)');
    });
    app.addHook('onClose', () => {
      db.close();
    });
    const started = performance.now();
    const seeded = seedIfEmpty(db, () => loadShippedData());
    if (seeded > 0) {
      app.log.info({ units: seeded, ms: Math.round(performance.now() - started) }, 'seeded units and their areas');
    }
    const store = sqliteStore(db);
    app.decorate('db', db);
    app.decorate('store', store);
    app.decorate('units', await UnitDirectory.load(store.units));
    app.decorate('powiats', new PowiatsRepository(db));
  },
  { name: 'kmzb-db', fastify: '5.x' },
);
