/**
 * Failures of the storage under the database rather than of the request: the disk is full
 * (SQLITE_FULL, ENOSPC), an I/O error (SQLITE_IOERR_*), the file or its file system became
 * read-only (SQLITE_READONLY_*, EROFS), or another writer held the lock past busy_timeout
 * (SQLITE_BUSY_*, SQLITE_LOCKED_*). The client did nothing wrong and may simply try again,
 * so these are 503 STORAGE_UNAVAILABLE with a Retry-After, not 500s.
 */
const SQLITE = /^SQLITE_(FULL|IOERR|READONLY|BUSY|LOCKED|CANTOPEN|NOMEM)(_|$)/;
const SYSTEM = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO']);
/**
 * The same conditions on PostgreSQL, by SQLSTATE (node-pg's error.code): named by their
 * condition names, e.g. disk_full (53100), in logs and /healthz.
 */
const POSTGRES = new Map([
  ['53100', 'disk_full'],
  ['53200', 'out_of_memory'],
  ['58030', 'io_error'],
  ['25006', 'read_only_sql_transaction'],
  ['57P03', 'cannot_connect_now'],
  ['53300', 'too_many_connections'],
]);
const POSTGRES_CONTENTION = new Set(['53300']);

/** Seconds a client should wait: a lock clears in moments, a full or failing disk needs an operator. */
export const RETRY_AFTER_SECONDS = { contention: 5, storage: 30 } as const;

export interface StorageFailure {
  /** The SQLite or system error code, e.g. SQLITE_FULL, or PostgreSQL's condition name, e.g. disk_full (logged and shown by /healthz). */
  code: string;
  retryAfterSeconds: number;
}

/** The storage failure an error stands for, or undefined when it is something else. */
export function storageFailureOf(error: unknown): StorageFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const postgres = POSTGRES.get(code);
  if (postgres) {
    const contention = POSTGRES_CONTENTION.has(code);
    return { code: postgres, retryAfterSeconds: contention ? RETRY_AFTER_SECONDS.contention : RETRY_AFTER_SECONDS.storage };
  }
  if (!(SQLITE.test(code) || SYSTEM.has(code))) return undefined;
  const contention = /^SQLITE_(BUSY|LOCKED)/.test(code);
  return { code, retryAfterSeconds: contention ? RETRY_AFTER_SECONDS.contention : RETRY_AFTER_SECONDS.storage };
}
