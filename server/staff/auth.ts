import { ErrorCode } from '../../common/errors.js';
import type { StaffStore } from '../store/staff.js';
import type { Store } from '../store/store.js';
import { ProductError } from '../../common/product-error.js';
import type { Audit } from './audit.js';
import type { LoginThrottle } from './login-throttle.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { principalOf, type StaffPrincipal } from './scope.js';
import type { Sessions } from './sessions.js';
import type { UnitDirectory } from '../units/unit-directory.js';

export interface StaffAuthDeps {
  store: Pick<Store, 'unit' | 'staff'>;
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
    const { store, throttle, sessions, audit } = this.deps;
    const attempt = await store.unit((tx) => throttle.admit(tx.staffSessions, login, ip, now));
    let account: Awaited<ReturnType<StaffStore['findByLogin']>>;
    let matches: boolean;
    try {
      account = await store.staff.findByLogin(login);
      matches = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
    } catch (error) {
      await store.unit((tx) => throttle.release(tx.staffSessions, attempt));
      throw error;
    }
    const at = new Date().toISOString();
    if (!account || !matches || account.disabledAt !== null) {
      const failed = account;
      await store.unit((tx) => tx.audit.append(audit.entry({
        at, staffId: failed?.id ?? null, action: 'login.failure', targetType: 'staff', targetId: failed?.id ?? null,
        unitId: failed?.unitId ?? null, after: { reason: !failed ? 'unknown_login' : failed.disabledAt ? 'disabled' : 'wrong_password' },
      })));
      throw new ProductError(ErrorCode.invalidCredentials, 'Wrong login or password.');
    }
    const opened = await store.unit(async (tx) => {
      await throttle.succeeded(tx.staffSessions, attempt, now);
      await tx.audit.append(audit.entry({ at, staffId: account.id, action: 'login.success', targetType: 'staff', targetId: account.id, unitId: account.unitId }));
      return sessions.open(tx.staffSessions, account.id, now);
    });
    if (needsRehash(account.passwordHash)) await this.rehash(account.id, login, account.passwordHash, password);
    return { staff: principalOf(this.deps.units, account, this.deps.rootUnitId), ...opened };
  }

  /** Stores the password at the current cost, unless it was changed meanwhile. */
  private async rehash(id: string, login: string, old: string, password: string): Promise<void> {
    const fresh = await hashPassword(password);
    await this.deps.store.unit(async (tx) => {
      if ((await tx.staff.findByLogin(login))?.passwordHash === old) await tx.staff.update(id, { passwordHash: fresh });
    });
  }

  /** The staff member of a live session cookie, or undefined. */
  async resolve(token: string | undefined, now = new Date()): Promise<StaffPrincipal | undefined> {
    const staffId = await this.deps.sessions.resolve(token, now);
    const account = staffId === undefined ? undefined : await this.deps.store.staff.find(staffId);
    return account && account.disabledAt === null ? principalOf(this.deps.units, account, this.deps.rootUnitId) : undefined;
  }

  logout(token: string | undefined, staff: StaffPrincipal): Promise<void> {
    return this.deps.store.unit(async (tx) => {
      await this.deps.sessions.close(tx.staffSessions, token);
      await tx.audit.append(this.deps.audit.entry({ staffId: staff.id, action: 'logout', targetType: 'staff', targetId: staff.id, unitId: staff.unitId }));
    });
  }
}
