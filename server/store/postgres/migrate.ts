import type pg from 'pg';
import { pgMigrationsDir } from '../../paths.js';
import { readMigrations, SchemaTooNewError, type Migration } from '../migrations.js';

export { SchemaTooNewError };

/**
 * The session-level advisory lock every instance takes before migrating (pg_advisory_lock's
 * two-int form: a class for KMZB, one key for migrations), so that two instances started at
 * once do not both run a migration: the second waits, then finds nothing left to do.
 * Session locks need a session: behind PgBouncer, migrate through a direct connection (or a
 * session-pooling one), not a transaction-pooling one.
 */
export const MIGRATION_LOCK = { classId: 0x4b4d5a42 /* 'KMZB' */, objectId: 1 } as const;

/** Why migrating failed, named by a stable code (SchemaTooNewError's is SCHEMA_TOO_NEW). */
export type MigrationErrorCode = 'MIGRATION_FAILED' | 'MIGRATION_LOCK_TIMEOUT';

/**
 * A migration failed and was rolled back (the database stays at `version - 1`), or the lock
 * could not be had in time. `cause` is node-pg's error: its `code` is the SQLSTATE.
 */
export class MigrationError extends Error {
  override name = 'MigrationError';

  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly version?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface PgMigrateOptions {
  /** The migrations (default: server/store/postgres/migrations). */
  migrations?: readonly Migration[];
  /** Called once, before the first migration, when a database that already has a schema is upgraded. */
  beforeMigrating?: (from: number, to: number) => void | Promise<void>;
  /** Give up waiting for another instance's migration after this long (default: wait as long as it takes). */
  lockTimeoutMs?: number;
}

type Queryable = pg.Pool | pg.PoolClient | pg.Client;

function isPool(db: Queryable): db is pg.Pool {
  // A Pool has totalCount; a Client (and a PoolClient) does not.
  return typeof (db as pg.Pool).totalCount === 'number';
}

/**
 * Applies the migrations newer than the database's, each in its own transaction together with
 * its row in schema_version, under the migration lock. A failing migration leaves the database
 * at the previous version with none of its statements applied (PostgreSQL's DDL is
 * transactional, CREATE EXTENSION included).
 *
 * @returns the version the database is at afterwards.
 * @throws SchemaTooNewError (code SCHEMA_TOO_NEW) when the database is newer than the newest migration.
 * @throws MigrationError (MIGRATION_FAILED, MIGRATION_LOCK_TIMEOUT).
 */
export async function migratePostgres(db: Queryable, options: PgMigrateOptions = {}): Promise<number> {
  const migrations = options.migrations ?? readMigrations(pgMigrationsDir);
  const client = isPool(db) ? await db.connect() : db;
  try {
    await takeLock(client, options.lockTimeoutMs);
    try {
      return await migrateLocked(client, migrations, options);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [MIGRATION_LOCK.classId, MIGRATION_LOCK.objectId]);
    }
  } finally {
    if (isPool(db)) (client as pg.PoolClient).release();
  }
}

async function takeLock(client: pg.PoolClient | pg.Client, timeoutMs: number | undefined): Promise<void> {
  if (timeoutMs === undefined) {
    await client.query('SELECT pg_advisory_lock($1, $2)', [MIGRATION_LOCK.classId, MIGRATION_LOCK.objectId]);
    return;
  }
  // lock_timeout bounds the wait of pg_advisory_lock (SQLSTATE 55P03 when it runs out); the
  // session's own setting comes back afterwards.
  const { rows } = await client.query<{ previous: string }>(`SELECT current_setting('lock_timeout') AS previous`);
  await client.query(`SELECT set_config('lock_timeout', $1, false)`, [`${Math.max(1, Math.round(timeoutMs))}ms`]);
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [MIGRATION_LOCK.classId, MIGRATION_LOCK.objectId]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') {
      throw new MigrationError('MIGRATION_LOCK_TIMEOUT', `Another instance held the migration lock for more than ${timeoutMs} ms`, undefined, { cause: error });
    }
    throw error;
  } finally {
    await client.query(`SELECT set_config('lock_timeout', $1, false)`, [rows[0]?.previous ?? '0']);
  }
}

async function migrateLocked(client: pg.PoolClient | pg.Client, migrations: readonly Migration[], options: PgMigrateOptions): Promise<number> {
  // Under the lock, so two instances never race to create it.
  await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
    version    integer PRIMARY KEY,
    name       text COLLATE "C" NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const current = await currentVersion(client);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    throw new SchemaTooNewError(
      `The PostgreSQL database ${rows[0]?.db ?? ''} is at schema version ${current}, newer than this code knows (${latest}): ` +
        'it was upgraded by a newer release. Refusing to run; start that release again, or restore the backup taken before the upgrade.',
    );
  }
  if (current > 0 && current < latest) await options.beforeMigrating?.(current, latest);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    try {
      await client.query('BEGIN');
      // No parameters: the simple query protocol runs the file's statements as one batch.
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const pgError = error as { code?: string; message?: string; position?: string; where?: string };
      throw new MigrationError(
        'MIGRATION_FAILED',
        `Migration ${String(migration.version).padStart(3, '0')}-${migration.name} failed and was rolled back` +
          ` (SQLSTATE ${pgError.code ?? '?'}): ${pgError.message ?? String(error)}${pgError.where ? ` [${pgError.where}]` : ''}`,
        migration.version,
        { cause: error },
      );
    }
  }
  return currentVersion(client);
}

async function currentVersion(client: pg.PoolClient | pg.Client): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
  return rows[0]?.version ?? 0;
}
