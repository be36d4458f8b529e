/** What operators watch (GET /healthz, Prometheus metrics), read from the store. */
export interface OperationsStore {
  /** Resolves when the database answers a trivial query; rejects with the driver's error. */
  ping(): Promise<void>;
  /**
   * Real (not demo) reports past a service target: `read` still new and created before
   * `readBy`, `verify` new or verifying and created before `verifyBy` (ISO times).
   */
  overdue(readBy: string, verifyBy: string): Promise<{ read: number; verify: number }>;
  /** Unsent mails: waiting (retrying ones included), retrying (refused at least once), failed. */
  mailQueue(): Promise<{ waiting: number; retrying: number; failed: number }>;
  /** The database's size on disk in bytes, by part (SQLite: main file and WAL; PostgreSQL: the database). */
  sizes(): Promise<{ part: string; bytes: number }[]>;
}
