import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Status } from '../../common/catalogue.js';
import type { ReportMap } from '../../common/schemas/report-map.js';
import { newReportId } from '../reports/ids.js';

const DAY_MS = 86_400_000;

/** Points inside three county units of two voivodeships. */
export const PLACES = {
  'kpp-wejherowo': { lon: 18.2357, lat: 54.6055 },
  'kmp-gdansk': { lon: 18.6466, lat: 54.352 },
  'kmp-olsztyn': { lon: 20.4801, lat: 53.7784 },
} as const;
export type Place = keyof typeof PLACES;

export interface Planted {
  unit?: Place;
  category?: string;
  status?: Status;
  /** Days since the last status change (default 0: now). */
  changedDaysAgo?: number;
  /** Days since creation (default: the change, or now). */
  createdDaysAgo?: number;
  description?: string;
  lon?: number;
  lat?: number;
}

/**
 * Writes one report straight through the repository with the status and times a test
 * needs (the API only ever creates `new` reports now); returns its id.
 */
export async function plant(app: FastifyInstance, spec: Planted = {}, now = Date.now()): Promise<string> {
  const unit = spec.unit ?? 'kpp-wejherowo';
  const changed = now - (spec.changedDaysAgo ?? 0) * DAY_MS;
  const created = spec.createdDaysAgo === undefined ? changed - 1000 : now - spec.createdDaysAgo * DAY_MS;
  const id = newReportId();
  await app.store.unit(async (tx) => {
    await tx.reports.insert({
      id, unitId: unit, category: spec.category ?? 'vandalism',
      lon: spec.lon ?? PLACES[unit].lon, lat: spec.lat ?? PLACES[unit].lat,
      description: spec.description, trackingHash: randomBytes(32), createdAt: new Date(created).toISOString(),
    });
    if (spec.status && spec.status !== 'new') await tx.reports.changeStatus(id, new Date(changed).toISOString(), spec.status);
  });
  return id;
}

/** GETs the map and returns the parsed answer (asserting nothing). */
export async function getMap(app: FastifyInstance, query: string): Promise<{ status: number; map: ReportMap; body: string }> {
  const response = await app.inject(`/api/v1/reports${query ? `?${query}` : ''}`);
  return { status: response.statusCode, map: response.json<ReportMap>(), body: response.body };
}

/** The ids of the report features of an answer, sorted. */
export function idsOf(map: ReportMap): string[] {
  return map.features.flatMap((f) => (f.properties.kind === 'report' ? [f.properties.id] : [])).sort();
}
