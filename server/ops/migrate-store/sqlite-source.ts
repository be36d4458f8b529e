import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { readMigrations } from '../../db/migrate.js';
import { migrationsDir } from '../../paths.js';
import type { SourceTable, TablePlan } from './columns.js';
import { copyLinesSql } from './copy-text.js';
import { MigrateStoreError } from './errors.js';

/**
 * The SQLite database being migrated, opened read-only (the file is never written, and a
 * server may go on using it) and read inside one transaction: every table is read from the
 * same snapshot, so the copy is the database as it was at one moment even if a server commits
 * meanwhile (WAL lets a reader keep its snapshot beside a writer).
 */
export class SqliteSource {
  private constructor(private readonly db: BetterSqlite3.Database, readonly path: string) {}

  /**
   * Opens and checks the file: a SQLite database with the KMZB schema at the version this code
   * migrates SQLite to (any other version would not match the PostgreSQL schema column for
   * column). Starts the read transaction.
   *
   * @throws MigrateStoreError SOURCE_UNUSABLE.
   */
  static open(path: string): SqliteSource {
    if (!existsSync(path)) throw new MigrateStoreError('SOURCE_UNUSABLE', `There is no SQLite database at ${path}.`);
    let db: BetterSqlite3.Database;
    try {
      db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new MigrateStoreError('SOURCE_UNUSABLE', `${path} cannot be opened as SQLite: ${(error as Error).message}`, { cause: error });
    }
    try {
      db.pragma('busy_timeout = 5000');
      const source = new SqliteSource(db, path);
      source.checkVersion();
      // The snapshot is taken at the first read of the transaction, here.
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      return source;
    } catch (error) {
      db.close();
      if (error instanceof MigrateStoreError) throw error;
      throw new MigrateStoreError('SOURCE_UNUSABLE', `${path} is not a readable SQLite database: ${(error as Error).message}`, { cause: error });
    }
  }

  private checkVersion(): void {
    const hasReports = this.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'reports'").get();
    if (!hasReports) throw new MigrateStoreError('SOURCE_UNUSABLE', `${this.path} is SQLite but not a KMZB database (no reports table).`);
    const version = this.db.pragma('user_version', { simple: true }) as number;
    const latest = readMigrations(migrationsDir).at(-1)?.version ?? 0;
    if (version < latest) {
      throw new MigrateStoreError('SOURCE_UNUSABLE',
        `${this.path} is at SQLite schema version ${version}, older than this release's (${latest}). ` +
          'Start this release\'s server on it once (it migrates the file, keeping a copy of it as it was), then migrate it.');
    }
    if (version > latest) {
      throw new MigrateStoreError('SOURCE_UNUSABLE',
        `${this.path} is at SQLite schema version ${version}, newer than this release knows (${latest}). Migrate it with the release that made it.`);
    }
  }

  /** The tables (R*Tree and its storage included; views and SQLite's own tables not), with their columns. */
  tables(): Map<string, SourceTable> {
    const list = this.db.pragma('table_list') as { schema: string; name: string; type: string; wr: number }[];
    const tables = new Map<string, SourceTable>();
    for (const entry of list) {
      if (entry.schema !== 'main' || entry.name.startsWith('sqlite_') || !['table', 'virtual', 'shadow'].includes(entry.type)) continue;
      const columns = this.db.pragma(`table_xinfo(${JSON.stringify(entry.name)})`) as { name: string; hidden: number }[];
      tables.set(entry.name, {
        name: entry.name,
        type: entry.type,
        hasRowid: entry.type !== 'virtual' && entry.wr === 0,
        // hidden: 0 a stored column, 1 a virtual table's hidden column, 2 and 3 generated (virtual, stored).
        columns: columns.filter((c) => c.hidden === 0).map((c) => c.name),
        generated: columns.filter((c) => c.hidden === 2 || c.hidden === 3).map((c) => c.name),
      });
    }
    return tables;
  }

  count(table: string): number {
    return this.db.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get() as number;
  }

  /**
   * The table as COPY text (copy-text.ts), in chunks of about `chunkBytes` (whole lines; a
   * line longer than that, a large photo, is a chunk of its own). `onRows` is told the number
   * of rows in each chunk as it is handed out.
   */
  *copyText(plan: TablePlan, chunkBytes: number, onRows: (rows: number) => void): Generator<Buffer> {
    const lines = this.db.prepare(copyLinesSql(plan)).pluck().iterate() as Iterable<string>;
    let text = '';
    let rows = 0;
    for (const line of lines) {
      // Rope concatenation: cheap, flattened once by Buffer.from.
      text += line;
      text += '\n';
      rows++;
      if (text.length >= chunkBytes) {
        onRows(rows);
        yield Buffer.from(text);
        text = '';
        rows = 0;
      }
    }
    if (rows) {
      onRows(rows);
      yield Buffer.from(text);
    }
  }

  /** Ends the read transaction and closes the file. */
  close(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }
}
