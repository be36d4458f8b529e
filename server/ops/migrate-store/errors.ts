/**
 * Why a migration between stores stopped, by a stable code (for scripts and the runbook) and
 * the process exit code the CLI gives it. Nothing was written to the target in any case: the
 * checks come before the copy, and the copy is one transaction that a failure rolls back.
 */
export const MIGRATE_STORE_EXIT = {
  /** Bad or missing arguments. */
  MIGRATE_USAGE: 2,
  /** The SQLite file is missing, unreadable, not a KMZB database, or at another schema version. */
  SOURCE_UNUSABLE: 3,
  /** The target cannot be reached, or migrated (no PostGIS, no rights, a newer schema): the message says which. */
  TARGET_UNUSABLE: 9,
  /** The target already holds reports, staff, audit entries or other data (see tables.ts). */
  TARGET_NOT_EMPTY: 4,
  /** The two schemas do not match table for table and column for column (see tables.ts). */
  SCHEMA_MISMATCH: 5,
  /** Another session kept the target's tables locked for longer than the wait allowed. */
  TARGET_BUSY: 6,
  /** A table's row count differs between source and target after the copy. */
  COUNT_MISMATCH: 7,
  /** The copy failed (a row refused by a constraint, the connection lost, ...) and was rolled back. */
  COPY_FAILED: 8,
} as const;

export type MigrateStoreErrorCode = keyof typeof MIGRATE_STORE_EXIT;

export class MigrateStoreError extends Error {
  override name = 'MigrateStoreError';

  constructor(
    readonly code: MigrateStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The CLI's exit code for this error. */
  get exitCode(): number {
    return MIGRATE_STORE_EXIT[this.code];
  }
}
