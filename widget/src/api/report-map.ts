import { ApiPath, apiPath } from '../../../common/api.js';
import type { Status } from '../../../common/catalogue.js';
import type { ReportView } from '../../../common/schemas/report.js';
import type { ReportMap } from '../../../common/schemas/report-map.js';
import { apiRoot, requestJson } from './client.js';

/** The reads of the public map. `base` is the page's `api` attribute (undefined: the script's server). */

export interface ReportMapRequest {
  unit: string;
  /** [minLon, minLat, maxLon, maxLat] of the view, WGS84. */
  bbox: readonly number[];
  zoom: number;
  /** Undefined: every category. */
  categories?: readonly string[] | undefined;
  /** Undefined: every public status. */
  statuses?: readonly Status[] | undefined;
  /** ISO date (day) bounding createdAt from below. */
  since?: string | undefined;
}

/**
 * The query string of a map request. Coordinates are rounded to about 1 m and the zoom to a
 * tenth, so small jitters of the view give the same URL (and the same CDN cache entry).
 */
export function reportMapQuery(request: ReportMapRequest): URLSearchParams {
  const query = new URLSearchParams({
    unit: request.unit,
    bbox: request.bbox.map((n) => n.toFixed(5)).join(','),
    zoom: String(Math.round(request.zoom * 10) / 10),
  });
  if (request.categories) query.set('categories', request.categories.join(','));
  if (request.statuses) query.set('statuses', request.statuses.join(','));
  if (request.since) query.set('since', request.since);
  return query;
}

/** GET /api/v1/reports: the public reports (or clusters) in the view. */
export function getReportMap(base: string | undefined, request: ReportMapRequest, signal?: AbortSignal): Promise<ReportMap> {
  return requestJson<ReportMap>(`${apiRoot(base)}${ApiPath.reports}?${reportMapQuery(request)}`, { signal });
}

/** GET /api/v1/reports/:id without a token: the public view with its public history. */
export function getPublicReport(base: string | undefined, id: string, signal?: AbortSignal): Promise<ReportView> {
  return requestJson<ReportView>(apiRoot(base) + apiPath(ApiPath.report, { id }), { signal });
}
