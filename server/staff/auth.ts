import type { Database } from 'better-sqlite3';
import { ErrorCode } from '../../common/errors.js';
import type { StaffRepository } from '../db/staff-repository.js';
import { ApiError } from '../http/api-error.js';
import type { Audit } from './audit.js';
import type { LoginThrottle } from './login-throttle.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { principalOf, type StaffPrincipal } from './scope.js';
import type { Sessions } from './sessions.js';

export interface StaffAuthDeps {
  db: Database;
  staff: StaffRepository;
  sessions: Sessions;
  throttle: LoginThrottle;
  audit: Audit;
  /** The root unit (`pl`): its staff see entries tied to no unit in the audit log. */
  rootUnitId: string;
}

/** Logging in and out, and turning a session cookie back into a staff member. */
export class StaffAuth {
  constructor(private readonly deps: StaffAuthDeps) {}

  /**
   * Checks the throttle first (a locked account is refused even with the right password),
   * then the password. Unknown login, wrong password and disabled account all get the same
   * 401 INVALID_CREDENTIALS after the same amount of work.
   *
   * @throws LoginLockedError (429 LOGIN_LOCKED) or ApiError 401 INVALID_CREDENTIALS.
   */
  async login(login: string, password: string, ip: string, now = new Date()): Promise<{ staff: StaffPrincipal; token: string; expiresAt: Date }> {
    const { staff, throttle, sessions, audit, db } = this.deps;
    throttle.admit(login, ip, now);
    const account = staff.findByLogin(login);
    const matches = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
    const at = new Date().toISOString();
    if (!account || !matches || account.disabledAt !== null) {
      db.transaction(() => {
        throttle.failed(login, ip, now);
        audit.record({
          at, staffId: account?.id ?? null, action: 'login.failure', targetType: 'staff', targetId: account?.id ?? null,
          unitId: account?.unitId ?? null, after: { reason: !account ? 'unknown_login' : account.disabledAt ? 'disabled' : 'wrong_password' },
        });
      })();
      throw new ApiError(401, ErrorCode.invalidCredentials, 'Wrong login or password.');
    }
    const opened = db.transaction(() => {
      throttle.succeeded(login, ip);
      audit.record({ at, staffId: account.id, action: 'login.success', targetType: 'staff', targetId: account.id, unitId: account.unitId });
      return sessions.open(account.id, now);
    })();
    return { staff: principalOf(db, account, this.deps.rootUnitId), ...opened };
  }

  /** The staff member of a live session cookie, or undefined. */
  resolve(token: string | undefined, now = new Date()): StaffPrincipal | undefined {
    const staffId = this.deps.sessions.resolve(token, now);
    const account = staffId === undefined ? undefined : this.deps.staff.find(staffId);
    return account && account.disabledAt === null ? principalOf(this.deps.db, account, this.deps.rootUnitId) : undefined;
  }

  logout(token: string | undefined, staff: StaffPrincipal): void {
    this.deps.db.transaction(() => {
      this.deps.sessions.close(token);
      this.deps.audit.record({ staffId: staff.id, action: 'logout', targetType: 'staff', targetId: staff.id, unitId: staff.unitId });
    })();
  }
}
