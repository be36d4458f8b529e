import { randomBytes } from 'node:crypto';
import { ErrorCode } from '../../common/errors.js';
import type { NewStaffAccount, StaffAccount, StaffAccountPatch } from '../../common/schemas/staff.js';
import { STAFF_PASSWORD_MIN_LENGTH } from '../../common/staff.js';
import { isEmailAddress } from '../../common/email.js';
import type { StaffRecord, StaffUpdate } from '../store/staff.js';
import type { Store } from '../store/store.js';
import { ProductError } from '../../common/product-error.js';
import type { Audit } from './audit.js';
import { hashPassword } from './passwords.js';
import { requireAdmin, requireUnitInScope, type StaffPrincipal } from './scope.js';
import type { Sessions } from './sessions.js';

/** A random, non-sequential account id. */
export function newStaffId(): string {
  return randomBytes(9).toString('base64url');
}

/** 400 PASSWORD_TOO_SHORT below the minimum length (counted in code points). */
export function checkPasswordLength(password: string): void {
  if ([...password].length < STAFF_PASSWORD_MIN_LENGTH) {
    throw new ProductError(ErrorCode.passwordTooShort, `A password needs at least ${STAFF_PASSWORD_MIN_LENGTH} characters.`);
  }
}

export function toAccount(record: StaffRecord): StaffAccount {
  return {
    id: record.id, login: record.login, displayName: record.displayName, role: record.role, unit: record.unitId,
    createdAt: record.createdAt, disabled: record.disabledAt !== null, email: record.email,
  };
}

/** An address as given (trimmed), null for none; 400 INVALID_EMAIL when it is not an address. */
export function emailOf(value: string | null | undefined): string | null {
  const email = value?.trim() ?? '';
  if (!email) return null;
  if (!isEmailAddress(email)) throw new ProductError(ErrorCode.invalidEmail, 'This is not a valid e-mail address.');
  return email;
}

/**
 * Staff management by admins, inside their subtree only: the account and any unit it is
 * given must lie in the admin's scope, so nobody can create or move an account above
 * themselves. Disabling ends the account's sessions at once.
 */
export class StaffAccounts {
  constructor(
    private readonly store: Pick<Store, 'unit' | 'staff'>,
    private readonly sessions: Sessions,
    private readonly audit: Audit,
  ) {}

  async list(admin: StaffPrincipal): Promise<StaffAccount[]> {
    requireAdmin(admin);
    return (await this.store.staff.listIn(admin.scope)).map(toAccount);
  }

  async create(admin: StaffPrincipal, input: NewStaffAccount, now = new Date()): Promise<StaffAccount> {
    requireAdmin(admin);
    requireUnitInScope(admin, input.unit);
    checkPasswordLength(input.password);
    const email = emailOf(input.email);
    if (await this.store.staff.findByLogin(input.login)) throw loginTaken(input.login);
    const passwordHash = await hashPassword(input.password);
    const id = newStaffId();
    const at = now.toISOString();
    return this.store.unit(async (tx) => {
      // Checked again: another request may have taken the login while the hash was computed.
      if (await tx.staff.findByLogin(input.login)) throw loginTaken(input.login);
      await tx.staff.insert({ id, login: input.login, displayName: input.displayName, role: input.role, unitId: input.unit, passwordHash, createdAt: at, email });
      const account = toAccount((await tx.staff.find(id))!);
      await tx.audit.append(this.audit.entry({ at, staffId: admin.id, action: 'staff.create', targetType: 'staff', targetId: id, unitId: input.unit, after: account }));
      return account;
    });
  }

  async update(admin: StaffPrincipal, id: string, patch: StaffAccountPatch, now = new Date()): Promise<StaffAccount> {
    requireAdmin(admin);
    const target = await this.store.staff.find(id);
    if (!target) throw new ProductError(ErrorCode.staffNotFound, `No staff account ${id}.`);
    if (!admin.scope.includes(target.unitId)) throw new ProductError(ErrorCode.outOfScope, `Account ${id} is outside your units.`);
    if (patch.unit !== undefined) requireUnitInScope(admin, patch.unit);
    if (patch.disabled === true && id === admin.id) {
      throw new ProductError(ErrorCode.cannotDisableSelf, 'You cannot disable your own account.');
    }
    if (patch.password !== undefined) checkPasswordLength(patch.password);
    const email = patch.email === undefined ? undefined : emailOf(patch.email);
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    const at = now.toISOString();
    const change: StaffUpdate = { displayName: patch.displayName, role: patch.role, unitId: patch.unit, passwordHash };
    if (patch.disabled !== undefined) change.disabledAt = patch.disabled ? (target.disabledAt ?? at) : null;
    return this.store.unit(async (tx) => {
      await tx.staff.update(id, change);
      if (email !== undefined) await tx.staff.updateEmail(id, email);
      // A disabled account or a new password ends every open session of the account.
      if (patch.disabled === true || passwordHash !== undefined) await this.sessions.closeAllOf(tx.staffSessions, id);
      const after = toAccount((await tx.staff.find(id))!);
      await tx.audit.append(this.audit.entry({
        at, staffId: admin.id, action: 'staff.update', targetType: 'staff', targetId: id, unitId: after.unit,
        before: toAccount(target), after: { ...after, passwordChanged: passwordHash !== undefined },
      }));
      return after;
    });
  }
}

function loginTaken(login: string): ProductError {
  return new ProductError(ErrorCode.loginTaken, `The login "${login}" is taken.`);
}
