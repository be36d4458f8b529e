/**
 * Route paths of the public API, shared by the server (route registration) and the widget
 * (the typed fetch client), so a path is spelled once.
 */
export const API_PREFIX = '/api/v1';

export const ApiPath = {
  units: `${API_PREFIX}/units`,
  unit: `${API_PREFIX}/units/:id`,
  locate: `${API_PREFIX}/locate`,
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
   * GET `?token=`: one report (ReportView); without the tracking token only if public, then
   * ETag-cached (public, max-age=30); with it private and never stored.
   */
  report: `${API_PREFIX}/reports/:id`,
  /** POST: "I see it too" on a report; needs the DEVICE_HEADER. 201 ConfirmationCreated. */
  reportConfirmations: `${API_PREFIX}/reports/:id/confirmations`,
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
