import type { AuditEntry, AuditPage } from '../../common/schemas/staff.js';
import type { AuditFilter, AuditInsert, AuditStore } from '../store/audit.js';
import type { StaffPrincipal } from './scope.js';

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log: every change staff make and every login attempt. Writers append `entry(…)`
 * through the unit of the change (`tx.audit.append`), so a change without its entry cannot exist.
 */
export class Audit {
  constructor(private readonly repository: Pick<AuditStore, 'list'>) {}

  /** The entry as stored, for a unit of work to append (`tx.audit.append`) with its change. */
  entry(entry: Omit<AuditInsert, 'at'> & { at?: string | undefined }): AuditInsert {
    return { ...entry, at: entry.at ?? new Date().toISOString() };
  }

  /** A page of the entries of the admin's subtree, newest first, narrowed by `filter`. */
  async page(staff: StaffPrincipal, page: number, filter: AuditFilter = {}): Promise<AuditPage> {
    const { total, rows } = await this.repository.list(staff.scope, staff.national, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE, filter);
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
