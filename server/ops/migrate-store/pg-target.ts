import type pg from 'pg';
import { copyFromStdin } from '../../store/postgres/pg-copy.js';
import { quote, type TablePlan, type TargetTable } from './columns.js';
import { copySql } from './copy-text.js';
import { MigrateStoreError } from './errors.js';
import { DeferredIndexes } from './pg-indexes.js';

/** An enabled user trigger of a copied table (only those are turned off, and back on). */
interface Trigger {
  table: string;
  name: string;
}

/**
 * The PostgreSQL database being filled, on one connection inside one transaction: the checks,
 * the copy, the indexes and the sequences commit together or not at all. Each table's rows go
 * in by one COPY FROM STDIN.
 */
export class PgTarget {
  private disabled: Trigger[] = [];

  constructor(private readonly client: pg.ClientBase) {}

  /**
   * Begins the transaction, without the time limits a role may carry for the app's short
   * statements: a COPY of millions of rows or an index build takes minutes.
   */
  async begin(): Promise<void> {
    await this.client.query('BEGIN');
    await this.client.query(`SELECT set_config('statement_timeout', '0', true), set_config('idle_in_transaction_session_timeout', '0', true)`);
  }

  /**
   * Takes the tables in ACCESS EXCLUSIVE mode until the commit, so that nothing (an app
   * instance, a second migration) writes or reads a half-copied table, and the emptiness
   * checked next stays true.
   *
   * @throws MigrateStoreError TARGET_BUSY when another session holds one longer than `timeoutMs`.
   */
  async lock(tables: readonly string[], timeoutMs: number): Promise<void> {
    await this.client.query(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.max(1, Math.round(timeoutMs))}ms`]);
    try {
      await this.client.query(`LOCK TABLE ${tables.map(quote).join(', ')} IN ACCESS EXCLUSIVE MODE`);
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') {
        throw new MigrateStoreError('TARGET_BUSY',
          `Another session kept the target's tables locked for more than ${timeoutMs} ms (a running app instance, or another migration?). Stop it and try again.`,
          { cause: error });
      }
      throw error;
    }
    await this.client.query(`SELECT set_config('lock_timeout', '0', true)`);
  }

  /** The tables of the current schema with their columns. */
  async tables(): Promise<Map<string, TargetTable>> {
    const { rows } = await this.client.query<{ table: string; name: string; type: string; generated: boolean; identity: boolean }>(
      `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
         a.attgenerated <> '' AS generated, a.attidentity <> '' AS identity
       FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
       ORDER BY c.relname, a.attnum`,
    );
    const tables = new Map<string, TargetTable>();
    for (const row of rows) {
      let table = tables.get(row.table);
      if (!table) tables.set(row.table, (table = { name: row.table, columns: [] }));
      table.columns.push({ name: row.name, type: row.type, generated: row.generated, identity: row.identity });
    }
    return tables;
  }

  /** Which of these tables have at least one row. */
  async nonEmpty(tables: readonly string[]): Promise<string[]> {
    if (tables.length === 0) return [];
    const { rows } = await this.client.query<{ name: string }>(
      tables.map((t) => `SELECT ${quoteLiteral(t)} AS name WHERE EXISTS (SELECT 1 FROM ${quote(t)})`).join(' UNION ALL '),
    );
    return rows.map((r) => r.name);
  }

  /**
   * Turns off the enabled user triggers (the aggregates' and unit_ancestors') of these tables:
   * the aggregates are copied as they are, and the triggers would count every report again.
   * Foreign keys (internal triggers) stay checked. ALTER TABLE is transactional: a rollback
   * leaves them on.
   */
  async disableTriggers(tables: readonly string[]): Promise<void> {
    const { rows } = await this.client.query<Trigger>(
      `SELECT c.relname AS table, t.tgname AS name
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relname = ANY($1)
       ORDER BY 1, 2`,
      [tables],
    );
    for (const trigger of rows) await this.client.query(`ALTER TABLE ${quote(trigger.table)} DISABLE TRIGGER ${quote(trigger.name)}`);
    this.disabled = rows;
  }

  async enableTriggers(): Promise<void> {
    for (const trigger of this.disabled) await this.client.query(`ALTER TABLE ${quote(trigger.table)} ENABLE TRIGGER ${quote(trigger.name)}`);
    this.disabled = [];
  }

  /**
   * Empties the tables (the reference tables' seeded rows; the others are empty already) in one
   * TRUNCATE, which also lets COPY write frozen rows (copy-text.ts). The foreign keys between
   * them must be dropped first (pg-indexes.ts).
   */
  async truncate(tables: readonly string[]): Promise<void> {
    await this.client.query(`TRUNCATE ${tables.map(quote).join(', ')}`);
  }

  /** Drops the tables' indexes and keys until `restoreIndexes` (pg-indexes.ts). */
  dropIndexes(tables: readonly string[]): Promise<DeferredIndexes> {
    return DeferredIndexes.drop(this.client, tables);
  }

  /**
   * Makes the dropped indexes and keys again, with `memory` for each build's sort (PostgreSQL's
   * default of 64 MB would spill millions of keys to disk).
   */
  async restoreIndexes(indexes: DeferredIndexes, memory: string, onEach: (statement: string, seconds: number) => void): Promise<void> {
    await this.client.query(`SELECT set_config('maintenance_work_mem', $1, true)`, [memory]);
    await indexes.restore(this.client, onEach);
  }

  /** Copies one table's rows, given as COPY text; returns the number of rows the server took. */
  copy(plan: TablePlan, chunks: Iterable<Buffer>): Promise<number> {
    return copyFromStdin(this.client, copySql(plan), chunks);
  }

  /** Moves each identity column's sequence past the largest copied value, so new rows do not collide. */
  async advanceIdentities(plan: TablePlan): Promise<void> {
    for (const column of plan.identities) {
      await this.client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${quote(column)}), 0) + 1, false) FROM ${quote(plan.table.name)}`,
        [quote(plan.table.name), column],
      );
    }
  }

  async count(table: string): Promise<number> {
    const { rows } = await this.client.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${quote(table)}`);
    return Number(rows[0]!.n);
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }

  /** Rolls back; false when even that failed (the connection is then broken and must be discarded). */
  async rollback(): Promise<boolean> {
    try {
      await this.client.query('ROLLBACK');
      return true;
    } catch {
      return false;
    }
  }

  /** ANALYZE of the copied tables. */
  async analyze(tables: readonly string[]): Promise<void> {
    await this.client.query(`ANALYZE ${tables.map(quote).join(', ')}`);
  }
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
