import type { AuditEntry, AuditPage } from '../../common/schemas/staff.js';
import type { AuditFilter, AuditInsert, AuditRepository } from '../db/audit-repository.js';
import type { StaffPrincipal } from './scope.js';

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log: every change staff make and every login attempt. Writers call `record`
 * inside the same transaction as the change, so a change without its entry cannot exist.
 */
export class Audit {
  constructor(private readonly repository: AuditRepository) {}

  record(entry: Omit<AuditInsert, 'at'> & { at?: string | undefined }): void {
    this.repository.append(this.entry(entry));
  }

  /** The entry as stored, for a unit of work to append (`tx.audit.append`) with its change. */
  entry(entry: Omit<AuditInsert, 'at'> & { at?: string | undefined }): AuditInsert {
    return { ...entry, at: entry.at ?? new Date().toISOString() };
  }

  /** A page of the entries of the admin's subtree, newest first, narrowed by `filter`. */
  page(staff: StaffPrincipal, page: number, filter: AuditFilter = {}): AuditPage {
    const { total, rows } = this.repository.list(staff.scope, staff.national, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE, filter);
    const entries: AuditEntry[] = rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      staff: row.staffId === null ? null : { id: row.staffId, displayName: row.staffName ?? '' },
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      unit: row.unitId,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
    }));
    return { total, page, pageSize: AUDIT_PAGE_SIZE, entries };
  }
}
