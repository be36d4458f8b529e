import type { Database, Statement } from 'better-sqlite3';
import type { SessionRecord, StaffSessionsStore } from '../store/staff-sessions.js';
import type { Sync } from '../store/sync.js';

export type { SessionRecord } from '../store/staff-sessions.js';

/** Server-side staff sessions, keyed by the SHA-256 of the cookie value, and failed logins. */
export class StaffSessionsRepository implements Sync<StaffSessionsStore> {
  private readonly insertRow: Statement<[Buffer, string, string, string, string]>;
  private readonly findRow: Statement<[Buffer], SessionRecord>;
  private readonly touchRow: Statement<[string, Buffer]>;
  private readonly deleteRow: Statement<[Buffer]>;
  private readonly deleteOfStaff: Statement<[string]>;
  private readonly deleteExpired: Statement<[string, string]>;
  private readonly insertFailure: Statement<[string, string]>;
  private readonly failuresSince: Statement<[string, string], string>;
  private readonly clearKey: Statement<[string]>;
  private readonly pruneFailures: Statement<[string]>;
  private readonly deleteFailure: Statement<[number]>;
  private readonly pruneTrusted: Statement<[string]>;

  constructor(db: Database) {
    this.insertRow = db.prepare(
      'INSERT INTO staff_sessions (id_hash, staff_id, created_at, idle_expires_at, absolute_expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.findRow = db.prepare(
      `SELECT s.staff_id AS staffId, s.created_at AS createdAt, s.idle_expires_at AS idleExpiresAt,
         s.absolute_expires_at AS absoluteExpiresAt, a.disabled_at AS disabledAt
       FROM staff_sessions s JOIN staff a ON a.id = s.staff_id WHERE s.id_hash = ?`,
    );
    this.touchRow = db.prepare('UPDATE staff_sessions SET idle_expires_at = ? WHERE id_hash = ?');
    this.deleteRow = db.prepare('DELETE FROM staff_sessions WHERE id_hash = ?');
    this.deleteOfStaff = db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?');
    this.deleteExpired = db.prepare('DELETE FROM staff_sessions WHERE idle_expires_at <= ? OR absolute_expires_at <= ?');
    this.insertFailure = db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)');
    this.failuresSince = db.prepare(
      'SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC',
    ).pluck() as Statement<[string, string], string>;
    this.clearKey = db.prepare('DELETE FROM login_failures WHERE key = ?');
    // 'trusted:' rows (networks an account logged in from) live longer than the failure window.
    this.pruneFailures = db.prepare("DELETE FROM login_failures WHERE at <= ? AND key NOT LIKE 'trusted:%'");
    this.deleteFailure = db.prepare('DELETE FROM login_failures WHERE rowid = ?');
    this.pruneTrusted = db.prepare("DELETE FROM login_failures WHERE at <= ? AND key LIKE 'trusted:%'");
  }

  create(idHash: Buffer, staffId: string, createdAt: string, idleExpiresAt: string, absoluteExpiresAt: string): void {
    this.insertRow.run(idHash, staffId, createdAt, idleExpiresAt, absoluteExpiresAt);
  }

  find(idHash: Buffer): SessionRecord | undefined {
    return this.findRow.get(idHash);
  }

  /** Moves the idle expiry forward (the caller caps it at the absolute expiry). */
  touch(idHash: Buffer, idleExpiresAt: string): void {
    this.touchRow.run(idleExpiresAt, idHash);
  }

  revoke(idHash: Buffer): void {
    this.deleteRow.run(idHash);
  }

  /** Ends every session of an account (disabled, or its password reset). */
  revokeAllOf(staffId: string): void {
    this.deleteOfStaff.run(staffId);
  }

  removeExpired(now: string): void {
    this.deleteExpired.run(now, now);
  }

  /** Returns the row's id, so a reserved attempt that turns out right can be taken back. */
  recordFailure(key: string, at: string): number {
    return Number(this.insertFailure.run(key, at).lastInsertRowid);
  }

  removeFailure(rowid: number): void {
    this.deleteFailure.run(rowid);
  }

  /** Forgets trusted networks not used since `at`. */
  pruneTrustedBefore(at: string): void {
    this.pruneTrusted.run(at);
  }

  /** Times of a key's failures after `since`, newest first. */
  failures(key: string, since: string): string[] {
    return this.failuresSince.all(key, since);
  }

  clearFailures(key: string): void {
    this.clearKey.run(key);
  }

  /** Forgets failures older than the throttling window. */
  pruneFailuresBefore(at: string): void {
    this.pruneFailures.run(at);
  }
}
