import type { Database } from 'better-sqlite3';

interface Pending {
  work: () => unknown;
  /** Bytes of large values the unit writes (photos), for the batch's byte budget. */
  bytes: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: write units that arrive while the event loop is busy are run together in one
 * transaction, each inside its own savepoint, and all are answered after the single commit.
 * With synchronous = FULL every commit costs an fsync of the WAL; sharing it among the
 * requests of one tick multiplies durable writes per second, and no caller is told "done"
 * before its data is on disk. A unit that throws rolls back only its own savepoint.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly db: Database,
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
  ) {}

  /**
   * Runs `work` (synchronous SQLite calls) in the next batch; settles after the commit. `bytes`:
   * how much large data (photos) it writes, so that a batch stays within the byte budget.
   */
  run<T>(work: () => T, bytes = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, bytes, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after pending I/O callbacks: requests that arrived together are batched.
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Resolves once every unit handed in so far has been committed (or refused). The app waits
   * for it before closing the database, so a write whose client hung up is not cut short.
   */
  whenIdle(): Promise<void> {
    if (!this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private flush(): void {
    this.scheduled = false;
    // A unit of work (sqlite-unit.ts) holds the connection's transaction: writing now would
    // nest into it and be undone by its rollback after the callers were told "committed".
    if (this.db.inTransaction) {
      this.scheduled = true;
      setImmediate(() => this.flush());
      return;
    }
    let count = 0;
    let bytes = 0;
    for (const unit of this.queue) {
      if (count === this.maxBatch || (count > 0 && bytes + unit.bytes > this.maxBatchBytes)) break;
      bytes += unit.bytes;
      count++;
    }
    const batch = this.queue.splice(0, count);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const { work } of batch) {
          try {
            // A nested better-sqlite3 transaction is a savepoint.
            outcomes.push({ ok: true, value: this.db.transaction(work)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const { reject } of batch) reject(error);
      this.settleIdle();
      return;
    }
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
    this.settleIdle();
  }

  private settleIdle(): void {
    if (this.scheduled || this.queue.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
