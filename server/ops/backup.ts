import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** What a checked database file holds: its schema version and its number of reports. */
export interface DatabaseFileCheck {
  version: number;
  reports: number;
  bytes: number;
}

/** A file is not a usable KMZB database (not SQLite, damaged, or without the reports table). */
export class DatabaseFileError extends Error {
  override name = 'DatabaseFileError';
}

/**
 * Opens a database file read-only and checks it: `PRAGMA integrity_check` must say "ok" and
 * the reports table must be there. Used on every backup made and on every file restored.
 *
 * @throws DatabaseFileError naming what is wrong.
 */
export function checkDatabaseFile(path: string): DatabaseFileCheck {
  if (!existsSync(path)) throw new DatabaseFileError(`${path} does not exist.`);
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new DatabaseFileError(`${path} cannot be opened as SQLite: ${(error as Error).message}`);
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    } catch (error) {
      throw new DatabaseFileError(`${path} is not a readable SQLite database: ${(error as Error).message}`);
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new DatabaseFileError(`${path} failed PRAGMA integrity_check: ${problems.slice(0, 5).join('; ')}`);
    }
    const hasReports = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reports'").get();
    if (!hasReports) throw new DatabaseFileError(`${path} is SQLite but not a KMZB database (no reports table).`);
    const { reports } = db.prepare('SELECT count(*) AS reports FROM reports').get() as { reports: number };
    return { version: db.pragma('user_version', { simple: true }) as number, reports, bytes: statSync(path).size };
  } finally {
    db.close();
  }
}

/**
 * Copies a live database into `target` through SQLite's online backup API, then checks the
 * copy. The pages are copied in one step, that is inside one read transaction: the copy is the
 * database as it was when that step began (every commit before it, none after), and writers
 * are not held up, because WAL lets them commit beside a reader. Copying in many small steps
 * would restart whenever the server commits between two of them and might never finish on a
 * busy server.
 *
 * The copy is written to `<target>.partial` and renamed only once it passed the check, so a
 * file at `target` is always a complete, checked backup. It is left in rollback-journal mode:
 * one self-contained file (the server turns WAL back on when it opens it).
 */
export async function backupDatabase(source: string, target: string): Promise<DatabaseFileCheck> {
  if (!existsSync(source)) throw new DatabaseFileError(`There is no database at ${source}.`);
  const partial = join(dirname(target), `${basename(target)}.partial`);
  rmSync(partial, { force: true });
  const db = new BetterSqlite3(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // 0x7fffffff pages: everything in the first step (better-sqlite3 caps the number there).
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    const copy = new BetterSqlite3(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = checkDatabaseFile(partial);
    renameSync(partial, target);
    return check;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
