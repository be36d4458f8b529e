import type pg from 'pg';
import { quote } from './columns.js';

/**
 * The indexes and keys of the copied tables, dropped before the rows go in and made again
 * after, as pg_restore does: an index built once from sorted rows is several times faster than
 * one kept up row by row, and a foreign key checked by one join at the end costs a fraction of
 * a lookup per row (the reports' eleven indexes and four keys made row-by-row inserts ~10 times
 * slower). They are made again from PostgreSQL's own definitions (pg_get_constraintdef,
 * pg_get_indexdef) under their own names, so the schema afterwards is the one the migrations
 * made; a key that the copied rows break fails the copy there (and the transaction rolls back).
 * CHECK and NOT NULL constraints stay: they are checked as rows go in.
 */
export class DeferredIndexes {
  private constructor(
    /** ALTER TABLE ... ADD CONSTRAINT for primary keys, unique and exclusion constraints. */
    private readonly keys: string[],
    /** CREATE INDEX for the indexes no constraint owns. */
    private readonly indexes: string[],
    /** ALTER TABLE ... ADD CONSTRAINT for foreign keys, last (they need the keys they reference). */
    private readonly foreignKeys: string[],
  ) {}

  /** Reads the definitions of `tables`' indexes and keys (and of foreign keys pointing at them) and drops them all. */
  static async drop(client: pg.ClientBase, tables: readonly string[]): Promise<DeferredIndexes> {
    const { rows: constraints } = await client.query<{ table: string; name: string; type: string; definition: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       WHERE c.contype IN ('p', 'u', 'x', 'f')
         AND (c.conrelid = ANY($1::regclass[]) OR c.confrelid = ANY($1::regclass[]))
       ORDER BY c.contype = 'f' DESC, 1, 2`,
      [tables.map(quote)],
    );
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       WHERE i.indrelid = ANY($1::regclass[])
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
       ORDER BY 1`,
      [tables.map(quote)],
    );
    // Foreign keys first (they depend on the keys' indexes), then the keys, then the plain indexes.
    for (const c of constraints) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${quote(c.name)}`);
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    const add = (c: { table: string; name: string; definition: string }) => `ALTER TABLE ${c.table} ADD CONSTRAINT ${quote(c.name)} ${c.definition}`;
    return new DeferredIndexes(
      constraints.filter((c) => c.type !== 'f').map(add),
      indexes.map((index) => index.definition),
      constraints.filter((c) => c.type === 'f').map(add),
    );
  }

  /** How many statements `restore` runs (for progress). */
  get size(): number {
    return this.keys.length + this.indexes.length + this.foreignKeys.length;
  }

  /** Makes them all again: keys, indexes, then foreign keys (each validated over the copied rows). */
  async restore(client: pg.ClientBase, onEach?: (statement: string, seconds: number) => void): Promise<void> {
    for (const statement of [...this.keys, ...this.indexes, ...this.foreignKeys]) {
      const started = performance.now();
      await client.query(statement);
      onEach?.(statement, (performance.now() - started) / 1000);
    }
  }
}
