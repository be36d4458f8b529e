import type pg from 'pg';
import { MigrationError, migratePostgres, SchemaTooNewError } from '../../store/postgres/migrate.js';
import { planCopy, type TablePlan } from './columns.js';
import { MigrateStoreError } from './errors.js';
import { PgTarget } from './pg-target.js';
import { SqliteSource } from './sqlite-source.js';
import { COPIED_TABLES } from './tables.js';

/** What the copy is doing, for a progress display. */
export type CopyEvent =
  /** A table's rows handed to PostgreSQL so far (`done` once it took them all), with the source's count. */
  | { kind: 'table'; table: string; rows: number; total: number; seconds: number; done: boolean }
  /** An index or key made again after the rows (its SQL, e.g. `CREATE INDEX reports_geom ...`). */
  | { kind: 'index'; statement: string; seconds: number }
  /** A step other than copying rows, once done. */
  | { kind: 'step'; step: 'migrated' | 'checked' | 'indexed' | 'counted' | 'analyzed' | 'committed'; seconds: number };

export interface CopyOptions {
  /** Told of each chunk, index and step (a throw aborts the copy, which is then rolled back). */
  onProgress?: (event: CopyEvent) => void;
  /** Bytes of COPY text per message to PostgreSQL (default 1 MiB). */
  chunkBytes?: number;
  /** How long to wait for another session's locks on the target's tables (default 30 s). */
  lockTimeoutMs?: number;
  /** maintenance_work_mem for the index builds (default '1GB': the sorts of millions of keys stay in memory). */
  indexMemory?: string;
}

export interface CopiedTableResult {
  name: string;
  rows: number;
  seconds: number;
}

export interface CopyResult {
  tables: CopiedTableResult[];
  /** Rows copied, all tables together. */
  rows: number;
  reports: number;
  /** Building the indexes and keys after the rows. */
  indexSeconds: number;
  /** From the first read to the commit (migrating the target not included). */
  seconds: number;
}

/**
 * Copies a KMZB SQLite database into a PostgreSQL database (migratePostgres first), as one
 * transaction: the target ends up with all of it, or, on any failure, as it was.
 *
 * 1. The target's tables are locked, and it must be empty: no rows in any `data` or
 *    `aggregate` table of tables.ts (TARGET_NOT_EMPTY otherwise). The `reference` tables the
 *    migrations and pgSeedIfEmpty fill (units, areas, catalogues) are replaced by the source's.
 * 2. The schemas are matched column for column (SCHEMA_MISMATCH on any difference).
 * 3. The aggregate triggers are turned off, the indexes and keys dropped (pg-indexes.ts), the
 *    tables truncated; every table is copied by COPY from one snapshot of the SQLite file
 *    (opened read-only), the aggregates as they are (see tables.ts).
 * 4. The indexes and keys are made again (the foreign keys checked over all rows), each
 *    table's count compared with the source's (COUNT_MISMATCH), the tables analyzed, identity
 *    sequences moved past the copied values, the triggers turned back on.
 * 5. Commit.
 *
 * @throws MigrateStoreError: SOURCE_UNUSABLE, TARGET_UNUSABLE, TARGET_NOT_EMPTY, SCHEMA_MISMATCH,
 *   TARGET_BUSY, COUNT_MISMATCH, COPY_FAILED.
 */
export async function copySqliteToPostgres(sqlitePath: string, pool: pg.Pool, options: CopyOptions = {}): Promise<CopyResult> {
  const progress = options.onProgress ?? (() => undefined);
  const source = SqliteSource.open(sqlitePath);
  try {
    const at = performance.now();
    const client = await prepareTarget(pool);
    progress({ kind: 'step', step: 'migrated', seconds: (performance.now() - at) / 1000 });
    let broken = false;
    try {
      const target = new PgTarget(client);
      try {
        return await copyInTransaction(source, target, options, progress);
      } catch (error) {
        broken = !(await target.rollback());
        throw wrapped(error);
      }
    } finally {
      client.release(broken);
    }
  } finally {
    source.close();
  }
}

async function copyInTransaction(
  source: SqliteSource, target: PgTarget, options: CopyOptions, progress: (event: CopyEvent) => void,
): Promise<CopyResult> {
  const started = performance.now();
  const since = (from: number) => (performance.now() - from) / 1000;
  await target.begin();
  // Only the tables the target has are locked and looked into; planCopy names any missing one.
  const present = new Set((await target.tables()).keys());
  const names = COPIED_TABLES.map((t) => t.name).filter((name) => present.has(name));
  await target.lock(names, options.lockTimeoutMs ?? 30_000);
  const filled = await target.nonEmpty(COPIED_TABLES.filter((t) => t.role !== 'reference' && present.has(t.name)).map((t) => t.name));
  if (filled.length) {
    throw new MigrateStoreError('TARGET_NOT_EMPTY',
      `The target database already holds data (rows in ${filled.join(', ')}); migrating into it would mix two databases. ` +
        'Migrate into a new, empty database.');
  }
  // Read again under the locks: what is copied into is what was checked.
  const plans = planCopy(source.tables(), await target.tables());
  progress({ kind: 'step', step: 'checked', seconds: since(started) });

  await target.disableTriggers(names);
  const indexes = await target.dropIndexes(names);
  await target.truncate(names);
  const tables: CopiedTableResult[] = [];
  const expected = new Map<string, number>();
  for (const plan of plans) {
    const total = source.count(plan.table.name);
    expected.set(plan.table.name, total);
    tables.push(await copyTable(source, target, plan, total, options.chunkBytes ?? 1 << 20, progress));
  }

  const indexing = performance.now();
  await target.restoreIndexes(indexes, options.indexMemory ?? '1GB', (statement, seconds) => progress({ kind: 'index', statement, seconds }));
  const indexSeconds = since(indexing);
  progress({ kind: 'step', step: 'indexed', seconds: indexSeconds });

  const counting = performance.now();
  const wrong: string[] = [];
  for (const plan of plans) {
    const copied = await target.count(plan.table.name);
    const want = expected.get(plan.table.name)!;
    if (copied !== want) wrong.push(`${plan.table.name}: ${want} in SQLite, ${copied} in PostgreSQL`);
  }
  if (wrong.length) throw new MigrateStoreError('COUNT_MISMATCH', `The copy's row counts differ from the source's; rolled back:\n  ${wrong.join('\n  ')}`);
  progress({ kind: 'step', step: 'counted', seconds: since(counting) });

  // In the transaction (ANALYZE samples its own transaction's rows): the planner knows the
  // tables' sizes from the first query after the commit, and a failure here still rolls back.
  const analyzing = performance.now();
  await target.analyze(plans.map((p) => p.table.name));
  progress({ kind: 'step', step: 'analyzed', seconds: since(analyzing) });

  // Last before the commit: setval is not undone by a rollback, so a failed copy must not reach it.
  for (const plan of plans) await target.advanceIdentities(plan);
  await target.enableTriggers();
  const committing = performance.now();
  await target.commit();
  progress({ kind: 'step', step: 'committed', seconds: since(committing) });
  return {
    tables,
    rows: tables.reduce((sum, t) => sum + t.rows, 0),
    reports: expected.get('reports') ?? 0,
    indexSeconds,
    seconds: since(started),
  };
}

/** One table by one COPY; SQLite formats the next chunk while PostgreSQL stores the last. */
async function copyTable(
  source: SqliteSource, target: PgTarget, plan: TablePlan, total: number, chunkBytes: number, progress: (event: CopyEvent) => void,
): Promise<CopiedTableResult> {
  const started = performance.now();
  const table = plan.table.name;
  let sent = 0;
  const chunks = source.copyText(plan, chunkBytes, (rows) => {
    sent += rows;
    progress({ kind: 'table', table, rows: sent, total, seconds: (performance.now() - started) / 1000, done: false });
  });
  const rows = await target.copy(plan, chunks);
  if (rows !== total) {
    throw new MigrateStoreError('COUNT_MISMATCH', `${table}: PostgreSQL took ${rows} rows of the ${total} in SQLite; rolled back.`);
  }
  const seconds = (performance.now() - started) / 1000;
  progress({ kind: 'table', table, rows, total, seconds, done: true });
  return { name: table, rows, seconds };
}

/**
 * Migrates the target and takes the connection the copy runs on.
 *
 * @throws MigrateStoreError TARGET_UNUSABLE: no connection, a failed migration, a newer schema.
 */
async function prepareTarget(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    await migratePostgres(pool);
    return await pool.connect();
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = error instanceof SchemaTooNewError || error instanceof MigrationError ? `${error.code}: ` : code ? `(${code}) ` : '';
    throw new MigrateStoreError('TARGET_UNUSABLE', `The target database cannot be used: ${reason}${(error as Error).message}`, { cause: error });
  }
}

/** Errors that are not already the copy's own become COPY_FAILED, naming PostgreSQL's reason. */
function wrapped(error: unknown): unknown {
  if (error instanceof MigrateStoreError) return error;
  const pgError = error as { code?: string; message?: string; detail?: string; table?: string; constraint?: string; where?: string };
  const where = pgError.table ? ` in ${pgError.table}${pgError.constraint ? ` (${pgError.constraint})` : ''}` : '';
  const detail = pgError.detail ? ` ${pgError.detail}` : '';
  const context = pgError.where ? ` [${pgError.where}]` : '';
  const state = pgError.code ? ` (SQLSTATE ${pgError.code})` : '';
  return new MigrateStoreError('COPY_FAILED',
    `The copy failed${where}${state} and was rolled back; the target is as it was: ${pgError.message ?? String(error)}${detail}${context}`, { cause: error });
}
