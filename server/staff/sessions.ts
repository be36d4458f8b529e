import { createHash, randomBytes } from 'node:crypto';
import type { StaffSessionsStore } from '../store/staff-sessions.js';

/** Session lifetimes: ends after 8 h without use, and 12 h after login whatever happens. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Writing the idle expiry on every request is wasteful; once a minute is precise enough. */
const TOUCH_AFTER_MS = 60 * 1000;

export const SESSION_COOKIE = 'kmzb_staff';

function hashOf(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Server-side sessions: the cookie carries 32 random bytes (base64url), the table only their
 * SHA-256. A session is valid until its idle or absolute expiry, its deletion (logout), or
 * the account being disabled. The table is in the store: a session opened through one app
 * instance is valid on every other.
 */
export class Sessions {
  constructor(private readonly repository: StaffSessionsStore) {}

  /** Opens a session (in the login's unit: pass its `tx.staffSessions`); returns the cookie value and the absolute expiry. */
  async open(repository: StaffSessionsStore, staffId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const absolute = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
    const idle = new Date(now.getTime() + SESSION_IDLE_MS);
    await repository.removeExpired(now.toISOString());
    await repository.create(hashOf(token), staffId, now.toISOString(), idle.toISOString(), absolute.toISOString());
    return { token, expiresAt: absolute };
  }

  /** The staff id of a live session, extending its idle expiry; undefined otherwise. */
  async resolve(token: string | undefined, now: Date): Promise<string | undefined> {
    if (!token) return undefined;
    const idHash = hashOf(token);
    const session = await this.repository.find(idHash);
    if (!session) return undefined;
    const at = now.toISOString();
    if (session.disabledAt !== null || session.idleExpiresAt <= at || session.absoluteExpiresAt <= at) {
      await this.repository.revoke(idHash);
      return undefined;
    }
    const idle = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, Date.parse(session.absoluteExpiresAt)));
    if (idle.getTime() - Date.parse(session.idleExpiresAt) > TOUCH_AFTER_MS) await this.repository.touch(idHash, idle.toISOString());
    return session.staffId;
  }

  /** Ends a session (in the logout's unit: pass its `tx.staffSessions`). */
  async close(repository: StaffSessionsStore, token: string | undefined): Promise<void> {
    if (token) await repository.revoke(hashOf(token));
  }

  /** Ends every session of an account (in the change's unit). */
  async closeAllOf(repository: StaffSessionsStore, staffId: string): Promise<void> {
    await repository.revokeAllOf(staffId);
  }
}
