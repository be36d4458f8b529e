import { ApiPath, apiPath, DEVICE_HEADER, TRACKING_TOKEN_HEADER } from '../../../common/api.js';
import type { Category, CategoryList } from '../../../common/schemas/category.js';
import type { LocateResult } from '../../../common/schemas/locate.js';
import type {
  ConfirmationCreated,
  NearbyReport,
  NearbyReports,
  NewReport,
  ReportCreated,
  ReportView,
} from '../../../common/schemas/report.js';
import { apiRoot, requestJson } from './client.js';
import { deviceToken } from './device.js';

/** The calls of the report form. `base` is the page's `api` attribute (undefined: the script's server). */

/** GET /api/v1/locate: the units responsible for a point, deepest first. */
export function locate(base: string | undefined, lon: number, lat: number, signal?: AbortSignal): Promise<LocateResult> {
  const query = new URLSearchParams({ lon: String(lon), lat: String(lat) });
  return requestJson<LocateResult>(`${apiRoot(base)}${ApiPath.locate}?${query}`, { signal });
}

/**
 * GET /api/v1/categories: the catalogue in its official order; with `unit`, only the categories
 * enabled in that unit's widget config (the ones the server accepts reports in).
 */
export async function getCategories(base: string | undefined, signal?: AbortSignal, unit?: string): Promise<Category[]> {
  const query = unit === undefined ? '' : `?${new URLSearchParams({ unit })}`;
  const list = await requestJson<CategoryList>(apiRoot(base) + ApiPath.categories + query, { signal });
  return list.categories;
}

/** GET /api/v1/reports/nearby: open reports of the category within 250 m, nearest first. */
export async function getNearby(base: string | undefined, lon: number, lat: number, category: string): Promise<NearbyReport[]> {
  const query = new URLSearchParams({ lon: String(lon), lat: String(lat), category });
  const nearby = await requestJson<NearbyReports>(`${apiRoot(base)}${ApiPath.reportsNearby}?${query}`);
  return nearby.reports;
}

/** POST /api/v1/reports: as JSON, or multipart (a `report` JSON field and `photo` files) with photos. */
export function submitReport(base: string | undefined, report: NewReport, photos: readonly File[]): Promise<ReportCreated> {
  let body: BodyInit = JSON.stringify(report);
  const headers: Record<string, string> = { [DEVICE_HEADER]: deviceToken() };
  if (photos.length) {
    const form = new FormData();
    form.append('report', body);
    for (const photo of photos) form.append('photo', photo, photo.name);
    body = form; // the browser sets the multipart content type with its boundary
  } else {
    headers['content-type'] = 'application/json';
  }
  return requestJson<ReportCreated>(apiRoot(base) + ApiPath.reports, { method: 'POST', headers, body });
}

/** POST /api/v1/reports/:id/confirmations: "I see it too". */
export function confirmReport(base: string | undefined, id: string): Promise<ConfirmationCreated> {
  const url = apiRoot(base) + apiPath(ApiPath.reportConfirmations, { id });
  return requestJson<ConfirmationCreated>(url, { method: 'POST', headers: { [DEVICE_HEADER]: deviceToken() } });
}

/**
 * GET /api/v1/reports/:id: the reporter's view of their report (status, public history with the
 * police's public notes, unit). The token goes in a header, not the URL, so it stays out of logs.
 */
export function getReport(base: string | undefined, id: string, token: string, signal?: AbortSignal): Promise<ReportView> {
  const url = apiRoot(base) + apiPath(ApiPath.report, { id });
  return requestJson<ReportView>(url, { signal, headers: { [TRACKING_TOKEN_HEADER]: token } });
}
