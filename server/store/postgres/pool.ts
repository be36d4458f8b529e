import pg from 'pg';

/** PostgreSQL type OIDs whose default node-pg parsing (a string) the store overrides. */
export const PG_INT8_OID = 20;
export const PG_NUMERIC_OID = 1700;

/**
 * int8 (bigint, count(*), sum() of int4) as a JavaScript number, as better-sqlite3 returns
 * SQLite's INTEGER: node-pg returns it as a string by default (it may exceed 2^53). The values
 * of this schema stay far below (the largest are sums of micro-degrees, ~2.4e14 at 10 M
 * reports); one beyond 2^53 comes back as a bigint rather than silently rounded.
 */
export function parseInt8(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

/**
 * numeric (sum() of int8, round() of numeric, avg()) as a number. The schema stores no
 * numeric column: numeric only comes out of aggregates over integers, exact as doubles up to 2^53.
 */
export function parseNumeric(text: string): number {
  return Number(text);
}

/**
 * The type parsers of the store's connections, per connection rather than through
 * pg.types.setTypeParser: a global override would change every other user of `pg` in the
 * process (a test's admin connection, a library).
 */
export const storeTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary') {
      if (oid === PG_INT8_OID) return parseInt8;
      if (oid === PG_NUMERIC_OID) return parseNumeric;
    }
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * The store's connection pool: `connectionString` (postgres://…) or a full config, with the
 * store's type parsers. Every pool the PostgreSQL store creates goes through here.
 */
export function createPgPool(config: string | pg.PoolConfig): pg.Pool {
  const options: pg.PoolConfig = typeof config === 'string' ? { connectionString: config } : config;
  return new pg.Pool({ ...options, types: storeTypes });
}
