import { Type, type Static } from '@sinclair/typebox';
import { LANGS, SOURCES } from '../catalogue.js';
import { STAFF_ROLES, STAFF_SOURCES, TIME_WINDOWS_DAYS, WIDGET_VIEWS } from '../staff.js';
import { CategoryCodeSchema } from './category.js';
import { ReportIdSchema, RecurrenceSchema, StatusSchema } from './report.js';
import { UnitIdSchema, UnitRefSchema } from './unit.js';
import { WidgetConfigSchema } from './widget-config.js';

/**
 * The staff API (/api/v1/staff/..., same origin, session cookie). Every failure is an
 * ErrorBody with a code; see common/errors.ts for SESSION_REQUIRED, CSRF_REJECTED,
 * ADMIN_REQUIRED, OUT_OF_SCOPE, STALE_REPORT, TRANSITION_NOT_ALLOWED and the others.
 */
const literals = <T extends string | number>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
// Null first: Fastify's Ajv coerces types ('array' mode), and tried first, an array branch
// would turn null into [""] before the null branch is reached.
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([Type.Null(), schema]);
const Note = Type.String({ minLength: 1, maxLength: 1000 });
const Time = Type.String({ format: 'date-time' });

export const StaffRoleSchema = literals(STAFF_ROLES);
export const StaffIdSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' });
/** Logins: 2-64 of a-z, 0-9, dot, underscore, hyphen (compared case-insensitively). */
export const StaffLoginSchema = Type.String({ pattern: '^[A-Za-z0-9._-]{2,64}$' });

/** POST /api/v1/staff/session. 401 INVALID_CREDENTIALS, 429 LOGIN_LOCKED (with retryAt). */
export const LoginBodySchema = Type.Object({
  login: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});
export type LoginBody = Static<typeof LoginBodySchema>;

/** GET /api/v1/staff/me, and the answer to a login. */
export const StaffMeSchema = Type.Object({
  id: StaffIdSchema,
  login: Type.String(),
  displayName: Type.String(),
  role: StaffRoleSchema,
  unit: UnitRefSchema,
  /** In the login answer: when the session ends at the latest (sooner after 8 h unused). */
  sessionExpiresAt: Type.Optional(Time),
});
export type StaffMe = Static<typeof StaffMeSchema>;

/** GET /api/v1/staff/reports query. `unit` narrows to that unit's subtree (403 OUT_OF_SCOPE outside). */
export const QueueQuerySchema = Type.Object({
  status: Type.Optional(StatusSchema),
  category: Type.Optional(CategoryCodeSchema),
  unit: Type.Optional(UnitIdSchema),
  source: Type.Optional(literals(SOURCES)),
  since: Type.Optional(Time),
  until: Type.Optional(Time),
  /** true: only overdue reports. */
  overdue: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type QueueQuery = Static<typeof QueueQuerySchema>;

/** One row of the queue; overdue rows come first. */
export const QueueRowSchema = Type.Object({
  id: ReportIdSchema,
  category: Type.String(),
  status: StatusSchema,
  unit: UnitIdSchema,
  source: literals(SOURCES),
  createdAt: Time,
  updatedAt: Time,
  confirmations: Type.Integer(),
  /** Still `new` more than 2 days after creation (the read target). */
  overdueRead: Type.Boolean(),
  /** Still `new` or `verifying` more than 5 days after creation (the verification target). */
  overdueVerify: Type.Boolean(),
  lon: Type.Number(),
  lat: Type.Number(),
  version: Type.Integer(),
});
export type QueueRow = Static<typeof QueueRowSchema>;

export const QueueSchema = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  reports: Type.Array(QueueRowSchema),
});
export type Queue = Static<typeof QueueSchema>;

/** A history entry as staff see it: internal note and the staff member who made the change. */
export const StaffHistoryEntrySchema = Type.Object({
  at: Time,
  status: StatusSchema,
  publicNote: Type.Optional(Type.String()),
  internalNote: Type.Optional(Type.String()),
  staff: Type.Optional(Type.Object({ id: StaffIdSchema, displayName: Type.String() })),
});

/** GET /api/v1/staff/reports/:id: a report in full. */
export const StaffReportSchema = Type.Object({
  ...Type.Omit(QueueRowSchema, ['unit']).properties,
  unit: UnitRefSchema,
  description: Type.Optional(Type.String()),
  eventAt: Type.Optional(Time),
  recurrence: Type.Optional(RecurrenceSchema),
  /** Photos, fetched one by one at /api/v1/staff/reports/:id/photos/:n. */
  photos: Type.Array(Type.Object({ n: Type.Integer(), mime: Type.String(), bytes: Type.Integer() })),
  history: Type.Array(StaffHistoryEntrySchema),
  duplicateOf: nullable(ReportIdSchema),
  /** The statuses this report may move to now (STATUS_MOVES). */
  allowedMoves: Type.Array(StatusSchema),
  /** When each "I see it too" came, oldest first (the count is `confirmations`). */
  confirmedAt: Type.Optional(Type.Array(Time)),
  /**
   * How the place was routed: the powiat (and voivodeship) it lies in, and `snappedMetres` > 0
   * when it lay outside every powiat (a border, the coast) and went to the nearest one.
   */
  routing: Type.Optional(Type.Object({
    powiat: Type.Object({ teryt: Type.String(), name: Type.String() }),
    voivodeship: Type.Object({ teryt: Type.String(), name: Type.String() }),
    snappedMetres: Type.Integer({ minimum: 0 }),
  })),
  /** The reporter asked for e-mail updates of the status (their address is never shown to staff). */
  reporterWantsUpdates: Type.Optional(Type.Boolean()),
  /** Other open reports within NEARBY_DUPLICATE_METRES in the staff member's units: possible duplicates, nearest first. */
  nearby: Type.Optional(Type.Array(Type.Object({
    id: ReportIdSchema, category: Type.String(), status: StatusSchema, lon: Type.Number(), lat: Type.Number(),
    createdAt: Time, distance: Type.Integer(),
  }))),
});
export type StaffReport = Static<typeof StaffReportSchema>;

export const StaffReportParamsSchema = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const PhotoParamsSchema = Type.Object({ id: Type.String({ maxLength: 64 }), n: Type.Integer({ minimum: 1, maximum: 3 }) });

/**
 * POST /api/v1/staff/reports/:id/status. `version` is the one the client read: 409
 * STALE_REPORT if it changed since, 409 TRANSITION_NOT_ALLOWED for a move outside
 * STATUS_MOVES, 400 REASON_REQUIRED when hiding without an internal note.
 */
export const StatusChangeSchema = Type.Object({
  status: StatusSchema,
  publicNote: Type.Optional(Note),
  internalNote: Type.Optional(Note),
  version: Type.Integer({ minimum: 1 }),
});
export type StatusChange = Static<typeof StatusChangeSchema>;

/** Most reports one bulk status change may carry. */
export const BULK_STATUS_MAX = 100;

/**
 * POST /api/v1/staff/reports/bulk-status: the same status and notes for several reports, each
 * with the version the client read. Each report is checked and changed on its own, exactly as a
 * single change (scope, STATUS_MOVES, version; audited per report), so one refusal does not stop
 * the others; 400 REASON_REQUIRED (hiding without an internal note) refuses the whole request.
 */
export const BulkStatusChangeSchema = Type.Object({
  reports: Type.Array(Type.Object({ id: Type.String({ maxLength: 64 }), version: Type.Integer({ minimum: 1 }) }), { minItems: 1, maxItems: BULK_STATUS_MAX }),
  status: StatusSchema,
  publicNote: Type.Optional(Note),
  internalNote: Type.Optional(Note),
});
export type BulkStatusChange = Static<typeof BulkStatusChangeSchema>;

/** One report's outcome in a bulk change: its new state, or the refusal's code and message. */
export const BulkStatusOutcomeSchema = Type.Object({
  id: Type.String(),
  changed: Type.Boolean(),
  status: Type.Optional(StatusSchema),
  version: Type.Optional(Type.Integer()),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
});
export const BulkStatusResultSchema = Type.Object({
  changed: Type.Integer(),
  refused: Type.Integer(),
  results: Type.Array(BulkStatusOutcomeSchema),
});
export type BulkStatusResult = Static<typeof BulkStatusResultSchema>;

/** POST /api/v1/staff/reports/:id/duplicate-of: hide this report as a duplicate of `original`. */
export const DuplicateOfSchema = Type.Object({
  original: ReportIdSchema,
  version: Type.Integer({ minimum: 1 }),
  publicNote: Type.Optional(Note),
});
export type DuplicateOf = Static<typeof DuplicateOfSchema>;

/** Answer to a status change or duplicate link: the report's new state. */
export const ReportChangedSchema = Type.Object({ id: ReportIdSchema, status: StatusSchema, version: Type.Integer(), updatedAt: Time });
export type ReportChanged = Static<typeof ReportChangedSchema>;

/**
 * POST /api/v1/staff/reports: a report from a debate, a direct contact or a police
 * observation; validated like a citizen's report (same codes), routed to the unit of the
 * point (403 OUT_OF_SCOPE outside the staff member's subtree), no daily rule.
 */
export const StaffNewReportSchema = Type.Object({
  source: literals(STAFF_SOURCES),
  lon: Type.Number(),
  lat: Type.Number(),
  category: Type.String({ maxLength: 64 }),
  description: Type.Optional(Type.String()),
  eventAt: Type.Optional(Type.String()),
  recurrence: Type.Optional(Type.Unknown()),
});
export type StaffNewReport = Static<typeof StaffNewReportSchema>;

export const StaffReportCreatedSchema = Type.Object({
  id: ReportIdSchema, status: Type.Literal('new'), unit: UnitRefSchema, createdAt: Time, version: Type.Integer(),
});
export type StaffReportCreated = Static<typeof StaffReportCreatedSchema>;

/** A unit's own widget settings: null (or absent in a PUT) inherits from the parent unit. */
export const UnitConfigFieldsSchema = Type.Object({
  /** Category codes shown in this unit's widget (UNKNOWN_CATEGORY for a code not in the 24). */
  enabledCategories: Type.Optional(nullable(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100, uniqueItems: true }))),
  defaultView: Type.Optional(nullable(literals(WIDGET_VIEWS))),
  timeWindowDays: Type.Optional(nullable(literals(TIME_WINDOWS_DAYS))),
  defaultLang: Type.Optional(nullable(literals(LANGS))),
  /** #rrggbb (INVALID_COLOR otherwise). */
  accentColor: Type.Optional(nullable(Type.String({ maxLength: 32 }))),
  /**
   * One type list, not a union: Ajv's coercion would turn `false` into null (inherit) in a
   * union's null branch, or null into false in a boolean branch; with a list it coerces only a
   * value that matches neither.
   */
  photosEnabled: Type.Optional(Type.Unsafe<boolean | null>({ type: ['boolean', 'null'] })),
  /** Pages allowed to send reports: https://host[:port] (INVALID_ORIGIN otherwise). */
  allowedOrigins: Type.Optional(nullable(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50, uniqueItems: true }))),
});
export type UnitConfigInput = Static<typeof UnitConfigFieldsSchema>;

/**
 * The effective config as staff see it: the public WidgetConfig plus the embedding origins,
 * each field from the nearest unit up the chain that sets it, else the national default.
 * allowedOrigins null: no unit in the chain restricts origins, every page may send reports.
 */
export const EffectiveUnitConfigSchema = Type.Object({
  ...WidgetConfigSchema.properties,
  /** Never null here: the configurator shows the language the unit would get (the national default included). */
  defaultLang: literals(LANGS),
  allowedOrigins: nullable(Type.Array(Type.String())),
});
export type EffectiveUnitConfig = Static<typeof EffectiveUnitConfigSchema>;

/**
 * GET/PUT /api/v1/staff/units/:id/config (admins in scope): own fields, the effective result,
 * and what the unit would get with no own settings (`inherited`: the parent's effective config,
 * or the national defaults for the root), which the configurator shows as "inherited: …".
 */
export const StaffUnitConfigSchema = Type.Object({
  unit: UnitIdSchema,
  own: Type.Object(Type.Required(UnitConfigFieldsSchema).properties),
  effective: EffectiveUnitConfigSchema,
  inherited: EffectiveUnitConfigSchema,
});
export type StaffUnitConfig = Static<typeof StaffUnitConfigSchema>;

export const UnitParamsSchema = Type.Object({ id: UnitIdSchema });

/** A staff account as admins see it (never the password hash). */
export const StaffAccountSchema = Type.Object({
  id: StaffIdSchema,
  login: Type.String(),
  displayName: Type.String(),
  role: StaffRoleSchema,
  unit: UnitIdSchema,
  createdAt: Time,
  disabled: Type.Boolean(),
  /** Where the account's notifications go (null: none set). */
  email: Type.Optional(nullable(Type.String())),
});
export type StaffAccount = Static<typeof StaffAccountSchema>;
export const StaffAccountListSchema = Type.Object({ accounts: Type.Array(StaffAccountSchema) });

const Password = Type.String({ maxLength: 1024 });
const DisplayName = Type.String({ minLength: 1, maxLength: 120 });

/** POST /api/v1/staff/accounts. 409 LOGIN_TAKEN, 400 PASSWORD_TOO_SHORT, 403 OUT_OF_SCOPE. */
export const NewStaffAccountSchema = Type.Object({
  login: StaffLoginSchema,
  displayName: DisplayName,
  role: StaffRoleSchema,
  unit: UnitIdSchema,
  /** At least STAFF_PASSWORD_MIN_LENGTH characters. */
  password: Password,
  /** For notifications; 400 INVALID_EMAIL when not an address; empty: none. */
  email: Type.Optional(Type.String({ maxLength: 300 })),
});
export type NewStaffAccount = Static<typeof NewStaffAccountSchema>;

/** PATCH /api/v1/staff/accounts/:id. 409 CANNOT_DISABLE_SELF; disabling ends the account's sessions. */
export const StaffAccountPatchSchema = Type.Object({
  displayName: Type.Optional(DisplayName),
  role: Type.Optional(StaffRoleSchema),
  unit: Type.Optional(UnitIdSchema),
  disabled: Type.Optional(Type.Boolean()),
  password: Type.Optional(Password),
  /** A new address; null or empty removes it (400 INVALID_EMAIL when not an address). */
  email: Type.Optional(nullable(Type.String({ maxLength: 300 }))),
});
export type StaffAccountPatch = Static<typeof StaffAccountPatchSchema>;
export const StaffAccountParamsSchema = Type.Object({ id: StaffIdSchema });

export const AuditQuerySchema = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  /** Only what this staff account did. */
  staff: Type.Optional(StaffIdSchema),
  /** Only entries about this report. */
  report: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,64}$' })),
  /** Only this action (`report.status`, `staff.update`, …: AUDIT_ACTIONS). */
  action: Type.Optional(Type.String({ pattern: '^[a-z_.]{1,64}$' })),
});
export type AuditQuery = Static<typeof AuditQuerySchema>;

/** One audit entry: who did what to which target, with the state before and after. */
export const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  at: Time,
  staff: nullable(Type.Object({ id: StaffIdSchema, displayName: Type.String() })),
  action: Type.String(),
  targetType: literals(['report', 'unit', 'staff'] as const),
  targetId: nullable(Type.String()),
  unit: nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;
export const AuditPageSchema = Type.Object({
  total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), entries: Type.Array(AuditEntrySchema),
});
export type AuditPage = Static<typeof AuditPageSchema>;


/**
 * GET/PUT /api/v1/staff/me/notifications: the signed-in account's own e-mail choices. `email`
 * null: none (choices are kept but nothing is sent). `mailConfigured` false: the server has no
 * SMTP settings (KMZB_SMTP_URL, KMZB_MAIL_FROM) and sends no mail at all.
 */
export const StaffNotificationsSchema = Type.Object({
  email: nullable(Type.String()),
  lang: literals(LANGS),
  /** An e-mail for each new report in the account's units. */
  newReports: Type.Boolean(),
  /** A daily digest of the reports near or past the read/verify deadlines. */
  digest: Type.Boolean(),
  mailConfigured: Type.Boolean(),
});
export type StaffNotifications = Static<typeof StaffNotificationsSchema>;
export const StaffNotificationsInputSchema = Type.Object({
  email: Type.Optional(nullable(Type.String({ maxLength: 300 }))),
  lang: Type.Optional(literals(LANGS)),
  newReports: Type.Optional(Type.Boolean()),
  digest: Type.Optional(Type.Boolean()),
});
export type StaffNotificationsInput = Static<typeof StaffNotificationsInputSchema>;

/**
 * GET /api/v1/staff/mail (admins): whether mail is configured, and the deliveries of the last
 * 7 days that failed (still retrying, or given up), for the admin's units. A citizen's address
 * is never shown (`recipient` null: "the reporter").
 */
export const MailStatusSchema = Type.Object({
  configured: Type.Boolean(),
  problems: Type.Array(Type.Object({
    id: Type.Integer(),
    kind: Type.String(),
    recipient: nullable(Type.String()),
    subject: Type.String(),
    attempts: Type.Integer(),
    lastError: nullable(Type.String()),
    nextAttemptAt: nullable(Time),
    failedAt: nullable(Time),
  })),
});
export type MailStatus = Static<typeof MailStatusSchema>;
