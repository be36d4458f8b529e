import { createHash, randomBytes } from 'node:crypto';
import type { StaffSessionsRepository } from '../db/staff-sessions-repository.js';

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
 * the account being disabled.
 */
export class Sessions {
  constructor(private readonly repository: StaffSessionsRepository) {}

  /** Opens a session; returns the cookie value and the absolute expiry. */
  open(staffId: string, now: Date): { token: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    const absolute = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
    const idle = new Date(now.getTime() + SESSION_IDLE_MS);
    this.repository.removeExpired(now.toISOString());
    this.repository.create(hashOf(token), staffId, now.toISOString(), idle.toISOString(), absolute.toISOString());
    return { token, expiresAt: absolute };
  }

  /** The staff id of a live session, extending its idle expiry; undefined otherwise. */
  resolve(token: string | undefined, now: Date): string | undefined {
    if (!token) return undefined;
    const idHash = hashOf(token);
    const session = this.repository.find(idHash);
    if (!session) return undefined;
    const at = now.toISOString();
    if (session.disabledAt !== null || session.idleExpiresAt <= at || session.absoluteExpiresAt <= at) {
      this.repository.revoke(idHash);
      return undefined;
    }
    const idle = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, Date.parse(session.absoluteExpiresAt)));
    if (idle.getTime() - Date.parse(session.idleExpiresAt) > TOUCH_AFTER_MS) this.repository.touch(idHash, idle.toISOString());
    return session.staffId;
  }

  close(token: string | undefined): void {
    if (token) this.repository.revoke(hashOf(token));
  }

  closeAllOf(staffId: string): void {
    this.repository.revokeAllOf(staffId);
  }
}
