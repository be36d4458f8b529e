/**
 * Table-by-table comparison of a SQLite database and a PostgreSQL one, for the store-migration
 * tests: every column either side has (SQLite's generated grid_x/grid_y against PostgreSQL's,
 * SQLite's implicit rowid where PostgreSQL keeps it as a column), every row, in the copier's
 * order, value for value (numbers, text, bytes).
 */
import assert from 'node:assert/strict';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { quote } from '../ops/migrate-store/columns.js';
import { COPIED_TABLES } from '../ops/migrate-store/tables.js';

type Row = unknown[];

/** Equal row lists, or a failure naming the first rows that differ (not a diff of thousands). */
export function assertSameRows(name: string, expected: Row[], actual: Row[], labels = ['SQLite', 'PostgreSQL']): void {
  const a = expected.map((r) => JSON.stringify(r));
  const b = actual.map((r) => JSON.stringify(r));
  if (a.length === b.length && a.every((r, i) => r === b[i])) return;
  const inB = new Set(b);
  const inA = new Set(a);
  const onlyA = a.filter((r) => !inB.has(r)).slice(0, 5).map((r) => r.slice(0, 300));
  const onlyB = b.filter((r) => !inA.has(r)).slice(0, 5).map((r) => r.slice(0, 300));
  assert.fail(`${name}: ${a.length} rows in ${labels[0]}, ${b.length} in ${labels[1]}\n` +
    `only in ${labels[0]}:\n  ${onlyA.join('\n  ')}\nonly in ${labels[1]}:\n  ${onlyB.join('\n  ')}`);
}

/** The columns compared for a table: SQLite's (generated ones too), plus rowid where PostgreSQL has that column. */
async function columnsOf(lite: Database, client: pg.ClientBase, table: string): Promise<string[]> {
  const columns = (lite.pragma(`table_xinfo(${JSON.stringify(table)})`) as { name: string }[]).map((c) => c.name);
  const { rows } = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`, [quote(table)]);
  const target = rows.map((r) => r.name);
  if (target.includes('rowid') && !columns.includes('rowid')) columns.push('rowid');
  return columns;
}

export async function sqliteTable(lite: Database, client: pg.ClientBase, table: string): Promise<Row[]> {
  const columns = await columnsOf(lite, client, table);
  const { orderBy } = COPIED_TABLES.find((t) => t.name === table)!;
  return lite.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${orderBy}`).raw(true).all() as Row[];
}

export async function pgTable(lite: Database, client: pg.ClientBase, table: string): Promise<Row[]> {
  const columns = await columnsOf(lite, client, table);
  const { orderBy } = COPIED_TABLES.find((t) => t.name === table)!;
  const result = await client.query({ text: `SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${orderBy}`, rowMode: 'array' });
  return result.rows as Row[];
}

/**
 * Every copied table equal in both, row for row; returns the row counts. `client` must come
 * from createPgPool (int8 read as numbers, as better-sqlite3 reads SQLite's integers).
 */
export async function assertSameDatabases(lite: Database, client: pg.ClientBase, tables = COPIED_TABLES.map((t) => t.name)): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const expected = await sqliteTable(lite, client, table);
    assertSameRows(table, expected, await pgTable(lite, client, table));
    counts[table] = expected.length;
  }
  return counts;
}
