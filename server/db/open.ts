import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrationsDir } from '../paths.js';
import { migrate, readMigrations } from './migrate.js';

/**
 * Opens (creating it and its folder when missing) and migrates the SQLite database.
 * WAL lets readers go on while a write commits; foreign keys are off by default in SQLite.
 * synchronous = FULL makes every commit fsync the WAL, so a report answered with 201
 * survives a power cut, not only a crash of the process (NORMAL would only promise the latter).
 */
export function openDatabase(
  path: string,
  dir: string = migrationsDir,
  /** Told where the copy taken before migrating went (see backupBeforeMigrating). */
  onBackup?: (copy: string, fromVersion: number) => void,
): Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, readMigrations(dir), {
      beforeMigrating: (from) => {
        const copy = backupBeforeMigrating(db, path, from);
        if (copy) onBackup?.(copy, from);
      },
    });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Before an upgrade migrates a database that has data, a copy of it as it was goes next to it:
 * `<file>.pre-migration-v<from>-<time>`. VACUUM INTO writes a consistent, compacted copy in one
 * read transaction (synchronous, as opening is). If the copy cannot be made, the server does
 * not start: upgrading without a way back is what this is here to prevent.
 */
function backupBeforeMigrating(db: Database, path: string, from: number): string | undefined {
  if (db.memory) return undefined;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const copy = `${path}.pre-migration-v${from}-${stamp}`;
  // VACUUM INTO takes the file name as an SQL string literal: quotes doubled.
  db.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
  return copy;
}

/** Throws unless the database answers a trivial query (for health probes). */
export function pingDatabase(db: Database): void {
  db.prepare('SELECT 1').get();
}
