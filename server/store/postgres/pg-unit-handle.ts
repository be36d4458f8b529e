import type pg from 'pg';
import { sqlState, type PgDb } from './pg-db.js';

/** A unit's handle was used after the unit ended (its work had settled, or it was timed out). */
export class UnitOverError extends Error {
  override name = 'UnitOverError';

  constructor() {
    super('A unit of work used its store handle after the unit ended; the call was refused.');
  }
}

/**
 * One unit's view of its batch's connection: its queries run there, inside its savepoint,
 * until the unit ends; later calls are refused (UnitOverError), so a unit that let a call
 * escape (not awaited) cannot write into the next unit's savepoint or the next batch. The
 * first server error of the unit is kept: PostgreSQL aborts the savepoint on any error, so
 * the unit cannot go on (and is rolled back) even if its work caught the error.
 *
 * `beforeQuery` runs just before each query is sent: a pipelined batch uses it to take back
 * the units started after this one when this one asks for more (pg-unit-pipeline.ts).
 */
export class UnitHandle implements PgDb {
  active = true;
  failure: unknown;

  constructor(private readonly client: pg.PoolClient, private readonly beforeQuery?: () => void) {}

  async query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>> {
    if (!this.active) throw new UnitOverError();
    this.beforeQuery?.();
    try {
      return await this.client.query<R>(config);
    } catch (error) {
      if (sqlState(error) !== undefined) this.failure ??= error;
      throw error;
    }
  }
}
