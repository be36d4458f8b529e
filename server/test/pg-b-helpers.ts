/**
 * Small reads for tests on either store (test-sql.ts sqlOf): counts come back from PostgreSQL
 * as strings (bigint), and a column of values is read under an alias both dialects keep.
 */
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { buildApp, type AppOptions } from '../app.js';
import { createPgPool } from '../store/postgres/pool.js';
import { seededTemplate, tempDir, TEST_STORE } from './helpers.js';
import { testDatabase } from './pg-cluster.js';
import { sqlOf, type TestSql } from './test-sql.js';

/** The number the query's first column holds in its first row (e.g. `SELECT count(*) ...`), as a number on both stores. */
export async function countOf(app: FastifyInstance, sql: string, ...params: unknown[]): Promise<number> {
  const value = await sqlOf(app).value<number | string | bigint | null>(sql, ...params);
  if (value === null || value === undefined) throw new Error(`no value: ${sql}`);
  return Number(value);
}

/** The first column of every row, in the query's order. */
export async function columnOf<T = string>(app: FastifyInstance, sql: string, ...params: unknown[]): Promise<T[]> {
  const rows = await sqlOf(app).all<Record<string, unknown>>(sql, ...params);
  return rows.map((row) => Object.values(row)[0] as T);
}

/** A database for a command-line script (npm run staff, …) and the test that checks what it wrote. */
export interface CliDatabase {
  /** The environment that points a script at it: KMZB_DB (SQLite) or KMZB_DATABASE_URL (PostgreSQL). */
  env: Record<string, string>;
  /** Builds the app on it (no widget or demo folders, as helpers.ts build()), closed when the test ends before the database goes. */
  buildApp(options?: Partial<AppOptions>): Promise<FastifyInstance>;
  /** The test's SQL on it (`?` placeholders), on SQLite each statement on a connection of its own. */
  sql: TestSql;
}

/**
 * A seeded database of the store the suite runs on (helpers.ts TEST_STORE) for scripts run in
 * a child process: a copy of the seeded SQLite template, or a clone of the seeded PostgreSQL
 * template database; removed (dropped) when the test ends.
 */
export async function cliDatabase(t: TestContext): Promise<CliDatabase> {
  const dir = tempDir(t);
  const apps: FastifyInstance[] = [];
  const open = async (store: { dbPath: string } | { databaseUrl: string }, options: Partial<AppOptions> = {}) => {
    const app = await buildApp({ dbPath: join(dir, 'unused.sqlite'), distDir: join(dir, 'no-dist'), demoDir: join(dir, 'no-demo'), ...store, ...options });
    apps.push(app);
    return app;
  };
  const closeApps = async () => {
    for (const app of apps.splice(0)) await app.close();
  };
  if (TEST_STORE === 'sqlite') {
    t.after(closeApps);
    const dbPath = join(dir, 'kmzb.sqlite');
    copyFileSync(seededTemplate(), dbPath);
    // A connection per statement: the script writes the file between the test's reads.
    const withDb = <T>(work: (db: Database.Database) => T): T => {
      const db = new Database(dbPath);
      try {
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      env: { KMZB_DB: dbPath },
      buildApp: (options) => open({ dbPath }, options),
      sql: {
        run: async (sql, ...params) => withDb((db) => db.prepare(sql).run(...params).changes),
        all: async <T>(sql: string, ...params: unknown[]) => withDb((db) => db.prepare(sql).all(...params) as T[]),
        get: async <T>(sql: string, ...params: unknown[]) => withDb((db) => db.prepare(sql).get(...params) as T | undefined),
        value: async <T>(sql: string, ...params: unknown[]) => withDb((db) => db.prepare(sql).pluck().get(...params) as T),
      },
    };
  }
  const database = await testDatabase({ seeded: true });
  const pool = createPgPool({ connectionString: database.url, max: 2 });
  pool.on('error', () => undefined);
  t.after(async () => {
    await closeApps();
    await pool.end();
    await database.drop();
  });
  const toPg = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    env: { KMZB_DATABASE_URL: database.url },
    buildApp: (options) => open({ databaseUrl: database.url }, options),
    sql: {
      run: async (sql, ...params) => (await pool.query(toPg(sql), params)).rowCount ?? 0,
      all: async <T>(sql: string, ...params: unknown[]) => (await pool.query(toPg(sql), params)).rows as T[],
      get: async <T>(sql: string, ...params: unknown[]) => (await pool.query(toPg(sql), params)).rows[0] as T | undefined,
      value: async <T>(sql: string, ...params: unknown[]) => {
        const { rows } = await pool.query({ text: toPg(sql), values: params, rowMode: 'array' });
        return (rows[0] as unknown[] | undefined)?.[0] as T;
      },
    },
  };
}
