import type { AuditEntry } from '../../../../common/schemas/staff.js';
import { AUDIT_ACTIONS, type AuditAction } from '../../../../common/staff.js';
import { STATUSES, SOURCES, type Source, type Status } from '../../../../common/catalogue.js';
import type { ConsoleI18n } from '../i18n/index.js';

/** What the audit log's entries carry in `before`/`after` (each writer's own shape). */
type Fields = Record<string, unknown>;

/** Names the console knows for the things an entry points at. */
export interface AuditNames {
  unit: (id: string) => string;
  category: (code: string) => string;
}

const fields = (value: unknown): Fields => (value !== null && typeof value === 'object' ? (value as Fields) : {});
const isStatus = (value: unknown): value is Status => (STATUSES as readonly unknown[]).includes(value);
const isSource = (value: unknown): value is Source => (SOURCES as readonly unknown[]).includes(value);
export const isAuditAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);

/** Widget config fields (UnitConfigInput keys) by their label in the configurator. */
function configLabels(i18n: ConsoleI18n): Record<string, string> {
  const c = i18n.t.config;
  return {
    enabledCategories: c.categories, defaultView: c.defaultView, timeWindowDays: c.timeWindow, defaultLang: c.defaultLang,
    accentColor: c.accent, photosEnabled: c.photos, allowedOrigins: c.origins,
  };
}

/**
 * One audit entry as a sentence in the reader's language (the subject, who, is its own column):
 * "changed the status: New → Verifying". An action the console does not know yet is named by
 * its code, never shown as raw JSON.
 */
export function describeAudit(i18n: ConsoleI18n, entry: AuditEntry, names: AuditNames): string {
  const { t, w } = i18n;
  const a = t.auditLog;
  const before = fields(entry.before);
  const after = fields(entry.after);
  const status = (value: unknown) => (isStatus(value) ? w.statuses[value] : String(value ?? '–'));
  switch (entry.action) {
    case 'report.status':
      return a.statusChange(status(before.status), status(after.status));
    case 'report.duplicate':
      return a.duplicate(String(after.duplicateOf ?? ''));
    case 'report.create':
      return a.created(isSource(after.source) ? t.sources[after.source] : String(after.source ?? ''), names.category(String(after.category ?? '')));
    case 'unit.config': {
      const labels = configLabels(i18n);
      const changed = Object.keys(labels).filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
      return a.config(changed.map((key) => labels[key]).join(', ') || '–');
    }
    case 'staff.create':
      return a.staffCreated(String(after.login ?? ''), roleName(i18n, after.role), names.unit(String(after.unit ?? '')));
    case 'staff.update':
      return a.staffUpdated(String(after.login ?? before.login ?? ''), staffChanges(i18n, before, after, names).join('; ') || '–');
    case 'crime_stats.import':
      return a.imported(Number(after.inserted ?? 0), Number(after.updated ?? 0), Number(after.unchanged ?? 0));
    case 'login.failure': {
      const reason = after.reason;
      return reason === 'unknown_login' || reason === 'disabled' || reason === 'wrong_password' ? a.loginFailure[reason] : a.actions['login.failure'];
    }
    default:
      return isAuditAction(entry.action) ? a.actions[entry.action] : entry.action;
  }
}

function roleName(i18n: ConsoleI18n, role: unknown): string {
  return role === 'officer' || role === 'admin' ? i18n.t.staff.roles[role] : String(role ?? '');
}

/** What a staff.update changed: each field before → after, a new password, disabling. */
function staffChanges(i18n: ConsoleI18n, before: Fields, after: Fields, names: AuditNames): string[] {
  const { staff, staffSave, auditLog } = i18n.t;
  const out: string[] = [];
  if (before.displayName !== after.displayName) out.push(staffSave.change(staff.name, String(before.displayName), String(after.displayName)));
  if (before.role !== after.role) out.push(staffSave.change(staff.role, roleName(i18n, before.role), roleName(i18n, after.role)));
  if (before.unit !== after.unit) out.push(staffSave.change(staff.unit, names.unit(String(before.unit)), names.unit(String(after.unit))));
  if (before.disabled !== after.disabled) out.push(after.disabled ? auditLog.disabled : auditLog.enabled);
  if ('email' in after && (before.email ?? null) !== (after.email ?? null)) {
    out.push(staffSave.change(i18n.t.mail.email, String(before.email ?? '–'), String(after.email ?? '–')));
  }
  if ('newReports' in after && before.newReports !== after.newReports) out.push(`${i18n.t.mail.newReports}: ${after.newReports ? auditLog.enabled : auditLog.disabled}`);
  if ('digest' in after && before.digest !== after.digest) out.push(`${i18n.t.mail.digest}: ${after.digest ? auditLog.enabled : auditLog.disabled}`);
  if (after.passwordChanged === true) out.push(auditLog.passwordChanged);
  return out;
}

/** The entry's target in words: "report 7K3M9Q2XWD", "account jan", "unit KPP Myślenice". */
export function auditTarget(i18n: ConsoleI18n, entry: AuditEntry, names: AuditNames): string {
  const a = i18n.t.auditLog;
  const after = fields(entry.after);
  const before = fields(entry.before);
  if (entry.targetType === 'report') return a.reportTarget(entry.targetId ?? '');
  if (entry.targetType === 'unit') return a.unitTarget(names.unit(entry.targetId ?? ''));
  const login = after.login ?? before.login;
  return login ? a.accountTarget(String(login)) : entry.staff && entry.staff.id === entry.targetId ? entry.staff.displayName : a.accountTarget(entry.targetId ?? '–');
}
