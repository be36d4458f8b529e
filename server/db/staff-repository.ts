import type { Database, Statement } from 'better-sqlite3';
import type { StaffRole } from '../../common/staff.js';

/** A staff account as stored (the password hash only leaves this file for verification). */
export interface StaffRecord {
  id: string;
  login: string;
  displayName: string;
  role: StaffRole;
  unitId: string;
  createdAt: string;
  disabledAt: string | null;
}

export interface StaffInsert {
  id: string;
  login: string;
  displayName: string;
  role: StaffRole;
  unitId: string;
  passwordHash: string;
  createdAt: string;
}

/** Fields an admin may change; undefined leaves a field alone. */
export interface StaffUpdate {
  displayName?: string | undefined;
  role?: StaffRole | undefined;
  unitId?: string | undefined;
  disabledAt?: string | null | undefined;
  passwordHash?: string | undefined;
}

const COLUMNS = `id, login, display_name AS displayName, role, unit_id AS unitId, created_at AS createdAt,
  disabled_at AS disabledAt`;

/** Staff accounts (all staff SQL). */
export class StaffRepository {
  private readonly byId: Statement<[string], StaffRecord>;
  private readonly byLogin: Statement<[string], StaffRecord & { passwordHash: string }>;
  private readonly inUnits: Statement<[string], StaffRecord>;
  private readonly all: Statement<[], StaffRecord>;
  private readonly insertRow: Statement<unknown[]>;
  private readonly updateRow: Statement<unknown[]>;

  constructor(db: Database) {
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM staff WHERE id = ?`);
    this.byLogin = db.prepare(`SELECT ${COLUMNS}, password_hash AS passwordHash FROM staff WHERE login = ?`);
    this.inUnits = db.prepare(
      `SELECT ${COLUMNS} FROM staff WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY login`,
    );
    this.all = db.prepare(`SELECT ${COLUMNS} FROM staff ORDER BY login`);
    this.insertRow = db.prepare(
      `INSERT INTO staff (id, login, display_name, role, unit_id, password_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateRow = db.prepare(
      `UPDATE staff SET display_name = coalesce(?, display_name), role = coalesce(?, role),
         unit_id = coalesce(?, unit_id), password_hash = coalesce(?, password_hash),
         disabled_at = CASE WHEN ? THEN ? ELSE disabled_at END
       WHERE id = ?`,
    );
  }

  find(id: string): StaffRecord | undefined {
    return this.byId.get(id);
  }

  /** By login, case-insensitively, with the password hash (for login and the command line). */
  findByLogin(login: string): (StaffRecord & { passwordHash: string }) | undefined {
    return this.byLogin.get(login);
  }

  /** Accounts whose unit is one of `unitIds` (an admin's subtree), by login. */
  listIn(unitIds: readonly string[]): StaffRecord[] {
    return this.inUnits.all(JSON.stringify(unitIds));
  }

  listAll(): StaffRecord[] {
    return this.all.all();
  }

  insert(staff: StaffInsert): void {
    this.insertRow.run(staff.id, staff.login, staff.displayName, staff.role, staff.unitId, staff.passwordHash, staff.createdAt);
  }

  update(id: string, change: StaffUpdate): void {
    const setDisabled = change.disabledAt !== undefined ? 1 : 0;
    this.updateRow.run(
      change.displayName ?? null, change.role ?? null, change.unitId ?? null, change.passwordHash ?? null,
      setDisabled, change.disabledAt ?? null, id,
    );
  }
}
