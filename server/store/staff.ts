import type { Lang } from '../../common/catalogue.js';
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
  /** Where notifications go (null: none), in which language, and which ones. */
  email: string | null;
  mailLang: Lang;
  notifyNewReports: boolean;
  notifyDigest: boolean;
}

/** An account's own notification choices. */
export interface StaffMailChoices {
  email: string | null;
  mailLang: Lang;
  notifyNewReports: boolean;
  notifyDigest: boolean;
}

export interface StaffInsert {
  id: string;
  login: string;
  displayName: string;
  role: StaffRole;
  unitId: string;
  passwordHash: string;
  createdAt: string;
  email?: string | null | undefined;
}

/** Fields an admin may change; undefined leaves a field alone. */
export interface StaffUpdate {
  displayName?: string | undefined;
  role?: StaffRole | undefined;
  unitId?: string | undefined;
  disabledAt?: string | null | undefined;
  passwordHash?: string | undefined;
}

/** Staff accounts: the store port's part for them. */
export interface StaffStore {
  find(id: string): Promise<StaffRecord | undefined>;
  /** By login, case-insensitively, with the password hash (for login and the command line). */
  findByLogin(login: string): Promise<(StaffRecord & { passwordHash: string }) | undefined>;
  /** Accounts whose unit is one of `unitIds` (an admin's subtree), by login. */
  listIn(unitIds: readonly string[]): Promise<StaffRecord[]>;
  listAll(): Promise<StaffRecord[]>;
  insert(staff: StaffInsert): Promise<void>;
  /** Sets or (null) removes the account's address. */
  updateEmail(id: string, email: string | null): Promise<void>;
  /** The account's own notification choices. */
  updateMail(id: string, choices: StaffMailChoices): Promise<void>;
  update(id: string, change: StaffUpdate): Promise<void>;
}
