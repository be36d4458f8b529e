import type { AuditFilter, AuditInsert, AuditRow, AuditStore } from '../audit.js';
import { run, statement, type PgDb } from './pg-db.js';

// $1 unit ids, $2 national, $3 staff, $4 report, $5 action: SQLite's IN_SCOPE with arrays for json_each.
const IN_SCOPE = `(a.unit_id = ANY($1::text[]) OR (a.unit_id IS NULL AND $2::boolean))
  AND ($3::text IS NULL OR a.staff_id = $3)
  AND ($4::text IS NULL OR (a.target_type = 'report' AND a.target_id = $4))
  AND ($5::text IS NULL OR a.action = $5)`;

const INSERT = statement('audit_insert', `INSERT INTO audit_log (at, staff_id, action, target_type, target_id, unit_id, before, after)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`);
const PAGE = statement('audit_page', `SELECT a.seq, a.at, a.staff_id AS "staffId", s.display_name AS "staffName", a.action,
    a.target_type AS "targetType", a.target_id AS "targetId", a.unit_id AS "unitId", a.before, a.after
  FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
  WHERE ${IN_SCOPE} ORDER BY a.seq DESC LIMIT $6 OFFSET $7`);
const TOTAL = statement('audit_total', `SELECT count(*) AS n FROM audit_log a WHERE ${IN_SCOPE}`);

/** The append-only audit log (who, when, what, before/after) and its scoped reading. */
export class PgAudit implements AuditStore {
  constructor(private readonly db: PgDb) {}

  async append(entry: AuditInsert): Promise<void> {
    await run(this.db, INSERT, [
      entry.at, entry.staffId, entry.action, entry.targetType, entry.targetId, entry.unitId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ]);
  }

  /**
   * Newest first, entries of the given units; `national` adds the entries tied to no unit.
   * The count and the page are two statements, as in SQLite (outside a unit they may read
   * two snapshots; the console tolerates an entry appended in between).
   */
  async list(unitIds: readonly string[], national: boolean, limit: number, offset: number, filter: AuditFilter = {}): Promise<{ total: number; rows: AuditRow[] }> {
    const scope = [unitIds, national, filter.staffId ?? null, filter.reportId ?? null, filter.action ?? null];
    const [total, page] = await Promise.all([
      run<{ n: number }>(this.db, TOTAL, scope),
      run<AuditRow>(this.db, PAGE, [...scope, limit, offset]),
    ]);
    return { total: Number(total.rows[0]!.n), rows: page.rows.map((row) => ({ ...row, seq: Number(row.seq) })) };
  }
}
