import type { StaffInsert, StaffMailChoices, StaffRecord, StaffStore, StaffUpdate } from '../staff.js';
import { run, statement, type PgDb } from './pg-db.js';

const COLUMNS = `id, login, display_name AS "displayName", role, unit_id AS "unitId", created_at AS "createdAt",
  disabled_at AS "disabledAt", email, mail_lang AS "mailLang", notify_new_reports AS "notifyNewReports", notify_digest AS "notifyDigest"`;

// login is citext (SQLite's NOCASE): `login = $1` compares case-insensitively, and ORDER BY
// login sorts so, as long as neither side is cast to text.
const BY_ID = statement('staff_by_id', `SELECT ${COLUMNS} FROM staff WHERE id = $1`);
const BY_LOGIN = statement('staff_by_login', `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM staff WHERE login = $1`);
const IN_UNITS = statement('staff_in_units', `SELECT ${COLUMNS} FROM staff WHERE unit_id = ANY($1::text[]) ORDER BY login`);
const ALL = statement('staff_all', `SELECT ${COLUMNS} FROM staff ORDER BY login`);
const INSERT = statement('staff_insert', `INSERT INTO staff (id, login, display_name, role, unit_id, password_hash, created_at, email)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`);
const SET_EMAIL = statement('staff_set_email', 'UPDATE staff SET email = $1 WHERE id = $2');
const SET_MAIL = statement('staff_set_mail',
  'UPDATE staff SET email = $1, mail_lang = $2, notify_new_reports = $3, notify_digest = $4 WHERE id = $5');
const UPDATE = statement('staff_update', `UPDATE staff SET display_name = coalesce($1::text, display_name), role = coalesce($2::text, role),
    unit_id = coalesce($3::text, unit_id), password_hash = coalesce($4::text, password_hash),
    disabled_at = CASE WHEN $5::boolean THEN $6::text ELSE disabled_at END
  WHERE id = $7`);

type Row = Omit<StaffRecord, 'notifyNewReports' | 'notifyDigest'> & { notifyNewReports: number; notifyDigest: number };

/** The columns' 0/1 as booleans. */
function record<T extends Row>(row: T): Omit<T, 'notifyNewReports' | 'notifyDigest'> & StaffRecord {
  return { ...row, notifyNewReports: row.notifyNewReports === 1, notifyDigest: row.notifyDigest === 1 };
}

/** Staff accounts. */
export class PgStaff implements StaffStore {
  constructor(private readonly db: PgDb) {}

  async find(id: string): Promise<StaffRecord | undefined> {
    const row = (await run<Row>(this.db, BY_ID, [id])).rows[0];
    return row && record(row);
  }

  async findByLogin(login: string): Promise<(StaffRecord & { passwordHash: string }) | undefined> {
    const row = (await run<Row & { passwordHash: string }>(this.db, BY_LOGIN, [login])).rows[0];
    return row && record(row);
  }

  async listIn(unitIds: readonly string[]): Promise<StaffRecord[]> {
    return (await run<Row>(this.db, IN_UNITS, [unitIds])).rows.map((row) => record(row));
  }

  async listAll(): Promise<StaffRecord[]> {
    return (await run<Row>(this.db, ALL)).rows.map((row) => record(row));
  }

  async insert(staff: StaffInsert): Promise<void> {
    await run(this.db, INSERT, [
      staff.id, staff.login, staff.displayName, staff.role, staff.unitId, staff.passwordHash, staff.createdAt, staff.email ?? null,
    ]);
  }

  async updateEmail(id: string, email: string | null): Promise<void> {
    await run(this.db, SET_EMAIL, [email, id]);
  }

  async updateMail(id: string, choices: StaffMailChoices): Promise<void> {
    await run(this.db, SET_MAIL, [choices.email, choices.mailLang, choices.notifyNewReports ? 1 : 0, choices.notifyDigest ? 1 : 0, id]);
  }

  async update(id: string, change: StaffUpdate): Promise<void> {
    await run(this.db, UPDATE, [
      change.displayName ?? null, change.role ?? null, change.unitId ?? null, change.passwordHash ?? null,
      change.disabledAt !== undefined, change.disabledAt ?? null, id,
    ]);
  }
}
