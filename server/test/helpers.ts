import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../app.js';
import { openDatabase } from '../db/open.js';
import { seedIfEmpty } from '../db/seed.js';
import { loadShippedData } from '../shipped-data.js';
import { MIN_COST_LOG2, usePasswordCost } from '../staff/passwords.js';
import { testDatabase } from './pg-cluster.js';
import { endTestSql, rememberTestDatabase } from './test-sql.js';

// Logins at the production cost (2^17, 0.6 s each) would take most of the suite's time.
usePasswordCost(MIN_COST_LOG2);

/**
 * Clean-ups run last registered first when the test ends (connections and pools closed before
 * their database is dropped: a dropped database's open connections would fail with an error event).
 */
export function cleanups(t: TestContext): (work: () => unknown) => void {
  const stack: (() => unknown)[] = [];
  t.after(async () => {
    for (const work of stack.reverse()) await work();
  });
  return (work) => void stack.push(work);
}

/** `?` placeholders as PostgreSQL's $1, $2, ... (for statements with no `?` in their literals). */
export function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A temporary folder removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'kmzb-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes files (path relative to `dir` → content), creating folders as needed. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

let template: string | undefined;

/**
 * A migrated and seeded database, built once per test process (seeding the areas takes about
 * half a second) and copied for each test, so every test still owns its own file.
 */
export function seededTemplate(): string {
  if (template) return template;
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-template-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'template.sqlite');
  const db = openDatabase(path);
  seedIfEmpty(db, () => loadShippedData());
  // Leave WAL mode so that the single file holds everything and can be copied alone.
  db.pragma('journal_mode = DELETE');
  db.close();
  template = path;
  return path;
}

/**
 * The store the suite runs on: SQLite by default; PostgreSQL when KMZB_TEST_DATABASE_URL
 * names a cluster (`npm run test:server:postgres` starts one), so the same tests hold both.
 */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.KMZB_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/**
 * Skips a test that is about SQLite itself (its file, WAL, backups, worker threads) when the
 * suite runs on PostgreSQL; returns true when skipped (`if (sqliteOnly(t, '…')) return;`).
 */
export function sqliteOnly(t: TestContext, what: string): boolean {
  if (TEST_STORE === 'sqlite') return false;
  t.skip(`SQLite only: ${what}`);
  return true;
}

/**
 * Builds the app on a fresh copy of the seeded database (SQLite file, or on PostgreSQL a clone
 * of the seeded template database), closed when the test ends. Unless the test says otherwise
 * the widget and demo folders do not exist, so tests never depend on a build having run.
 */
export async function build(t: TestContext, options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-test-'));
  const dbPath = join(dir, 'kmzb.sqlite');
  const onPostgres = TEST_STORE === 'postgres' && options.dbPath === undefined && options.databaseUrl === undefined;
  const database = onPostgres ? await testDatabase({ seeded: true }) : undefined;
  if (!database) copyFileSync(seededTemplate(), dbPath);
  let app: FastifyInstance | undefined;
  // One hook, so the database is closed before its folder is deleted (or dropped).
  t.after(async () => {
    await app?.close();
    if (app) await endTestSql(app);
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  app = await buildApp({
    dbPath, distDir: join(dir, 'no-dist'), demoDir: join(dir, 'no-demo'),
    ...(database ? { databaseUrl: database.url } : {}), ...options,
  });
  if (database) rememberTestDatabase(app, database.url);
  return app;
}
