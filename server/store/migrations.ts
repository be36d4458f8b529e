import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// What both stores' migrators share: numbered plain-SQL files and the refusal of a newer schema.

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
  /** The same code whichever store refused (SQLite in server/db/migrate.ts, PostgreSQL in store/postgres/migrate.ts). */
  readonly code = 'SCHEMA_TOO_NEW';
}
