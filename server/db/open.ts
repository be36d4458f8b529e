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
export function openDatabase(path: string, dir: string = migrationsDir): Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, readMigrations(dir));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Throws unless the database answers a trivial query (for health probes). */
export function pingDatabase(db: Database): void {
  db.prepare('SELECT 1').get();
}
