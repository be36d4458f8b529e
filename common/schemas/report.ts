import { Type, type Static } from '@sinclair/typebox';
import { LANGS, REPORT_LIMITS, STATUSES, TIMES_OF_DAY, WEEKDAYS } from '../catalogue.js';
import { CategoryCodeSchema } from './category.js';
import { UnitRefSchema } from './unit.js';

/**
 * Public report id: 10 characters of Crockford base32 (0-9, A-Z without I, L, O, U), random,
 * so ids say nothing about how many reports exist and cannot be walked.
 */
export const ReportIdSchema = Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{10}$', description: 'e.g. 7K3M9Q2XWD' });

/** The private tracking token given once at creation: 32 random bytes, base64url (43 chars). */
export const TrackingTokenSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' });

export const StatusSchema = Type.Union(STATUSES.map((status) => Type.Literal(status)));

/** When a threat recurs: days of the week and times of day, each listed at most once. */
export const RecurrenceSchema = Type.Object(
  {
    days: Type.Optional(Type.Array(Type.Union(WEEKDAYS.map((day) => Type.Literal(day))), { uniqueItems: true })),
    times: Type.Optional(Type.Array(Type.Union(TIMES_OF_DAY.map((time) => Type.Literal(time))), { uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type Recurrence = Static<typeof RecurrenceSchema>;

/**
 * Body of POST /api/v1/reports (as JSON, or as the `report` field of a multipart request
 * whose `photo` parts carry up to 3 JPEG/PNG files, 5 MB together). Failures, each 4xx with
 * a code: INVALID_COORDINATES, OUTSIDE_POLAND, UNKNOWN_CATEGORY, DESCRIPTION_TOO_LONG,
 * INVALID_EVENT_TIME, EVENT_IN_FUTURE, INVALID_RECURRENCE, PHOTO_TYPE_NOT_ALLOWED,
 * PHOTOS_TOO_LARGE, TOO_MANY_PHOTOS, PHOTO_UNREADABLE, INVALID_MULTIPART, DEVICE_TOKEN_REQUIRED,
 * REPORT_LIMIT_REACHED (429, with `retryAt`), RATE_LIMITED (429), ORIGIN_NOT_ALLOWED (403),
 * CATEGORY_DISABLED and PHOTOS_DISABLED (422, the widget config of the point's unit),
 * INVALID_REQUEST (anything else malformed).
 */
export const NewReportSchema = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 longitude' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude' }),
  category: CategoryCodeSchema,
  /** Plain text for staff only; never returned by a public route. Counted in code points. */
  description: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.descriptionMaxLength })),
  /** When the threat was seen: ISO 8601 date-time with offset, not in the future. */
  eventAt: Type.Optional(Type.String({ format: 'date-time' })),
  recurrence: Type.Optional(RecurrenceSchema),
  /**
   * The citizen's address for status updates (400 INVALID_EMAIL when not an address): kept
   * apart from the report, never served by any API, deleted at the report's final status.
   */
  email: Type.Optional(Type.String({ maxLength: 254 })),
  /** The language of the update mails (the form's). */
  lang: Type.Optional(Type.Union(LANGS.map((l) => Type.Literal(l)))),
});
export type NewReport = Static<typeof NewReportSchema>;

/** 201 answer to POST /api/v1/reports. Keep `trackingToken`: it is not shown again. */
export const ReportCreatedSchema = Type.Object({
  id: ReportIdSchema,
  trackingToken: TrackingTokenSchema,
  status: Type.Literal('new'),
  /** The deepest unit responsible for the point, wherever the widget was embedded. */
  unit: UnitRefSchema,
  createdAt: Type.String({ format: 'date-time' }),
  /**
   * The private tracking link: this server's page `/r/:id#token=…` showing the report's status,
   * public history and unit on any device. Give it to the reporter only.
   */
  trackingUrl: Type.String({ format: 'uri' }),
});
export type ReportCreated = Static<typeof ReportCreatedSchema>;

/** GET /api/v1/reports/nearby query. */
export const NearbyQuerySchema = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  category: CategoryCodeSchema,
});
export type NearbyQuery = Static<typeof NearbyQuerySchema>;

/** An open report near a point, offered for "I see it too". */
export const NearbyReportSchema = Type.Object({
  id: ReportIdSchema,
  category: Type.String(),
  status: StatusSchema,
  createdAt: Type.String({ format: 'date-time' }),
  /** Metres from the query point, whole. */
  distance: Type.Integer(),
  confirmations: Type.Integer(),
});
export type NearbyReport = Static<typeof NearbyReportSchema>;

/** Open, publicly visible reports of the category within 250 m: at most 5, nearest first. */
export const NearbyReportsSchema = Type.Object({ reports: Type.Array(NearbyReportSchema) });
export type NearbyReports = Static<typeof NearbyReportsSchema>;

export const ReportParamsSchema = Type.Object({ id: Type.String({ maxLength: 64 }) });
export type ReportParams = Static<typeof ReportParamsSchema>;

/** 201 answer to POST /api/v1/reports/:id/confirmations: the new count. */
export const ConfirmationCreatedSchema = Type.Object({ id: ReportIdSchema, confirmations: Type.Integer() });
export type ConfirmationCreated = Static<typeof ConfirmationCreatedSchema>;

/**
 * GET /api/v1/reports/:id query: the tracking token (a malformed one is 400). The widget sends
 * it in the KMZB-Tracking-Token header instead, which stays out of access logs.
 */
export const ReportQuerySchema = Type.Object({ token: Type.Optional(TrackingTokenSchema) });
export type ReportQuery = Static<typeof ReportQuerySchema>;

/** One step of a report's history; only public notes are ever served. */
export const HistoryEntrySchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  status: StatusSchema,
  note: Type.Optional(Type.String()),
});
export type HistoryEntry = Static<typeof HistoryEntrySchema>;

/**
 * GET /api/v1/reports/:id. With the tracking token the reporter always sees their report;
 * without it the same fields are served only while the report is public (DESIGN.md
 * sections 4-5), otherwise 404 REPORT_NOT_FOUND. No description, no photos.
 */
export const ReportViewSchema = Type.Object({
  id: ReportIdSchema,
  category: Type.String(),
  status: StatusSchema,
  createdAt: Type.String({ format: 'date-time' }),
  /** Time of the last status change. */
  updatedAt: Type.String({ format: 'date-time' }),
  unit: UnitRefSchema,
  lon: Type.Number(),
  lat: Type.Number(),
  confirmations: Type.Integer(),
  /** Oldest first; the first entry is `new` at creation. */
  history: Type.Array(HistoryEntrySchema),
});
export type ReportView = Static<typeof ReportViewSchema>;
