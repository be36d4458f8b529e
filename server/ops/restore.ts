import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { readMigrations } from '../db/migrate.js';
import { migrationsDir } from '../paths.js';
import { backupDatabase, checkDatabaseFile, DatabaseFileError, type DatabaseFileCheck } from './backup.js';
import { databaseHolders } from './holders.js';

/** Restoring was refused before anything changed; the message says why and what to do. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export interface RestoreResult extends DatabaseFileCheck {
  /** Where the database that was replaced now lies (with its -wal, if it had one); null if there was none. */
  keptAside: string | null;
}

/**
 * Replaces the database at `target` with the backup `source`:
 * 1. refuses while any process holds the database (a server would go on writing into the
 *    file that is moved away, and its answers would disagree with the file);
 * 2. checks the backup (integrity, reports table, a schema this code can run);
 * 3. copies it next to the target, so a failure part-way leaves the old database in place;
 * 4. moves the old database (and its -wal) aside as `<target>.before-restore-<time>`;
 * 5. renames the copy into place. The server migrates it on its next start if it is older.
 */
export async function restoreDatabase(source: string, target: string, now = new Date()): Promise<RestoreResult> {
  const from = resolve(source);
  const to = resolve(target);
  if (from === to) throw new RestoreRefused('The backup and the database are the same file.');
  const holders = databaseHolders(to);
  if (holders === null) {
    throw new RestoreRefused('Cannot tell on this system whether a server holds the database (Linux /proc only); stop it and copy the file by hand.');
  }
  if (holders.length > 0) {
    throw new RestoreRefused(`The database ${to} is open in process ${holders.join(', ')} (a running server?). Stop it first, then restore.`);
  }
  let check: DatabaseFileCheck;
  try {
    check = checkDatabaseFile(from);
  } catch (error) {
    if (error instanceof DatabaseFileError) throw new RestoreRefused(`Not restoring: ${error.message}`);
    throw error;
  }
  const latest = readMigrations(migrationsDir).at(-1)?.version ?? 0;
  if (check.version > latest) {
    throw new RestoreRefused(`Not restoring: ${from} is at schema version ${check.version}, newer than this code knows (${latest}). Restore it with the release that made it.`);
  }
  // Through the backup API, not a file copy: a backup still in WAL mode with its -wal beside it
  // is copied whole, and the incoming file is checked again where it will live.
  const incoming = `${to}.restoring`;
  await backupDatabase(from, incoming);
  let keptAside: string | null = null;
  if (existsSync(to)) {
    keptAside = `${to}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(to, keptAside);
    // A -wal left by a server that died holds committed reports: it goes with its database.
    if (existsSync(`${to}-wal`)) renameSync(`${to}-wal`, `${keptAside}-wal`);
  }
  // Nobody holds them (checked above): SQLite rebuilds the shared memory, and a stale journal
  // must not be replayed into the restored file.
  rmSync(`${to}-shm`, { force: true });
  rmSync(`${to}-journal`, { force: true });
  renameSync(incoming, to);
  return { ...check, keptAside };
}
