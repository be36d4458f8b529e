import { createHmac } from 'node:crypto';
import type { StaffSessionsRepository } from '../db/staff-sessions-repository.js';
import { networkOf } from '../reports/network.js';

/** Failed logins tolerated per window: per account (even an unknown one) and per network. */
export interface LoginLimits {
  perAccount: number;
  perNetwork: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perNetwork: 20, windowMs: 15 * 60 * 1000 };

/** Thrown when logins are refused for a while; `retryAt` says until when. */
export class LoginLockedError extends Error {
  override name = 'LoginLockedError';
  constructor(readonly retryAt: Date) {
    super('Too many failed logins; try again later.');
  }
}

/**
 * Login throttling with its state in SQLite (it survives restarts): once a key has `limit`
 * failures inside the window, logins for it are refused, even with the right password, until
 * the oldest of those failures leaves the window. Networks are keyed by an HMAC of the IPv4
 * address or IPv6 /64, never the raw address.
 */
export class LoginThrottle {
  constructor(
    private readonly repository: StaffSessionsRepository,
    private readonly secret: Buffer,
    private readonly limits: LoginLimits,
  ) {}

  private keys(login: string, ip: string): { key: string; limit: number }[] {
    const network = createHmac('sha256', this.secret).update(networkOf(ip)).digest('base64url');
    return [
      { key: `account:${login.toLowerCase()}`, limit: this.limits.perAccount },
      { key: `network:${network}`, limit: this.limits.perNetwork },
    ];
  }

  /** @throws LoginLockedError while the account or the network is locked. */
  admit(login: string, ip: string, now: Date): void {
    const since = new Date(now.getTime() - this.limits.windowMs).toISOString();
    let until = 0;
    for (const { key, limit } of this.keys(login, ip)) {
      const failures = this.repository.failures(key, since);
      const oldestCounted = failures[limit - 1];
      if (oldestCounted) until = Math.max(until, Date.parse(oldestCounted) + this.limits.windowMs);
    }
    if (until > now.getTime()) throw new LoginLockedError(new Date(until));
  }

  failed(login: string, ip: string, now: Date): void {
    this.repository.pruneFailuresBefore(new Date(now.getTime() - this.limits.windowMs).toISOString());
    for (const { key } of this.keys(login, ip)) this.repository.recordFailure(key, now.toISOString());
  }

  /** A successful login forgives the account's failures (not the network's). */
  succeeded(login: string, ip: string): void {
    this.repository.clearFailures(this.keys(login, ip)[0]!.key);
  }
}
