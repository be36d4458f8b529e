import { ErrorCode } from '../../common/errors.js';
import type { StaffRole } from '../../common/staff.js';
import type { StaffRecord } from '../store/staff.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { ProductError } from '../../common/product-error.js';

/** The staff member behind a request: the account and the unit ids it may act on. */
export interface StaffPrincipal {
  id: string;
  login: string;
  displayName: string;
  role: StaffRole;
  unitId: string;
  /** The account's unit and every unit under it (UnitDirectory.scope). */
  scope: readonly string[];
  /** True when the scope is the whole country (the root unit). */
  national: boolean;
}

export function principalOf(units: UnitDirectory, staff: StaffRecord, rootUnitId: string): StaffPrincipal {
  return {
    id: staff.id, login: staff.login, displayName: staff.displayName, role: staff.role, unitId: staff.unitId,
    scope: units.scope(staff.unitId), national: staff.unitId === rootUnitId,
  };
}

/** 403 ADMIN_REQUIRED unless the staff member is an admin. */
export function requireAdmin(staff: StaffPrincipal): void {
  if (staff.role !== 'admin') throw new ProductError(ErrorCode.adminRequired, 'Only admins may do this.');
}

/** 403 OUT_OF_SCOPE for a unit outside the staff member's subtree (units are public, so saying so reveals nothing). */
export function requireUnitInScope(staff: StaffPrincipal, unitId: string): void {
  if (!staff.scope.includes(unitId)) {
    throw new ProductError(ErrorCode.outOfScope, `Unit "${unitId}" is outside your units.`);
  }
}

/**
 * 404 REPORT_NOT_FOUND for a report outside the subtree: the same answer as for a missing
 * one, so staff cannot learn what other units hold.
 */
export function requireReportInScope<T extends { unit: string }>(staff: Pick<StaffPrincipal, 'scope'>, id: string, report: T | undefined): T {
  if (!report || !staff.scope.includes(report.unit)) {
    throw new ProductError(ErrorCode.reportNotFound, `No report ${id} in your units.`);
  }
  return report;
}
