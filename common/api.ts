/**
 * Route paths of the public API, shared by the server (route registration) and the widget
 * (the typed fetch client), so a path is spelled once.
 */
export const API_PREFIX = '/api/v1';

export const ApiPath = {
  units: `${API_PREFIX}/units`,
  unit: `${API_PREFIX}/units/:id`,
  locate: `${API_PREFIX}/locate`,
  /**
   * GET `?unit=&from=&to=&groupBy=`: report statistics of a unit's subtree for a period of days
   * (Stats): counts by category, status, source, sub-unit and month, confirmed share, median
   * times; small sensitive counts suppressed. ETag-cached (Cache-Control max-age=60).
   */
  stats: `${API_PREFIX}/stats`,
  /** GET `?unit=&from=YYYY-MM&to=YYYY-MM`: police crime statistics per powiat (CrimeStats), ETag-cached. */
  crimeStats: `${API_PREFIX}/crime-stats`,
  /** GET `?unit=`: the threat categories for the report form (CategoryList), ETag-cached. */
  categories: `${API_PREFIX}/categories`,
  /**
   * POST: a new report (NewReport as JSON, or multipart/form-data with a `report` field
   * holding the same JSON plus up to 3 `photo` files); needs the DEVICE_HEADER. 201 ReportCreated.
   */
  reports: `${API_PREFIX}/reports`,
  /**
   * GET `?unit=&bbox=&zoom=&categories=&statuses=&since=&until=`: the public reports of a unit
   * and every unit under it, as GeoJSON (ReportMap), clustered above a point limit. Same path
   * as `reports`, other method. ETag-cached for a short while (Cache-Control max-age=30).
   */
  reportMap: `${API_PREFIX}/reports`,
  /** GET `?lon=&lat=&category=`: open reports of that category within 250 m (NearbyReports). */
  reportsNearby: `${API_PREFIX}/reports/nearby`,
  /**
   * GET: one report (ReportView); without the tracking token only if public, then ETag-cached
   * (public, max-age=30); with it (TRACKING_TOKEN_HEADER, or `?token=`) private and never stored.
   */
  report: `${API_PREFIX}/reports/:id`,
  /** POST: "I see it too" on a report; needs the DEVICE_HEADER. 201 ConfirmationCreated. */
  reportConfirmations: `${API_PREFIX}/reports/:id/confirmations`,
  /**
   * GET: the unit's effective widget config (WidgetConfig): its own settings plus inherited ones,
   * else WIDGET_CONFIG_DEFAULTS. ETag, `Cache-Control: public, no-cache` (revalidated on every
   * use, so an admin's change shows on the next page load).
   */
  widgetConfig: `${API_PREFIX}/units/:id/widget-config`,
  /**
   * GET `?unit=` with the DEVICE_HEADER: may this device, network and page's origin report (or
   * confirm) now, and if not why and until when (ReportAllowance). Counts nothing; no-store.
   */
  reportAllowance: `${API_PREFIX}/reports/allowance`,
  /** GET `?unit=&since=&until=&bom=`: public reports as CSV, streamed (public fields only, as the map). */
  exportCsv: `${API_PREFIX}/exports/reports.csv`,
  /** GET `?unit=&since=&until=`: the same as a GeoJSON FeatureCollection, streamed. */
  exportGeojson: `${API_PREFIX}/exports/reports.geojson`,
  /** GET: Atom feed of the unit subtree's 50 newest public reports. */
  feedNew: `${API_PREFIX}/feeds/:unit/new.atom`,
  /** GET: Atom feed of the unit subtree's 50 most recently confirmed public reports. */
  feedConfirmed: `${API_PREFIX}/feeds/:unit/confirmed.atom`,
} as const;

/**
 * The tracking page (not under the API): `/r/:id#token=…`, a small HTML page of the backend
 * holding `<kmzb-map view="track" report="…">`. The token travels in the fragment, which
 * browsers never send to a server, so it stays out of access logs and Referer headers.
 */
export const TRACKING_PAGE_PATH = '/r/:id';

/**
 * Request header carrying a report's tracking token to GET /api/v1/reports/:id: unlike the
 * `?token=` query, a header is not written to access logs with the URL.
 */
export const TRACKING_TOKEN_HEADER = 'KMZB-Tracking-Token';

/** Open311 GeoReport v2 (server/open311/): each resource ends in `.json` or `.xml`. */
export const OPEN311_PREFIX = '/open311/v2';

/** Prefix of the staff API: same origin only, session cookie, no CORS headers. */
export const STAFF_PREFIX = `${API_PREFIX}/staff`;

/** Route paths of the staff API (common/schemas/staff.ts has the bodies and answers). */
export const StaffPath = {
  /** POST LoginBody: log in (sets the session cookie); DELETE: log out. */
  session: `${STAFF_PREFIX}/session`,
  /** GET: the logged-in staff member (StaffMe). */
  me: `${STAFF_PREFIX}/me`,
  /** GET QueueQuery: the queue of the subtree, overdue first; POST StaffNewReport: enter a report. */
  reports: `${STAFF_PREFIX}/reports`,
  /** GET: a report in full (StaffReport). */
  report: `${STAFF_PREFIX}/reports/:id`,
  /** GET: photo n (1-3) of a report, its stored bytes. */
  reportPhoto: `${STAFF_PREFIX}/reports/:id/photos/:n`,
  /** POST StatusChange. */
  reportStatus: `${STAFF_PREFIX}/reports/:id/status`,
  /** POST DuplicateOf. */
  reportDuplicateOf: `${STAFF_PREFIX}/reports/:id/duplicate-of`,
  /** POST BulkStatusChange: one status and note for several reports, each checked and audited on its own. */
  reportsBulkStatus: `${STAFF_PREFIX}/reports/bulk-status`,
  /** GET/PUT (admins): a unit's own widget config and the effective one. */
  unitConfig: `${STAFF_PREFIX}/units/:id/config`,
  /** GET (admins): accounts of the subtree; POST NewStaffAccount. */
  accounts: `${STAFF_PREFIX}/accounts`,
  /** PATCH StaffAccountPatch (admins). */
  account: `${STAFF_PREFIX}/accounts/:id`,
  /** GET/PUT StaffNotifications: the signed-in account's own e-mail choices. */
  notifications: `${STAFF_PREFIX}/me/notifications`,
  /** GET (admins): MailStatus, whether mail is configured and the failed deliveries. */
  mail: `${STAFF_PREFIX}/mail`,
  /** GET ?page= (admins): the audit log of the subtree, newest first. */
  audit: `${STAFF_PREFIX}/audit`,
  /**
   * POST `?dryRun=true|false` (admins), body text/csv (teryt,year,month,category,count): import
   * police crime statistics of the admin's powiats; all or nothing (CrimeImportResult, or 422
   * CRIME_IMPORT_INVALID with per-line errors). Audited.
   */
  crimeStatsImport: `${STAFF_PREFIX}/crime-stats/import`,
} as const;

/**
 * Request header carrying the widget's per-device token: an opaque random string of 16 to 128
 * characters of [A-Za-z0-9_-], made once per browser and kept in local storage. The server
 * uses it (hashed, never stored raw) for the one-report-per-device-per-day rule.
 */
export const DEVICE_HEADER = 'KMZB-Device';
export const DEVICE_TOKEN_PATTERN = '^[A-Za-z0-9_-]{16,128}$';

/** Fills `:name` placeholders of an ApiPath with URL-encoded values. */
export function apiPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
