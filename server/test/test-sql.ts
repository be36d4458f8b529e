/**
 * Direct SQL for tests, on whichever store the app runs (helpers.ts TEST_STORE): setting up
 * what no route or port method writes (an old report, a broken row) and reading what the
 * product keeps. Written with `?` placeholders; on PostgreSQL they become $1, $2 ... Keep the
 * SQL to what both dialects read the same (no SQLite-only functions, no rowid).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { createPgPool } from '../store/postgres/pool.js';

export interface TestSql {
  /** Runs a statement; returns the rows it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** The first column of the first row. */
  value<T = unknown>(sql: string, ...params: unknown[]): Promise<T>;
}

const databaseUrls = new WeakMap<FastifyInstance, string>();
const pools = new WeakMap<FastifyInstance, pg.Pool>();

/** Notes the PostgreSQL database an app runs on (helpers.ts build()). */
export function rememberTestDatabase(app: FastifyInstance, url: string): void {
  databaseUrls.set(app, url);
}

function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Ends the pool sqlOf() opened for an app, if any (helpers.ts build(), before the database is dropped). */
export async function endTestSql(app: FastifyInstance): Promise<void> {
  await pools.get(app)?.end();
  pools.delete(app);
}

/** The test's SQL on the app's store: its SQLite database, or a pool on its PostgreSQL database (ended when the test ends). */
export function sqlOf(app: FastifyInstance): TestSql {
  const url = databaseUrls.get(app);
  if (!url) {
    const db = app.db;
    return {
      run: async (sql, ...params) => db.prepare(sql).run(...params).changes,
      all: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[],
      get: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined,
      value: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as T,
    };
  }
  let pool = pools.get(app);
  if (!pool) {
    const made = createPgPool({ connectionString: url, max: 2 });
    made.on('error', () => undefined);
    pools.set(app, made);
    pool = made;
  }
  const query = (sql: string, params: unknown[]) => pool.query(toPg(sql), params);
  return {
    run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
    all: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows[0] as T | undefined,
    value: async <T>(sql: string, ...params: unknown[]) => {
      const { rows } = await pool.query({ text: toPg(sql), values: params, rowMode: 'array' });
      return (rows[0] as unknown[] | undefined)?.[0] as T;
    },
  };
}
