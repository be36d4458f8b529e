import type { Database } from 'better-sqlite3';
import type { StoreUnit } from '../store/store.js';

/** A unit of work gave the event loop away (awaited something other than the store). */
export class UnitLeftTheStoreError extends Error {
  constructor() {
    super('A unit of work awaited something other than the store; it was rolled back.');
  }
}

/**
 * Units of work on one SQLite connection (Store.unit). better-sqlite3 is synchronous, so a
 * unit's awaits of the store resolve as microtasks and the whole unit runs before the event
 * loop turns: no request, timer or group commit (which flushes on setImmediate) can run inside
 * its transaction. A unit that awaits anything else would let them in, so one that outlives a
 * turn of the loop is rolled back and refused. Units queue behind each other.
 */
export class SqliteUnits {
  #last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly tx: StoreUnit,
  ) {}

  run<T>(work: (tx: StoreUnit) => Promise<T>): Promise<T> {
    const turn = this.#last.then(() => this.#run(work));
    this.#last = turn.catch(() => undefined);
    return turn;
  }

  async #run<T>(work: (tx: StoreUnit) => Promise<T>): Promise<T> {
    let turned = false;
    const probe = setImmediate(() => {
      turned = true;
    });
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const value = await work(this.tx);
      if (turned) throw new UnitLeftTheStoreError();
      this.db.exec('COMMIT');
      return value;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      clearImmediate(probe);
    }
  }
}
