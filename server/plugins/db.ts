import type { Database } from 'better-sqlite3';
import fp from 'fastify-plugin';
import { ReportsRepository } from '../db/reports-repository.js';
import { openStore, type StoreLocation } from '../open-store.js';
import type { Store } from '../store/store.js';
import { PowiatDirectory } from '../units/powiat-directory.js';
import { UnitDirectory } from '../units/unit-directory.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The open SQLite database when the store is SQLite (tests and benches set data up through
     * it); reading it on PostgreSQL throws. Product code goes through `store`.
     */
    db: Database;
    /**
     * The SQLite reports repository (synchronous), for tests and benches that set reports up;
     * reading it on PostgreSQL throws. Product code goes through `store.reports`.
     */
    reports: ReportsRepository;
    /** The store port (server/store/store.ts): SQLite (KMZB_DB) or PostgreSQL (KMZB_DATABASE_URL). */
    store: Store;
    /** The police units, read once at start. */
    units: UnitDirectory;
    /** The powiats, read once at start. */
    powiats: PowiatDirectory;
  }
}

export type DbPluginOptions = StoreLocation;

/**
 * Owns the store: opens and migrates it, seeds units on the first start, decorates the app
 * with it, the units and the powiats, and closes it when the app closes (after the units of
 * work in flight).
 */
export default fp<DbPluginOptions>(
  async (app, location) => {
    const started = performance.now();
    const opened = await openStore(location, {
      onCopy: (copy, fromVersion) => {
        app.log.warn({ copy, fromVersion }, 'database copied before migrating it (delete the copy once the upgrade is known good)');
      },
      onPoolError: (error) => app.log.warn({ err: error }, 'an idle PostgreSQL connection failed (the pool opens another)'),
    });
    app.addHook('onClose', () => opened.close());
    if (opened.seeded > 0) {
      app.log.info({ units: opened.seeded, ms: Math.round(performance.now() - started) }, 'seeded units and their areas');
    }
    app.log.info({ store: opened.store.kind, where: opened.where }, 'store open');
    const { db } = opened;
    if (db) {
      app.decorate('db', db);
      app.decorate('reports', new ReportsRepository(db));
    } else {
      const sqliteOnly = (name: string) => () => {
        throw new Error(`app.${name} is the SQLite store's; this app runs on PostgreSQL (use app.store)`);
      };
      app.decorate('db', { getter: sqliteOnly('db') });
      app.decorate('reports', { getter: sqliteOnly('reports') });
    }
    app.decorate('store', opened.store);
    app.decorate('units', await UnitDirectory.load(opened.store.units));
    app.decorate('powiats', await PowiatDirectory.load(opened.store.powiats));
  },
  { name: 'kmzb-db', fastify: '5.x' },
);
