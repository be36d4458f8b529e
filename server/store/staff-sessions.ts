/** A live session row, joined with what the session check needs of its account. */
export interface SessionRecord {
  staffId: string;
  createdAt: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  disabledAt: string | null;
}

/**
 * Staff sessions (keyed by the SHA-256 of the cookie value) and the login throttle's failures:
 * kept in the store, so every app instance sees the same sessions and the same lockouts.
 */
export interface StaffSessionsStore {
  create(idHash: Buffer, staffId: string, createdAt: string, idleExpiresAt: string, absoluteExpiresAt: string): Promise<void>;
  find(idHash: Buffer): Promise<SessionRecord | undefined>;
  /** Moves the idle expiry forward (the caller caps it at the absolute expiry). */
  touch(idHash: Buffer, idleExpiresAt: string): Promise<void>;
  revoke(idHash: Buffer): Promise<void>;
  /** Ends every session of an account (disabled, or its password reset). */
  revokeAllOf(staffId: string): Promise<void>;
  removeExpired(now: string): Promise<void>;
  /** Returns the row's id, so a reserved attempt that turns out right can be taken back. */
  recordFailure(key: string, at: string): Promise<number>;
  removeFailure(rowid: number): Promise<void>;
  /** Forgets trusted networks not used since `at`. */
  pruneTrustedBefore(at: string): Promise<void>;
  /** Times of a key's failures after `since`, newest first. */
  failures(key: string, since: string): Promise<string[]>;
  clearFailures(key: string): Promise<void>;
  /** Forgets failures older than the throttling window. */
  pruneFailuresBefore(at: string): Promise<void>;
}
