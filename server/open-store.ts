import type { Database } from 'better-sqlite3';
import { openDatabase } from './db/open.js';
import { seedIfEmpty } from './db/seed.js';
import { sqliteStore } from './db/sqlite-store.js';
import { loadShippedData } from './shipped-data.js';
import { migratePostgres } from './store/postgres/migrate.js';
import { pgSeedIfEmpty } from './store/postgres/pg-seed.js';
import { pgStore } from './store/postgres/pg-store.js';
import { createPgPool } from './store/postgres/pool.js';
import type { Store } from './store/store.js';

/** Where the product keeps its data: the SQLite file (default) or a PostgreSQL database. */
export interface StoreLocation {
  /** The SQLite file (KMZB_DB), used when no databaseUrl is given. */
  dbPath: string;
  /** postgres://… (KMZB_DATABASE_URL): the PostgreSQL store instead of the file. */
  databaseUrl?: string | undefined;
}

export interface OpenStoreHooks {
  /** SQLite: the file was copied before migrating it (an upgrade). */
  onCopy?: (copy: string, fromVersion: number) => void;
  /** PostgreSQL: an idle pooled connection failed (the pool replaces it; worth a log line). */
  onPoolError?: (error: Error) => void;
  /** PostgreSQL connections in the pool (default 10). */
  poolSize?: number;
}

export interface OpenedStore {
  store: Store;
  /** The SQLite database, when the store is SQLite (backups, tests, the map's workers). */
  db: Database | undefined;
  /** Units seeded on this start (0 when the store already had them). */
  seeded: number;
  /** Where, for messages: the file's path, or the URL without its password. */
  where: string;
  /** Waits for the units handed in, then closes the file or ends the pool. */
  close(): Promise<void>;
}

/**
 * The store could not be opened: PostgreSQL unreachable, a refused login, a missing database.
 * The message names the place without the password and says what the server said.
 */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  constructor(message: string, readonly code: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Opens the store a location names, migrated and with the units seeded, as the server and
 * the command-line tools need it: one place decides between the two adapters.
 */
export async function openStore(location: StoreLocation, hooks: OpenStoreHooks = {}): Promise<OpenedStore> {
  if (location.databaseUrl) return openPostgres(location.databaseUrl, hooks);
  const db = openDatabase(location.dbPath, undefined, hooks.onCopy);
  try {
    const seeded = seedIfEmpty(db, () => loadShippedData());
    const store = sqliteStore(db);
    return {
      store, db, seeded, where: location.dbPath,
      close: async () => {
        await store.drain();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

async function openPostgres(url: string, hooks: OpenStoreHooks): Promise<OpenedStore> {
  const where = withoutPassword(url);
  const pool = createPgPool({ connectionString: url, max: hooks.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle connection that dies (a restarted server, a failover) is an event on the pool: unheard,
  // it would end the process. The pool drops it; the next query opens a new one.
  pool.on('error', (error) => hooks.onPoolError?.(error));
  try {
    await migratePostgres(pool);
    const seeded = await pgSeedIfEmpty(pool, () => loadShippedData());
    const store = pgStore(pool);
    return {
      store, db: undefined, seeded, where,
      close: async () => {
        await store.drain();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectionFailure(error, where) ?? error;
  }
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE']);

/** Errors of reaching or logging in to PostgreSQL, as opposed to a bug or a failed migration. */
function connectionFailure(error: unknown, where: string): StoreOpenError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
  // The network (not a missing file or folder of this machine, which are its own errors); 28P01 a
  // wrong password, 28000 a refused role, 3D000 no such database, 57P03 starting up, 53300 too many connections.
  const reachable = typeof code === 'string' && (NETWORK.has(code) || /^(28P01|28000|3D000|57P03|53300)$/.test(code));
  const timeout = /timeout/i.test(message) && !code;
  if (!reachable && !timeout) return undefined;
  return new StoreOpenError(`cannot use the PostgreSQL database ${where} (KMZB_DATABASE_URL): ${message}${typeof code === 'string' ? ` (${code})` : ''}`,
    typeof code === 'string' ? code : 'ETIMEDOUT', { cause: error });
}

/** The URL with its password replaced, fit for a log line or an error message. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

