import type { OperationsStore } from '../operations.js';
import { run, statement, type PgDb } from './pg-db.js';

const PING = statement('operations_ping', 'SELECT 1');
const OVERDUE = statement('operations_overdue', `SELECT count(*) FILTER (WHERE status = 'new' AND created_at < $1) AS read,
    count(*) FILTER (WHERE created_at < $2) AS verify
  FROM reports WHERE status IN ('new', 'verifying') AND demo = 0`);
const MAIL_QUEUE = statement('operations_mail_queue', `SELECT count(*) FILTER (WHERE failed_at IS NULL) AS waiting,
    count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed, count(*) FILTER (WHERE failed_at IS NULL AND attempts > 0) AS retrying
  FROM mail_queue WHERE sent_at IS NULL`);
const SIZE = statement('operations_size', 'SELECT pg_database_size(current_database()) AS bytes');

/** What operators watch, on the PostgreSQL database (server/store/operations.ts). */
export class PgOperations implements OperationsStore {
  constructor(private readonly db: PgDb) {}

  async ping(): Promise<void> {
    await run(this.db, PING);
  }

  async overdue(readBy: string, verifyBy: string): Promise<{ read: number; verify: number }> {
    const row = (await run<{ read: number; verify: number }>(this.db, OVERDUE, [readBy, verifyBy])).rows[0]!;
    return { read: Number(row.read), verify: Number(row.verify) };
  }

  async mailQueue(): Promise<{ waiting: number; retrying: number; failed: number }> {
    const row = (await run<{ waiting: number; retrying: number; failed: number }>(this.db, MAIL_QUEUE)).rows[0]!;
    return { waiting: Number(row.waiting), retrying: Number(row.retrying), failed: Number(row.failed) };
  }

  /** The whole database (tables, indexes and TOAST); the WAL is the cluster's, not the database's. */
  async sizes(): Promise<{ part: string; bytes: number }[]> {
    return [{ part: 'database', bytes: Number((await run<{ bytes: number }>(this.db, SIZE)).rows[0]!.bytes) }];
  }
}
