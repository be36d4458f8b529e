import type { SessionRecord, StaffSessionsStore } from '../staff-sessions.js';
import { run, statement, type PgDb } from './pg-db.js';

const INSERT = statement('sessions_insert',
  'INSERT INTO staff_sessions (id_hash, staff_id, created_at, idle_expires_at, absolute_expires_at) VALUES ($1, $2, $3, $4, $5)');
const FIND = statement('sessions_find', `SELECT s.staff_id AS "staffId", s.created_at AS "createdAt", s.idle_expires_at AS "idleExpiresAt",
    s.absolute_expires_at AS "absoluteExpiresAt", a.disabled_at AS "disabledAt"
  FROM staff_sessions s JOIN staff a ON a.id = s.staff_id WHERE s.id_hash = $1`);
const TOUCH = statement('sessions_touch', 'UPDATE staff_sessions SET idle_expires_at = $1 WHERE id_hash = $2');
const REVOKE = statement('sessions_revoke', 'DELETE FROM staff_sessions WHERE id_hash = $1');
const REVOKE_ALL = statement('sessions_revoke_all', 'DELETE FROM staff_sessions WHERE staff_id = $1');
const EXPIRED = statement('sessions_expired', 'DELETE FROM staff_sessions WHERE idle_expires_at <= $1 OR absolute_expires_at <= $1');
const FAILURE = statement('failures_insert', 'INSERT INTO login_failures (key, at) VALUES ($1, $2) RETURNING rowid');
const FAILURES = statement('failures_since', 'SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at DESC');
const CLEAR = statement('failures_clear', 'DELETE FROM login_failures WHERE key = $1');
// 'trusted:' rows (networks an account logged in from) live longer than the failure window.
// SQLite's LIKE ignores ASCII case, PostgreSQL's does not: the keys are written in lower case.
const PRUNE_FAILURES = statement('failures_prune', "DELETE FROM login_failures WHERE at <= $1 AND key NOT LIKE 'trusted:%'");
const REMOVE_FAILURE = statement('failures_remove', 'DELETE FROM login_failures WHERE rowid = $1');
const PRUNE_TRUSTED = statement('failures_prune_trusted', "DELETE FROM login_failures WHERE at <= $1 AND key LIKE 'trusted:%'");

/** Staff sessions, keyed by the SHA-256 of the cookie value, and failed logins. */
export class PgStaffSessions implements StaffSessionsStore {
  constructor(private readonly db: PgDb) {}

  async create(idHash: Buffer, staffId: string, createdAt: string, idleExpiresAt: string, absoluteExpiresAt: string): Promise<void> {
    await run(this.db, INSERT, [idHash, staffId, createdAt, idleExpiresAt, absoluteExpiresAt]);
  }

  async find(idHash: Buffer): Promise<SessionRecord | undefined> {
    return (await run<SessionRecord>(this.db, FIND, [idHash])).rows[0];
  }

  async touch(idHash: Buffer, idleExpiresAt: string): Promise<void> {
    await run(this.db, TOUCH, [idleExpiresAt, idHash]);
  }

  async revoke(idHash: Buffer): Promise<void> {
    await run(this.db, REVOKE, [idHash]);
  }

  async revokeAllOf(staffId: string): Promise<void> {
    await run(this.db, REVOKE_ALL, [staffId]);
  }

  async removeExpired(now: string): Promise<void> {
    await run(this.db, EXPIRED, [now]);
  }

  async recordFailure(key: string, at: string): Promise<number> {
    return Number((await run<{ rowid: number }>(this.db, FAILURE, [key, at])).rows[0]!.rowid);
  }

  async removeFailure(rowid: number): Promise<void> {
    await run(this.db, REMOVE_FAILURE, [rowid]);
  }

  async pruneTrustedBefore(at: string): Promise<void> {
    await run(this.db, PRUNE_TRUSTED, [at]);
  }

  async failures(key: string, since: string): Promise<string[]> {
    return (await run<{ at: string }>(this.db, FAILURES, [key, since])).rows.map((row) => row.at);
  }

  async clearFailures(key: string): Promise<void> {
    await run(this.db, CLEAR, [key]);
  }

  async pruneFailuresBefore(at: string): Promise<void> {
    await run(this.db, PRUNE_FAILURES, [at]);
  }
}
