import type { Database, Statement } from 'better-sqlite3';
import type { AuditFilter, AuditInsert, AuditRow, AuditStore } from '../store/audit.js';
import type { Sync } from '../store/sync.js';

export type { AuditFilter, AuditInsert, AuditRow, AuditTargetType } from '../store/audit.js';

interface ScopeParams {
  units: string;
  national: number;
  staff: string | null;
  report: string | null;
  action: string | null;
}

const IN_SCOPE = `(a.unit_id IN (SELECT value FROM json_each(@units)) OR (a.unit_id IS NULL AND @national = 1))
  AND (@staff IS NULL OR a.staff_id = @staff)
  AND (@report IS NULL OR (a.target_type = 'report' AND a.target_id = @report))
  AND (@action IS NULL OR a.action = @action)`;

/** The append-only audit log (who, when, what, before/after) and its scoped reading. */
export class AuditRepository implements Sync<AuditStore> {
  private readonly insertRow: Statement<unknown[]>;
  private readonly page: Statement<[ScopeParams & { limit: number; offset: number }], AuditRow>;
  private readonly total: Statement<[ScopeParams], number>;

  constructor(db: Database) {
    this.insertRow = db.prepare(
      `INSERT INTO audit_log (at, staff_id, action, target_type, target_id, unit_id, before, after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.page = db.prepare(
      `SELECT a.seq, a.at, a.staff_id AS staffId, s.display_name AS staffName, a.action, a.target_type AS targetType,
         a.target_id AS targetId, a.unit_id AS unitId, a.before, a.after
       FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
       WHERE ${IN_SCOPE} ORDER BY a.seq DESC LIMIT @limit OFFSET @offset`,
    );
    this.total = db.prepare(`SELECT count(*) FROM audit_log a WHERE ${IN_SCOPE}`).pluck() as Statement<[ScopeParams], number>;
  }

  append(entry: AuditInsert): void {
    this.insertRow.run(
      entry.at, entry.staffId, entry.action, entry.targetType, entry.targetId, entry.unitId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    );
  }

  /**
   * Newest first, entries of the given units; `national` adds the entries tied to no unit
   * (failed logins to unknown accounts), which only admins of the whole country see.
   */
  list(unitIds: readonly string[], national: boolean, limit: number, offset: number, filter: AuditFilter = {}): { total: number; rows: AuditRow[] } {
    const scope: ScopeParams = {
      units: JSON.stringify(unitIds), national: national ? 1 : 0,
      staff: filter.staffId ?? null, report: filter.reportId ?? null, action: filter.action ?? null,
    };
    return { total: this.total.get(scope)!, rows: this.page.all({ ...scope, limit, offset }) };
  }
}
