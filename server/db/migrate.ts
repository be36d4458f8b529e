import type { Database } from 'better-sqlite3';
import { SchemaTooNewError, type Migration } from '../store/migrations.js';

export { readMigrations, SchemaTooNewError, type Migration } from '../store/migrations.js';

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
