import type pg from 'pg';

/**
 * What the PostgreSQL store's parts query through: the pool (reads outside a unit, each
 * statement on whichever connection is free) or a unit's handle on its batch's connection
 * (server/store/postgres/pg-unit.ts), which refuses calls once the unit is over. Both are
 * pools or clients made by createPgPool (pool.ts), whose type parsers return int8 and
 * numeric as numbers.
 */
export interface PgDb {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
}

/**
 * A statement of fixed text, prepared once per connection under `name` (node-pg keeps the
 * names a connection has prepared and sends Parse only the first time): the server parses
 * and plans the store's hot statements once per connection, not at every call. Statements
 * whose text varies (lists of values go in as arrays, so few do) run unnamed.
 */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

export function statement(name: string, text: string): Statement {
  return { name: `kmzb_${name}`, text };
}

/** Runs a prepared statement with its values. */
export function run<R extends pg.QueryResultRow>(db: PgDb, s: Statement, values: unknown[] = []): Promise<pg.QueryResult<R>> {
  return db.query<R>({ name: s.name, text: s.text, values });
}

/** The rows of a prepared statement as arrays (node-pg's rowMode 'array'). */
export async function runArrays<T extends unknown[]>(db: PgDb, s: Statement, values: unknown[] = []): Promise<T[]> {
  const result = await db.query({ name: s.name, text: s.text, values, rowMode: 'array' } as pg.QueryConfig);
  return result.rows as unknown as T[];
}

/**
 * Positional parameters of a statement built at run time: add() binds a value and returns its
 * placeholder ($1, $2, ...), so pieces of WHERE clause can be written in any order.
 */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The SQLSTATE of a server error (node-pg's DatabaseError), or undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
