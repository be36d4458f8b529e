// The audit log's part of the store port: appended inside the unit of the change it records.

export type AuditTargetType = 'report' | 'unit' | 'staff';

export interface AuditInsert {
  at: string;
  staffId: string | null;
  action: string;
  targetType: AuditTargetType;
  targetId: string | null;
  unitId: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRow {
  seq: number;
  at: string;
  staffId: string | null;
  staffName: string | null;
  action: string;
  targetType: AuditTargetType;
  targetId: string | null;
  unitId: string | null;
  before: string | null;
  after: string | null;
}

/** Narrowing of the log: by the staff account who acted, the report acted on, the action. */
export interface AuditFilter {
  staffId?: string | undefined;
  reportId?: string | undefined;
  action?: string | undefined;
}

/** The append-only audit log (who, when, what, before/after) and its scoped reading. */
export interface AuditStore {
  append(entry: AuditInsert): Promise<void>;
  /** A page of the entries of the units (and, when national, of no unit), newest first. */
  list(unitIds: readonly string[], national: boolean, limit: number, offset: number, filter?: AuditFilter): Promise<{ total: number; rows: AuditRow[] }>;
}
