import type pg from 'pg';
import { sqlState, type PgDb } from './pg-db.js';
import { takeBatch } from '../unit-batch.js';
import { UnitHandle } from './pg-unit-handle.js';
import { runPipelined, type Outcome } from './pg-unit-pipeline.js';

export { UnitOverError } from './pg-unit-handle.js';

/**
 * The transaction-level advisory lock every batch of units takes first (pg_advisory_xact_lock's
 * two-int form: KMZB's class, key 3; migrate.ts uses 1, the test template 2). It serializes the
 * batches of every instance on one database, so a rule that reads and then inserts (the daily
 * rule in daily_actions) cannot admit the same device twice from two instances: under READ
 * COMMITTED the second batch's reads, made after it got the lock, see the first one's commit.
 * The lock is released by COMMIT or ROLLBACK (after the commit's WAL flush), never held by an
 * idle session.
 */
export const UNIT_LOCK = { classId: 0x4b4d5a42 /* 'KMZB' */, objectId: 3 } as const;

/** Deadlock and serialization failure: the whole batch is run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/** A unit did not settle in time: it was rolled back so that its batch (and the lock) could go on. */
export class UnitTimeoutError extends Error {
  override name = 'UnitTimeoutError';

  constructor(ms: number) {
    super(`A unit of work did not settle within ${ms} ms; it was rolled back.`);
  }
}

export interface PgUnitOptions {
  /**
   * Upper bound on units per transaction (default 64). Each unit runs in a savepoint, which
   * gets a subtransaction id once it writes; PostgreSQL caches 64 of them per transaction,
   * beyond which every other session's snapshots must look them up in pg_subtrans.
   */
  maxBatch?: number;
  /** Upper bound on the large values (photos) of one transaction; a unit above it runs alone (default 8 MiB). */
  maxBatchBytes?: number;
  /** Runs of a batch that hit a deadlock or serialization failure before its units are refused (default 5). */
  maxAttempts?: number;
  /** A unit still running after this long is rolled back and refused (default 10 s): it holds every instance's writes. */
  unitTimeoutMs?: number;
}

interface Pending<U> {
  work: (tx: U) => Promise<unknown>;
  bytes: number;
  oneRoundTrip: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Thrown inside an attempt when the batch has to run again from the start. */
class RetryBatch extends Error {
  constructor(override readonly cause: unknown) {
    super('retry');
  }
}

/**
 * node-pg's pipeline mode on a pooled client for the time of one batch: each query goes out
 * at once, without waiting for the answers to those before it (which still come back, and
 * run, in order). node-pg reads `pipeline` at every query, and the batch switches it only
 * while the client is idle (after it is checked out, after its COMMIT or ROLLBACK), so the pool
 * gets its clients back as they were. A client without the option (another driver version)
 * is used without pipelining: every statement then waits for the one before.
 */
function pipelining(client: pg.PoolClient): { on: boolean; restore: () => void } {
  const target = client as unknown as { pipeline?: unknown };
  if (typeof target.pipeline !== 'boolean') return { on: false, restore: () => undefined };
  const before = target.pipeline;
  target.pipeline = true;
  return { on: true, restore: () => void (target.pipeline = before) };
}

/**
 * A batch's statements run the plan made once per connection (generic), not one made again
 * for each execution's values (custom). Units run keyed statements (a report, its unit, a
 * device's hashes, a mail's id) whose best plan does not depend on the values, but PostgreSQL
 * re-plans a prepared statement at every execution when, after its first five, it estimates
 * the generic plan dearer than the custom ones. The daily rule's (pg-daily-actions.ts) has a
 * DELETE of `at <= $5` that a generic plan must cost at a third of the table, although a
 * one-time filter skips it nearly always, and making a custom plan reads daily_actions'
 * indexes (perf). In one load on 3 M reports it was planned at each of 7,188 reports: 205 µs
 * of PostgreSQL's CPU a report, twice its execution (pg_stat_statements with track_planning;
 * bench:report-write); in another it kept the generic plan, which is the custom one's (index
 * scans of daily_actions_key and daily_actions_at). Forced, the choice no longer depends on
 * what a connection's first executions found. SET LOCAL: the batch's transaction only; reads
 * outside units plan as PostgreSQL chooses. A unit's statement over a range of many reports
 * asks for PostgreSQL's choice back for itself (pg-mail.ts, the digest's rows).
 */
export const BATCH_PLAN_CACHE_MODE = 'force_generic_plan';
const GENERIC_PLANS = `SET LOCAL plan_cache_mode = ${BATCH_PLAN_CACHE_MODE}`;

/**
 * Units of work on PostgreSQL (Store.unit), with group commit as SQLite's SqliteUnits: the
 * units handed in while the event loop is busy, or while the previous batch runs, form one
 * batch, run on one pooled connection in one transaction, each in its own savepoint:
 *
 *   BEGIN; SET LOCAL …; SELECT pg_advisory_xact_lock(…)   one round trip (GENERIC_PLANS)
 *   SAVEPOINT u0 … SAVEPOINT u1 …                 per unit, nested, sent with the unit's first
 *                                                 statements (one write to the socket)
 *   ROLLBACK TO SAVEPOINT u<i>; RELEASE …         for a unit that failed
 *   COMMIT                                        one WAL flush for the whole batch
 *
 * The batch's connection is pipelined (node-pg's pipeline mode, for the batch only): a unit's
 * statements go out as it issues them, and after a unit that asks for all of them at once
 * (oneRoundTrip) the next unit starts once they are out, without waiting for their answers,
 * so PostgreSQL runs such units back to back. Units still settle in order with the outcome
 * of running one after another: a failed unit takes back the units started after it, which
 * run again (pg-unit-pipeline.ts). A statement after a failed one fails (25P02) and its unit
 * is rolled back with it. (A client without pipelining runs the units one by one, each in a
 * savepoint `unit` released when the next one starts.)
 *
 * Every unit is answered after the commit. Batches of one store run one at a time; the
 * advisory lock serializes them across instances. A deadlock or serialization failure (40P01,
 * 40001) anywhere in a batch rolls it back and runs all its units again (their work must be
 * safe to run twice: it is, when it only calls `tx`); any other failure of BEGIN or COMMIT
 * refuses every unit of the batch with that error. A connection lost at COMMIT leaves its
 * outcome unknown to the units, as with any network database.
 */
export class PgUnitQueue<U> {
  #queue: Pending<U>[] = [];
  #scheduled = false;
  #running = false;
  #idleWaiters: (() => void)[] = [];
  readonly #maxBatch: number;
  readonly #maxBatchBytes: number;
  readonly #maxAttempts: number;
  readonly #unitTimeoutMs: number;

  constructor(
    private readonly pool: Pick<pg.Pool, 'connect'>,
    private readonly handles: (db: PgDb) => U,
    options: PgUnitOptions = {},
  ) {
    this.#maxBatch = options.maxBatch ?? 64;
    this.#maxBatchBytes = options.maxBatchBytes ?? 8 * 1024 * 1024;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#unitTimeoutMs = options.unitTimeoutMs ?? 10_000;
  }

  /**
   * Runs `work` in the next batch; settles after the commit. `bytes`: the large data it writes;
   * `oneRoundTrip`: it asks for all its statements at once (the next unit may start early).
   */
  run<T>(work: (tx: U) => Promise<T>, bytes = 0, oneRoundTrip = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, bytes, oneRoundTrip, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /** Resolves once every unit handed in so far has been committed (or refused). */
  whenIdle(): Promise<void> {
    if (!this.#scheduled && !this.#running && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    // setImmediate runs after pending I/O callbacks: requests that arrived together are batched.
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#running || this.#queue.length === 0) {
      this.#settleIdle();
      return;
    }
    const batch = takeBatch(this.#queue, this.#maxBatch, this.#maxBatchBytes);
    this.#running = true;
    void this.#runBatch(batch).then((outcomes) => {
      this.#running = false;
      if (this.#queue.length > 0) this.#schedule();
      else this.#settleIdle();
      batch.forEach(({ resolve, reject }, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) resolve(outcome.value);
        else reject(outcome.error);
      });
    });
  }

  /** Runs the batch until it commits, fails for good, or runs out of attempts; never rejects. */
  async #runBatch(batch: readonly Pending<U>[]): Promise<Outcome[]> {
    const refuseAll = (error: unknown): Outcome[] => batch.map(() => ({ ok: false, error }));
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (error) {
        return refuseAll(error);
      }
      let broken: Error | undefined;
      const pipeline = pipelining(client);
      try {
        return await this.#attempt(client, batch, pipeline.on);
      } catch (error) {
        // Roll back what the attempt did; a connection that cannot is not given back to the pool.
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        if (sqlState(error) === undefined && !(error instanceof RetryBatch)) {
          broken ??= error instanceof Error ? error : new Error(String(error));
        }
        const cause = error instanceof RetryBatch ? error.cause : error;
        if (!RETRYABLE.has(sqlState(cause) ?? '') || attempt >= this.#maxAttempts) return refuseAll(cause);
      } finally {
        // Idle here: COMMIT or ROLLBACK has answered, after every statement sent before it.
        pipeline.restore();
        client.release(broken);
      }
      // Whoever won the deadlock finishes first; a little random wait keeps two losers apart.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }

  async #attempt(client: pg.PoolClient, batch: readonly Pending<U>[], pipelined: boolean): Promise<Outcome[]> {
    // Awaited before the first unit: the lock may be a while coming, and a unit's time runs from its start.
    await client.query(`BEGIN; ${GENERIC_PLANS}; SELECT pg_advisory_xact_lock(${UNIT_LOCK.classId}, ${UNIT_LOCK.objectId})`);
    const retryOn = (failure: unknown): void => {
      if (RETRYABLE.has(sqlState(failure) ?? '')) throw new RetryBatch(failure);
    };
    const outcomes = pipelined
      ? await runPipelined(client, batch.map(({ work, oneRoundTrip }) => ({
        run: (handle) => this.#withTimeout(work(this.handles(handle))),
        oneRoundTrip,
      })), retryOn)
      : await this.#oneByOne(client, batch, retryOn);
    // A transaction that is in a failed state answers COMMIT with ROLLBACK, not with an error.
    const committed = await client.query('COMMIT');
    if (committed.command !== 'COMMIT') throw new Error(`The batch's transaction ended in ${committed.command}, not COMMIT.`);
    return outcomes;
  }

  /** The units one after another, each awaited: a client without pipelining. */
  async #oneByOne(client: pg.PoolClient, batch: readonly Pending<U>[], retryOn: (failure: unknown) => void): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let savepoint = false;
    for (const unit of batch) {
      await client.query(savepoint ? 'RELEASE SAVEPOINT unit; SAVEPOINT unit' : 'SAVEPOINT unit');
      savepoint = true;
      const handle = new UnitHandle(client);
      let outcome: Outcome;
      try {
        const value = await this.#withTimeout(unit.work(this.handles(handle)));
        outcome = handle.failure === undefined ? { ok: true, value } : { ok: false, error: handle.failure };
      } catch (error) {
        outcome = { ok: false, error };
      } finally {
        handle.active = false;
      }
      retryOn(handle.failure);
      // Also after a timeout: the queue runs this after any statement the unit still has in flight.
      if (!outcome.ok) await client.query('ROLLBACK TO SAVEPOINT unit');
      outcomes.push(outcome);
    }
    return outcomes;
  }

  async #withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UnitTimeoutError(this.#unitTimeoutMs)), this.#unitTimeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #settleIdle(): void {
    if (this.#scheduled || this.#running || this.#queue.length > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
