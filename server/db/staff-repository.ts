import type { Database, Statement } from 'better-sqlite3';
import type { StaffInsert, StaffMailChoices, StaffRecord, StaffStore, StaffUpdate } from '../store/staff.js';
import type { Sync } from '../store/sync.js';

export type { StaffInsert, StaffMailChoices, StaffRecord, StaffUpdate } from '../store/staff.js';

const COLUMNS = `id, login, display_name AS displayName, role, unit_id AS unitId, created_at AS createdAt,
  disabled_at AS disabledAt, email, mail_lang AS mailLang, notify_new_reports AS notifyNewReports, notify_digest AS notifyDigest`;

type Row = Omit<StaffRecord, 'notifyNewReports' | 'notifyDigest'> & { notifyNewReports: number; notifyDigest: number };
/** SQLite's 0/1 as booleans. */
function record<T extends Row>(row: T): Omit<T, 'notifyNewReports' | 'notifyDigest'> & StaffRecord {
  return { ...row, notifyNewReports: row.notifyNewReports === 1, notifyDigest: row.notifyDigest === 1 };
}

/** Staff accounts (all staff SQL). */
export class StaffRepository implements Sync<StaffStore> {
  private readonly byId: Statement<[string], Row>;
  private readonly byLogin: Statement<[string], Row & { passwordHash: string }>;
  private readonly inUnits: Statement<[string], Row>;
  private readonly all: Statement<[], Row>;
  private readonly insertRow: Statement<unknown[]>;
  private readonly updateRow: Statement<unknown[]>;
  private readonly setEmail: Statement<[string | null, string]>;
  private readonly setMail: Statement<[string | null, string, number, number, string]>;

  constructor(db: Database) {
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM staff WHERE id = ?`);
    this.byLogin = db.prepare(`SELECT ${COLUMNS}, password_hash AS passwordHash FROM staff WHERE login = ?`);
    this.inUnits = db.prepare(
      `SELECT ${COLUMNS} FROM staff WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY login`,
    );
    this.all = db.prepare(`SELECT ${COLUMNS} FROM staff ORDER BY login`);
    this.insertRow = db.prepare(
      `INSERT INTO staff (id, login, display_name, role, unit_id, password_hash, created_at, email)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.setEmail = db.prepare('UPDATE staff SET email = ? WHERE id = ?');
    this.setMail = db.prepare('UPDATE staff SET email = ?, mail_lang = ?, notify_new_reports = ?, notify_digest = ? WHERE id = ?');
    this.updateRow = db.prepare(
      `UPDATE staff SET display_name = coalesce(?, display_name), role = coalesce(?, role),
         unit_id = coalesce(?, unit_id), password_hash = coalesce(?, password_hash),
         disabled_at = CASE WHEN ? THEN ? ELSE disabled_at END
       WHERE id = ?`,
    );
  }

  find(id: string): StaffRecord | undefined {
    const row = this.byId.get(id);
    return row && record(row);
  }

  /** By login, case-insensitively, with the password hash (for login and the command line). */
  findByLogin(login: string): (StaffRecord & { passwordHash: string }) | undefined {
    const row = this.byLogin.get(login);
    return row && record(row);
  }

  /** Accounts whose unit is one of `unitIds` (an admin's subtree), by login. */
  listIn(unitIds: readonly string[]): StaffRecord[] {
    return this.inUnits.all(JSON.stringify(unitIds)).map((row) => record(row));
  }

  listAll(): StaffRecord[] {
    return this.all.all().map((row) => record(row));
  }

  insert(staff: StaffInsert): void {
    this.insertRow.run(staff.id, staff.login, staff.displayName, staff.role, staff.unitId, staff.passwordHash, staff.createdAt, staff.email ?? null);
  }

  /** Sets or (null) removes the account's address. */
  updateEmail(id: string, email: string | null): void {
    this.setEmail.run(email, id);
  }

  /** The account's own notification choices. */
  updateMail(id: string, choices: StaffMailChoices): void {
    this.setMail.run(choices.email, choices.mailLang, choices.notifyNewReports ? 1 : 0, choices.notifyDigest ? 1 : 0, id);
  }

  update(id: string, change: StaffUpdate): void {
    const setDisabled = change.disabledAt !== undefined ? 1 : 0;
    this.updateRow.run(
      change.displayName ?? null, change.role ?? null, change.unitId ?? null, change.passwordHash ?? null,
      setDisabled, change.disabledAt ?? null, id,
    );
  }
}
