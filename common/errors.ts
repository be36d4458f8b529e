/**
 * Stable error codes of the API. The server sends them in every 4xx/5xx body (`code`);
 * the widget turns them into words in the user's language. Never rename a code: clients
 * depend on it. Plain constants (no TypeBox) so the widget may import them at run time.
 * The HTTP status of each is given in brackets.
 */
export const ErrorCode = {
  /** [400] A query string, body or path parameter failed schema validation. */
  invalidRequest: 'INVALID_REQUEST',
  /** [400] lon/lat missing, not numbers, or outside the WGS84 range. */
  invalidCoordinates: 'INVALID_COORDINATES',
  /** [422] The point is farther than the snapping distance from every powiat of Poland. */
  outsidePoland: 'OUTSIDE_POLAND',
  /** [404] No unit has the requested id. */
  unitNotFound: 'UNIT_NOT_FOUND',
  /** [404] No route matches the method and path. */
  routeNotFound: 'ROUTE_NOT_FOUND',
  /** [429] Too many requests in the rate-limit window (general throttling, per IP and minute). */
  rateLimited: 'RATE_LIMITED',
  /**
   * The category code is not in the catalogue (GET /api/v1/categories): [422] for a report
   * or a duplicate search, [400] in the `categories` filter of the report map (a bad filter).
   */
  unknownCategory: 'UNKNOWN_CATEGORY',
  /** [400] A `statuses` filter names a status that does not exist (see STATUSES). */
  unknownStatus: 'UNKNOWN_STATUS',
  /** [400] bbox is not four numbers minLon,minLat,maxLon,maxLat within WGS84 with min <= max. */
  invalidBbox: 'INVALID_BBOX',
  /** [400] since/until is not an ISO 8601 date or date-time with a zone, or since is after until. */
  invalidPeriod: 'INVALID_PERIOD',
  /** [400] The description is longer than 500 characters (Unicode code points). */
  descriptionTooLong: 'DESCRIPTION_TOO_LONG',
  /** [400] eventAt is not an ISO 8601 date-time with a time zone (e.g. 2025-05-01T18:30:00Z). */
  invalidEventTime: 'INVALID_EVENT_TIME',
  /** [422] eventAt lies in the future (more than 5 minutes of clock skew). */
  eventInFuture: 'EVENT_IN_FUTURE',
  /** [400] recurrence is not `{ days?: Weekday[], times?: TimeOfDay[] }` without repeats. */
  invalidRecurrence: 'INVALID_RECURRENCE',
  /** [415] A photo is not a JPEG or PNG by its content (whatever its name or declared type). */
  photoTypeNotAllowed: 'PHOTO_TYPE_NOT_ALLOWED',
  /** [413] The photos are larger than 5 MB together. */
  photosTooLarge: 'PHOTOS_TOO_LARGE',
  /** [400] More than 3 photos. */
  tooManyPhotos: 'TOO_MANY_PHOTOS',
  /**
   * [422] A photo starts like a JPEG or PNG but does not decode: damaged, cut short, or
   * larger than 50 megapixels.
   */
  photoUnreadable: 'PHOTO_UNREADABLE',
  /**
   * [400] A multipart/form-data body that cannot be read: no boundary, cut short, a file
   * field other than `photo`, too many parts or fields; [413] a field over 16 KiB.
   */
  invalidMultipart: 'INVALID_MULTIPART',
  /** [400] The KMZB-Device header is missing or not 16-128 characters of [A-Za-z0-9_-]. */
  deviceTokenRequired: 'DEVICE_TOKEN_REQUIRED',
  /**
   * [429] This device (or, past a looser cap, its network) already reported or confirmed in
   * the last 24 hours. The body is a LimitErrorBody: `retryAt` says when it may act again.
   */
  reportLimitReached: 'REPORT_LIMIT_REACHED',
  /** [404] No report has this id, or it is not public and no valid tracking token was given. */
  reportNotFound: 'REPORT_NOT_FOUND',
  /** [409] The report is closed (eliminated, not confirmed, prank, hidden): nothing to confirm. */
  reportNotOpen: 'REPORT_NOT_OPEN',
  /** [401] Staff login: unknown login, wrong password or disabled account (never says which). */
  invalidCredentials: 'INVALID_CREDENTIALS',
  /**
   * [429] Staff login refused for a while after repeated failures (of this account or from this
   * network), even with the right password. The body has `retryAt`, the response Retry-After.
   */
  loginLocked: 'LOGIN_LOCKED',
  /** [401] A staff route without a valid session (none, expired, revoked, or account disabled). */
  sessionRequired: 'SESSION_REQUIRED',
  /** [403] A state-changing staff request whose Origin (or Referer) is not this server's origin. */
  csrfRejected: 'CSRF_REJECTED',
  /** [403] The route is for admins; the session belongs to an officer. */
  adminRequired: 'ADMIN_REQUIRED',
  /** [403] The unit or staff account lies outside the staff member's unit subtree. */
  outOfScope: 'OUT_OF_SCOPE',
  /** [409] Someone changed the report since the given `version` was read: reload, nothing changed. */
  staleReport: 'STALE_REPORT',
  /** [409] The status move is not allowed from the report's current status (STATUS_MOVES). */
  transitionNotAllowed: 'TRANSITION_NOT_ALLOWED',
  /** [400] Hiding a report needs the reason as an internal note. */
  reasonRequired: 'REASON_REQUIRED',
  /** [409] A report cannot be a duplicate of itself, of a hidden report, or of a duplicate. */
  invalidDuplicate: 'INVALID_DUPLICATE',
  /** [400] accentColor is not #rrggbb. */
  invalidColor: 'INVALID_COLOR',
  /** [400] An allowed origin is not scheme://host[:port] with http or https. */
  invalidOrigin: 'INVALID_ORIGIN',
  /**
   * [403] A report or confirmation sent from a page whose origin the unit's widget config does
   * not allow (allowedOrigins of the unit the point or report belongs to).
   */
  originNotAllowed: 'ORIGIN_NOT_ALLOWED',
  /** [404] No staff account has this id (within the admin's subtree). */
  staffNotFound: 'STAFF_NOT_FOUND',
  /** [409] Another staff account already has this login. */
  loginTaken: 'LOGIN_TAKEN',
  /** [400] The new password is shorter than 12 characters. */
  passwordTooShort: 'PASSWORD_TOO_SHORT',
  /** [409] Admins cannot disable their own account. */
  cannotDisableSelf: 'CANNOT_DISABLE_SELF',
  /** [400] groupBy names a section that does not exist (category, status, source, unit, month). */
  invalidGroupBy: 'INVALID_GROUP_BY',
  /**
   * [422] A crime-statistics CSV was refused as a whole (nothing written): the body's `errors`
   * lists every bad line with its number, column, reason code and message.
   */
  crimeImportInvalid: 'CRIME_IMPORT_INVALID',
  /** [413] The crime-statistics CSV is larger than 5 MB. */
  csvTooLarge: 'CSV_TOO_LARGE',
  /**
   * [422] The point lies outside the area of the unit the report was sent for (Open311
   * `jurisdiction_id`): it belongs to another unit.
   */
  outsideUnitArea: 'OUTSIDE_UNIT_AREA',
  /**
   * [503] The database cannot write (disk full, I/O error, read-only, locked past the busy
   * timeout): nothing was stored, try again after the Retry-After header's seconds.
   */
  storageUnavailable: 'STORAGE_UNAVAILABLE',
  /** [500] Anything unexpected on the server; details are in the server log, never in the body. */
  internal: 'INTERNAL_ERROR',
  /**
   * [422] The category is not enabled in the widget config of the unit the point belongs to
   * (its effective enabledCategories); Open311 answers 400 with this code in the description.
   */
  categoryDisabled: 'CATEGORY_DISABLED',
  /** [422] Photos were sent to a unit whose widget config turns photos off (photosEnabled false). */
  photosDisabled: 'PHOTOS_DISABLED',
  /** [400] An e-mail address (a staff account's, or a citizen's for updates) is not a valid address. */
  invalidEmail: 'INVALID_EMAIL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The body of every error response (same shape as Fastify's default, plus a stable `code`). */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
}

/** A REPORT_LIMIT_REACHED body: when the next report or confirmation will be accepted. */
export interface LimitErrorBody extends ErrorBody {
  /** ISO 8601 UTC time; the response also has a Retry-After header in seconds. */
  retryAt: string;
}
