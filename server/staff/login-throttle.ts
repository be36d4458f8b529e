import { createHmac } from 'node:crypto';
import type { StaffSessionsStore } from '../store/staff-sessions.js';
import { networkOf } from '../reports/network.js';

/** Failed logins tolerated per window (see LoginThrottle). */
export interface LoginLimits {
  /** Per account and network: past it, that network is locked out of that account. */
  perPair: number;
  /**
   * Per account, from all networks together: past it, the account refuses logins from every
   * network it has not logged in from within `trustMs` (rotating addresses get no further).
   */
  perAccount: number;
  /** Per network, whatever the accounts: past it, the network is locked (password spraying). */
  perNetwork: number;
  windowMs: number;
  /** How long a network stays trusted for an account after a successful login from it. */
  trustMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perPair: 5, perAccount: 10, perNetwork: 20, windowMs: 15 * 60 * 1000, trustMs: 30 * 24 * 60 * 60 * 1000,
};

/** Thrown when logins are refused for a while; `retryAt` says until when. */
export class LoginLockedError extends Error {
  override name = 'LoginLockedError';
  constructor(readonly retryAt: Date) {
    super('Too many failed logins; try again later.');
  }
}

/** An admitted attempt, already counted as a failure until `succeeded` takes it back. */
export interface LoginAttempt {
  account: string;
  network: string;
  rows: number[];
}

/**
 * Login throttling with its state in the store (it survives restarts and holds for every app
 * instance on the store). Networks are keyed by an
 * HMAC of the IPv4 address or IPv6 /64, never the raw address.
 *
 * - An attempt is counted before its password is checked (`admit` checks and records in one
 *   unit of work, which units of one store run one at a time), so parallel requests cannot all pass the check while their scrypt runs:
 *   at most `perPair` guesses are ever checked per account and network in a window.
 * - A lock is per (account, network), so anybody can lock only their own network out of an
 *   account, not an officer elsewhere; and per network across accounts (spraying).
 * - Against addresses that rotate (a botnet, or X-Forwarded-For behind a trusted proxy), each
 *   account has a budget of `perAccount` failures per window from all networks; past it only
 *   networks the account logged in from lately (`trustMs`) may still try, so the attacker is
 *   slowed to `perAccount` guesses per window and the officer at their usual desk is not locked
 *   out. What it costs: an officer on a new network while their account is under attack waits
 *   out the window.
 */
export class LoginThrottle {
  constructor(
    private readonly secret: Buffer,
    private readonly limits: LoginLimits,
  ) {}

  private networkOf(ip: string): string {
    return createHmac('sha256', this.secret).update(networkOf(ip)).digest('base64url');
  }

  /**
   * Refuses a locked attempt, else records it as a failure at once (call inside a unit, with its
   * `tx.staffSessions`).
   *
   * @throws LoginLockedError while the pair, the network, or (from an untrusted network) the account is locked.
   */
  async admit(repository: StaffSessionsStore, login: string, ip: string, now: Date): Promise<LoginAttempt> {
    const account = login.toLowerCase();
    const network = this.networkOf(ip);
    const since = new Date(now.getTime() - this.limits.windowMs).toISOString();
    await repository.pruneFailuresBefore(since);
    const trusted = await this.isTrusted(repository, account, network, now);
    const counted = [
      { key: `pair:${account}:${network}`, limit: this.limits.perPair },
      { key: `network:${network}`, limit: this.limits.perNetwork },
      { key: `account:${account}`, limit: trusted ? Infinity : this.limits.perAccount },
    ];
    let until = 0;
    for (const { key, limit } of counted) {
      if (!Number.isFinite(limit)) continue;
      const oldestCounted = (await repository.failures(key, since))[limit - 1];
      if (oldestCounted) until = Math.max(until, Date.parse(oldestCounted) + this.limits.windowMs);
    }
    if (until > now.getTime()) throw new LoginLockedError(new Date(until));
    const at = now.toISOString();
    const rows: number[] = [];
    for (const { key } of counted) rows.push(await repository.recordFailure(key, at));
    return { account, network, rows };
  }

  /** The attempt was never checked (an internal error): it is not a guess. */
  async release(repository: StaffSessionsStore, attempt: LoginAttempt): Promise<void> {
    for (const row of attempt.rows) await repository.removeFailure(row);
  }

  /**
   * The right password: the attempt is not a failure, the pair's failures are forgiven and the
   * network becomes trusted for the account. The account's budget is not reset, or every
   * login of the officer would hand an attacker elsewhere a fresh budget.
   */
  async succeeded(repository: StaffSessionsStore, attempt: LoginAttempt, now: Date): Promise<void> {
    await this.release(repository, attempt);
    await repository.clearFailures(`pair:${attempt.account}:${attempt.network}`);
    const trustKey = `trusted:${attempt.account}:${attempt.network}`;
    await repository.clearFailures(trustKey);
    await repository.recordFailure(trustKey, now.toISOString());
    await repository.pruneTrustedBefore(new Date(now.getTime() - this.limits.trustMs).toISOString());
  }

  private async isTrusted(repository: StaffSessionsStore, account: string, network: string, now: Date): Promise<boolean> {
    const since = new Date(now.getTime() - this.limits.trustMs).toISOString();
    return (await repository.failures(`trusted:${account}:${network}`, since)).length > 0;
  }
}
