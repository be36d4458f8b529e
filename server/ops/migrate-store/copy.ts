import type pg from 'pg';
import { MigrationError, migratePostgres, SchemaTooNewError } from '../../store/postgres/migrate.js';
import { planCopy, type TablePlan } from './columns.js';
import { MigrateStoreError } from './errors.js';
import { PgTarget } from './pg-target.js';
import { SqliteSource, type BatchLimits, type SqliteValue } from './sqlite-source.js';
import { COPIED_TABLES } from './tables.js';

/** What the copy is doing, for a progress display. */
export type CopyEvent =
  /** A table's rows so far (`done` once all are in), with the source's count. */
  | { kind: 'table'; table: string; rows: number; total: number; seconds: number; done: boolean }
  /** A step other than copying rows, once done. */
  | { kind: 'step'; step: 'migrated' | 'checked' | 'counted' | 'committed' | 'analyzed'; seconds: number };

export interface CopyOptions {
  /** Told of each batch and step (a throw aborts the copy, which is then rolled back). */
  onProgress?: (event: CopyEvent) => void;
  /** Rows per INSERT (default 10,000) and a cap on their bytes of text and BLOBs (default 16 MiB). */
  batch?: Partial<BatchLimits>;
  /** How long to wait for another session's locks on the target's tables (default 30 s). */
  lockTimeoutMs?: number;
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
  /** From the first read to the commit (migrating the target and ANALYZE not included). */
  seconds: number;
}

const DEFAULT_BATCH: BatchLimits = { rows: 10_000, bytes: 16 << 20 };

/**
 * Copies a KMZB SQLite database into a PostgreSQL database (migratePostgres first), as one
 * transaction: the target ends up with all of it, or, on any failure, as it was.
 *
 * 1. The target's tables are locked, and it must be empty: no rows in any `data` or
 *    `aggregate` table of tables.ts (TARGET_NOT_EMPTY otherwise). The `reference` tables the
 *    migrations and pgSeedIfEmpty fill (units, areas, catalogues) are replaced by the source's.
 * 2. The schemas are matched column for column (SCHEMA_MISMATCH on any difference).
 * 3. Every table is copied in batches from one snapshot of the SQLite file (opened read-only),
 *    with PostgreSQL's aggregate triggers off; the aggregates are copied as they are (see tables.ts).
 * 4. Self-references are written, each table's count compared with the source's
 *    (COUNT_MISMATCH), identity sequences moved past the copied values, the triggers turned back on.
 * 5. Commit, then ANALYZE.
 *
 * @throws MigrateStoreError: SOURCE_UNUSABLE, TARGET_UNUSABLE, TARGET_NOT_EMPTY, SCHEMA_MISMATCH,
 *   TARGET_BUSY, COUNT_MISMATCH, COPY_FAILED.
 */
export async function copySqliteToPostgres(sqlitePath: string, pool: pg.Pool, options: CopyOptions = {}): Promise<CopyResult> {
  const progress = options.onProgress ?? (() => undefined);
  const limits: BatchLimits = { ...DEFAULT_BATCH, ...options.batch };
  const source = SqliteSource.open(sqlitePath);
  try {
    let at = performance.now();
    const client = await prepareTarget(pool);
    progress({ kind: 'step', step: 'migrated', seconds: (performance.now() - at) / 1000 });
    let broken = false;
    try {
      const target = new PgTarget(client);
      try {
        at = performance.now();
        const result = await copyInTransaction(source, target, limits, options.lockTimeoutMs ?? 30_000, progress);
        at = performance.now();
        await target.analyze(COPIED_TABLES.map((t) => t.name));
        progress({ kind: 'step', step: 'analyzed', seconds: (performance.now() - at) / 1000 });
        return result;
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
  source: SqliteSource, target: PgTarget, limits: BatchLimits, lockTimeoutMs: number, progress: (event: CopyEvent) => void,
): Promise<CopyResult> {
  const started = performance.now();
  const seconds = (from: number) => (performance.now() - from) / 1000;
  await target.begin(COPIED_TABLES.map((t) => t.name), lockTimeoutMs);
  const filled = await target.nonEmpty(COPIED_TABLES.filter((t) => t.role !== 'reference').map((t) => t.name));
  if (filled.length) {
    throw new MigrateStoreError('TARGET_NOT_EMPTY',
      `The target database already holds data (rows in ${filled.join(', ')}); migrating into it would mix two databases. ` +
        'Migrate into a new, empty database.');
  }
  const plans = planCopy(source.tables(), await target.tables());
  progress({ kind: 'step', step: 'checked', seconds: seconds(started) });
  await target.disableTriggers(plans.map((p) => p.table.name));
  await target.clear(plans.filter((p) => p.table.role === 'reference').map((p) => p.table.name).reverse());
  const tables: CopiedTableResult[] = [];
  const expected = new Map<string, number>();
  for (const plan of plans) {
    const total = source.count(plan.table.name);
    expected.set(plan.table.name, total);
    tables.push(await copyTable(source, target, plan, total, limits, progress));
  }
  const counting = performance.now();
  const wrong: string[] = [];
  for (const plan of plans) {
    const copied = await target.count(plan.table.name);
    const want = expected.get(plan.table.name)!;
    if (copied !== want) wrong.push(`${plan.table.name}: ${want} in SQLite, ${copied} in PostgreSQL`);
  }
  if (wrong.length) throw new MigrateStoreError('COUNT_MISMATCH', `The copy's row counts differ from the source's; rolled back:\n  ${wrong.join('\n  ')}`);
  progress({ kind: 'step', step: 'counted', seconds: seconds(counting) });
  // Last before the commit: setval is not undone by a rollback, so a failed copy must not reach it.
  for (const plan of plans) await target.advanceIdentities(plan);
  await target.enableTriggers();
  const committing = performance.now();
  await target.commit();
  progress({ kind: 'step', step: 'committed', seconds: seconds(committing) });
  return {
    tables,
    rows: tables.reduce((sum, t) => sum + t.rows, 0),
    reports: expected.get('reports') ?? 0,
    seconds: seconds(started),
  };
}

/**
 * One table: the next batch is read from SQLite while PostgreSQL inserts the previous one
 * (better-sqlite3 reads synchronously; the insert is the server's work).
 */
async function copyTable(
  source: SqliteSource, target: PgTarget, plan: TablePlan, total: number, limits: BatchLimits, progress: (event: CopyEvent) => void,
): Promise<CopiedTableResult> {
  const started = performance.now();
  const name = plan.table.name;
  const deferred: [SqliteValue, SqliteValue][] = [];
  let rows = 0;
  let pending: Promise<void> | undefined;
  for (const batch of source.batches(plan, limits)) {
    await pending;
    pending = target.insert(plan, batch).then((pairs) => {
      for (const pair of pairs) deferred.push(pair);
      rows += batch.length;
      progress({ kind: 'table', table: name, rows, total, seconds: (performance.now() - started) / 1000, done: false });
    });
    // Handled when awaited; until then a rejection must not count as unhandled.
    pending.catch(() => undefined);
  }
  await pending;
  await target.writeDeferred(plan, deferred, limits.rows);
  const seconds = (performance.now() - started) / 1000;
  progress({ kind: 'table', table: name, rows, total, seconds, done: true });
  return { name, rows, seconds };
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
  const pgError = error as { code?: string; message?: string; detail?: string; table?: string; constraint?: string };
  const where = pgError.table ? ` in ${pgError.table}${pgError.constraint ? ` (${pgError.constraint})` : ''}` : '';
  const detail = pgError.detail ? ` ${pgError.detail}` : '';
  const state = pgError.code ? ` (SQLSTATE ${pgError.code})` : '';
  return new MigrateStoreError('COPY_FAILED',
    `The copy failed${where}${state} and was rolled back; the target is as it was: ${pgError.message ?? String(error)}${detail}`, { cause: error });
}
