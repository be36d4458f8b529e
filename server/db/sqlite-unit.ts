import type { Database, Statement } from 'better-sqlite3';
import type { StoreUnit } from '../store/store.js';
import { takeBatch } from '../store/unit-batch.js';

/** A unit of work gave the event loop away (awaited something other than the store). */
export class UnitLeftTheStoreError extends Error {
  constructor() {
    super('A unit of work awaited something other than the store; it was rolled back.');
  }
}

interface Pending {
  work: (tx: StoreUnit) => Promise<unknown>;
  bytes: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Units of work on one SQLite connection (Store.unit), with group commit: the units handed in
 * while the event loop is busy run together in one transaction, each inside its own savepoint,
 * and all are answered after the single commit. With synchronous = FULL every commit costs an
 * fsync of the WAL; sharing it among the requests of one tick multiplies durable writes per
 * second, and no caller is told "done" before its data is on disk. A unit that throws rolls
 * back only its own savepoint.
 *
 * better-sqlite3 is synchronous, so a unit's awaits of the store resolve as microtasks and the
 * whole batch runs before the event loop turns: no request, timer or other batch can run inside
 * its transaction. A unit that awaits anything else would let them in, so a batch that outlives
 * a turn of the loop is rolled back whole and refused (UnitLeftTheStoreError).
 */
export class SqliteUnits {
  #queue: Pending[] = [];
  #scheduled = false;
  #running = false;
  #open = false;
  #idleWaiters: (() => void)[] = [];
  /** Transaction control, prepared once: db.exec would parse the SQL again for every unit. */
  readonly #sql: Readonly<Record<'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit' | 'rollback', Statement>>;

  constructor(
    private readonly db: Database,
    private readonly tx: StoreUnit,
    /** Upper bound on units per transaction, so one commit never holds the writer long. */
    private readonly maxBatch = 256,
    /**
     * Upper bound on the large values (photos) one transaction writes. The commit and its fsync
     * run on the event loop; 30 uploads of 5 MB in one batch made one commit of ~100 MB that
     * stalled every other request for a fraction of a second. A unit above it runs alone.
     * 1 MiB: one stored photo at most (clean-photo.ts), about 4-5 ms of commit on the 2-core
     * VM where 3 MB took 12 ms; batches of photo reports are rare anyway (one decode at a time).
     */
    private readonly maxBatchBytes = 1024 * 1024,
  ) {
    this.#sql = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      savepoint: db.prepare('SAVEPOINT unit'),
      release: db.prepare('RELEASE unit'),
      rollbackTo: db.prepare('ROLLBACK TO unit'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
  }

  /** Runs `work` in the next batch; settles after the commit. `bytes`: the large data it writes. */
  run<T>(work: (tx: StoreUnit) => Promise<T>, bytes = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, bytes, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /** Resolves once every unit handed in so far has been committed (or refused). */
  whenIdle(): Promise<void> {
    if (!this.#scheduled && !this.#running && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate runs after pending I/O callbacks: requests that arrived together are batched.
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    // Another transaction holds the connection (a batch that left the store and is being
    // refused, or a synchronous db.transaction of code not yet on the port): nesting into it
    // would share its fate.
    if (this.#running || this.db.inTransaction) {
      this.#schedule();
      return;
    }
    const batch = takeBatch(this.#queue, this.maxBatch, this.maxBatchBytes);
    if (this.#queue.length > 0) this.#schedule();
    this.#running = true;
    void this.#runBatch(batch);
  }

  async #runBatch(batch: Pending[]): Promise<void> {
    let settled = false;
    const settle = (outcomes: Outcome[]): void => {
      settled = true;
      this.#open = false;
      this.#running = false;
      clearImmediate(probe);
      if (this.#queue.length > 0) this.#schedule();
      this.#settleIdle();
      batch.forEach(({ resolve, reject }, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) resolve(outcome.value);
        else reject(outcome.error);
      });
    };
    const refuseAll = (error: unknown): void => {
      if (this.db.inTransaction) this.#sql.rollback.run();
      settle(batch.map(() => ({ ok: false, error })));
    };
    // Fires only if the batch is still running when the event loop turns: a unit awaited
    // something other than the store. Its later store calls throw (see `active`), and the
    // batch is rolled back at once rather than when (or if) that unit ever finishes.
    const probe = setImmediate(() => {
      if (!settled) refuseAll(new UnitLeftTheStoreError());
    });
    const outcomes: Outcome[] = [];
    try {
      this.#sql.begin.run();
      this.#open = true;
      for (const { work } of batch) {
        this.#sql.savepoint.run();
        try {
          const value = await work(this.tx);
          if (settled) return;
          this.#sql.release.run();
          outcomes.push({ ok: true, value });
        } catch (error) {
          if (settled) return;
          this.#sql.rollbackTo.run();
          this.#sql.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      this.#sql.commit.run();
    } catch (error) {
      // BEGIN or COMMIT failed (a full disk, a lock past the busy timeout): nothing of the
      // batch is kept, and every unit in it is told so.
      if (!settled) refuseAll(error);
      return;
    }
    settle(outcomes);
  }

  /** True while a batch holds the transaction: the unit's store calls are refused otherwise. */
  get active(): boolean {
    return this.#open;
  }

  #settleIdle(): void {
    if (this.#scheduled || this.#running || this.#queue.length > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
