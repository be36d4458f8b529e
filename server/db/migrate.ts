import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';

/** One numbered plain-SQL migration file, `NNN-name.sql`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/**
 * Reads the migrations of a folder in version order. Versions must run 1, 2, 3 ... without
 * gaps or duplicates, so two branches that both add "003" fail loudly instead of skipping one.
 */
export function readMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`Migration file name must look like 001-name.sql: ${file}`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new Error(`Migrations must be numbered 001, 002, ... without gaps; found ${migration.version} at position ${i + 1}`);
    }
  });
  return migrations;
}

/** The database was made or upgraded by a newer release than this code: running on it could corrupt it. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
  /** The same code whichever store refused (SQLite here, PostgreSQL in store/postgres/migrate.ts). */
  readonly code = 'SCHEMA_TOO_NEW';
}

export interface MigrateOptions {
  /**
   * Called once, before the first migration, when there is something to migrate in a database
   * that already had a schema (not a new, empty file): the place to take a backup.
   */
  beforeMigrating?: (from: number, to: number) => void;
}

/**
 * Applies the migrations newer than the database's `PRAGMA user_version`, each in its own
 * transaction together with the version bump, so a failing migration leaves the database at
 * the previous version with none of its statements applied.
 *
 * @returns the version the database is at afterwards.
 * @throws SchemaTooNewError when the database is newer than the newest migration (a downgrade).
 */
export function migrate(db: Database, migrations: readonly Migration[], options: MigrateOptions = {}): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new SchemaTooNewError(
      `The database ${db.name} is at schema version ${current}, newer than this code knows (${latest}): ` +
        'it was upgraded by a newer release. Refusing to run; start that release again, or restore the ' +
        `backup taken before the upgrade (${db.name}.pre-migration-v${latest}-*).`,
    );
  }
  if (current > 0 && current < latest) options.beforeMigrating?.(current, latest);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters; the version is an integer we parsed ourselves.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
