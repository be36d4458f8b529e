import type { Database } from 'better-sqlite3';
import fp from 'fastify-plugin';
import { openDatabase } from '../db/open.js';
import { PowiatsRepository } from '../db/powiats-repository.js';
import { seedIfEmpty } from '../db/seed.js';
import { UnitsRepository } from '../db/units-repository.js';
import { loadShippedData } from '../shipped-data.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open SQLite database; use the repositories, not SQL, outside server/db/. */
    db: Database;
    units: UnitsRepository;
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
    app.decorate('db', db);
    app.decorate('units', new UnitsRepository(db));
    app.decorate('powiats', new PowiatsRepository(db));
  },
  { name: 'kmzb-db', fastify: '5.x' },
);
