import type { Database } from 'better-sqlite3';
import { ErrorCode } from '../../common/errors.js';
import type { StaffRepository } from '../db/staff-repository.js';
import { ProductError } from '../../common/product-error.js';
import type { Audit } from './audit.js';
import type { LoginThrottle } from './login-throttle.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { principalOf, type StaffPrincipal } from './scope.js';
import type { Sessions } from './sessions.js';
import type { UnitDirectory } from '../units/unit-directory.js';

export interface StaffAuthDeps {
  db: Database;
  staff: StaffRepository;
  sessions: Sessions;
  throttle: LoginThrottle;
  audit: Audit;
  units: UnitDirectory;
  /** The root unit (`pl`): its staff see entries tied to no unit in the audit log. */
  rootUnitId: string;
}

/** Logging in and out, and turning a session cookie back into a staff member. */
export class StaffAuth {
  constructor(private readonly deps: StaffAuthDeps) {}

  /**
   * Counts the attempt first (a locked account is refused even with the right password; an
   * admitted one is recorded as a failure before the asynchronous scrypt check, so parallel
   * guesses cannot overrun the limit), then checks the password. Unknown login, wrong password
   * and disabled account all get the same 401 INVALID_CREDENTIALS after the same amount of
   * work. A right password stored at a lower scrypt cost is rehashed at the current one.
   *
   * @throws LoginLockedError (429 LOGIN_LOCKED) or ProductError INVALID_CREDENTIALS (401 at the edge).
   */
  async login(login: string, password: string, ip: string, now = new Date()): Promise<{ staff: StaffPrincipal; token: string; expiresAt: Date }> {
    const { staff, throttle, sessions, audit, db } = this.deps;
    const attempt = db.transaction(() => throttle.admit(login, ip, now))();
    let account: ReturnType<StaffRepository['findByLogin']>;
    let matches: boolean;
    try {
      account = staff.findByLogin(login);
      matches = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
    } catch (error) {
      throttle.release(attempt);
      throw error;
    }
    const at = new Date().toISOString();
    if (!account || !matches || account.disabledAt !== null) {
      audit.record({
        at, staffId: account?.id ?? null, action: 'login.failure', targetType: 'staff', targetId: account?.id ?? null,
        unitId: account?.unitId ?? null, after: { reason: !account ? 'unknown_login' : account.disabledAt ? 'disabled' : 'wrong_password' },
      });
      throw new ProductError(ErrorCode.invalidCredentials, 'Wrong login or password.');
    }
    const opened = db.transaction(() => {
      throttle.succeeded(attempt, now);
      audit.record({ at, staffId: account.id, action: 'login.success', targetType: 'staff', targetId: account.id, unitId: account.unitId });
      return sessions.open(account.id, now);
    })();
    if (needsRehash(account.passwordHash)) await this.rehash(account.id, login, account.passwordHash, password);
    return { staff: principalOf(this.deps.units, account, this.deps.rootUnitId), ...opened };
  }

  /** Stores the password at the current cost, unless it was changed meanwhile. */
  private async rehash(id: string, login: string, old: string, password: string): Promise<void> {
    const fresh = await hashPassword(password);
    if (this.deps.staff.findByLogin(login)?.passwordHash === old) this.deps.staff.update(id, { passwordHash: fresh });
  }

  /** The staff member of a live session cookie, or undefined. */
  resolve(token: string | undefined, now = new Date()): StaffPrincipal | undefined {
    const staffId = this.deps.sessions.resolve(token, now);
    const account = staffId === undefined ? undefined : this.deps.staff.find(staffId);
    return account && account.disabledAt === null ? principalOf(this.deps.units, account, this.deps.rootUnitId) : undefined;
  }

  logout(token: string | undefined, staff: StaffPrincipal): void {
    this.deps.db.transaction(() => {
      this.deps.sessions.close(token);
      this.deps.audit.record({ staffId: staff.id, action: 'logout', targetType: 'staff', targetId: staff.id, unitId: staff.unitId });
    })();
  }
}
