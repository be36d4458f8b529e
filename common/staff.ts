/**
 * Staff constants shared by the server and the console: roles, the status moves of DESIGN.md
 * section 5, the police's service targets and the widget-config choices. Plain constants (no
 * TypeBox), so the console may import them at run time and offer only the allowed moves.
 */
import type { Source, Status } from './catalogue.js';

/** `officer` works the queue; `admin` also configures units and manages staff (DESIGN.md glossary). */
export const STAFF_ROLES = ['officer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Sources staff may enter reports from (citizens use the widget: `citizen`). */
export const STAFF_SOURCES = ['debate', 'contact', 'police'] as const satisfies readonly Source[];
export type StaffSource = (typeof STAFF_SOURCES)[number];

/**
 * Allowed status moves: new > verifying > confirmed | not_confirmed | prank; confirmed >
 * eliminated | forwarded; any > hidden (moderation); reopening (> verifying) from every
 * status a check has ended in, hidden included.
 */
export const STATUS_MOVES: Readonly<Record<Status, readonly Status[]>> = {
  new: ['verifying', 'hidden'],
  verifying: ['confirmed', 'not_confirmed', 'prank', 'hidden'],
  confirmed: ['eliminated', 'forwarded', 'verifying', 'hidden'],
  eliminated: ['verifying', 'hidden'],
  forwarded: ['verifying', 'hidden'],
  not_confirmed: ['verifying', 'hidden'],
  prank: ['verifying', 'hidden'],
  hidden: ['verifying'],
};

/** True when staff may move a report from one status to the other. */
export function isMoveAllowed(from: Status, to: Status): boolean {
  return STATUS_MOVES[from].includes(to);
}

/** Hiding is moderation: the reason must be written down as an internal note. */
export const STATUSES_NEEDING_REASON: readonly Status[] = ['hidden'];

/** Police service targets: read (taken up) within 2 days, verified within 5 (DESIGN.md section 5). */
export const SERVICE_TARGETS = { readWithinDays: 2, verifyWithinDays: 5 } as const;

/** A password set for a staff account must have at least this many characters. */
export const STAFF_PASSWORD_MIN_LENGTH = 12;

/** Widget config choices (DESIGN.md glossary: widget config). */
export const WIDGET_VIEWS = ['map', 'report', 'stats'] as const;
export type WidgetView = (typeof WIDGET_VIEWS)[number];
export const TIME_WINDOWS_DAYS = [7, 30, 90, 365] as const;
export type TimeWindowDays = (typeof TIME_WINDOWS_DAYS)[number];

/** `#rrggbb`, lowercase or uppercase. */
export const ACCENT_COLOR_PATTERN = '^#[0-9A-Fa-f]{6}$';
/** An embedding origin: scheme, host and optional port, nothing else (no path, no slash). */
export const ORIGIN_PATTERN = '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$';

/** The actions the audit log records (the console puts each into words and filters by them). */
export const AUDIT_ACTIONS = [
  'report.create', 'report.status', 'report.duplicate', 'unit.config', 'staff.create', 'staff.update',
  'crime_stats.import', 'login.success', 'login.failure', 'logout',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Open reports this close to a report are shown on its page as possible duplicates (metres; at most 20). */
export const NEARBY_DUPLICATE_METRES = 250;
export const NEARBY_DUPLICATE_MAX = 20;
