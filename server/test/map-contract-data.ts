/**
 * The map contract's data and questions (store-contract-map.test.ts): the same reports written
 * into both stores, and what an answer must say, by a plain loop over them.
 */
import { randomBytes } from 'node:crypto';
import { STATUSES, type Status } from '../../common/catalogue.js';
import type { Category } from '../../common/schemas/category.js';
import type { ReportMap, ReportMapQuery } from '../../common/schemas/report-map.js';
import { DAY_MS, isPubliclyVisible } from '../../common/visibility.js';
import { CategoryCatalogue } from '../catalogue/category-catalogue.js';
import { mulberry32 } from '../demo/random.js';
import { parseMapQuery } from '../reports/map-query.js';
import { DEFAULT_REPORT_MAP_OPTIONS, ReportMapService } from '../reports/report-map.js';
import type { ReportInsert } from '../store/reports.js';
import type { Store } from '../store/store.js';
import { type Harness, reportId } from './store-contract-harness.js';

/** Town centres, each with its county unit, two of them in one voivodeship (kwp-wroclaw). */
const TOWNS: [string, number, number][] = [
  ['kmp-legnica', 16.16, 51.21], ['kmp-walbrzych', 16.28, 50.77], ['kmp-olsztyn', 20.48, 53.78], ['kmp-lublin', 22.57, 51.25],
];
/** Shown always, never (drug_use) and only once confirmed (dangerous_entertainment). */
const CATEGORIES = ['vandalism', 'speeding', 'illegal_parking', 'drug_use', 'dangerous_entertainment', 'stray_dogs'];

/** A report as the map sees it after its status moves. */
export interface MapReport extends ReportInsert {
  status: Status;
  updatedAt: string;
}

/**
 * `count` reports around the towns (spread over several base cells: 0.44° x 0.27°), created
 * at any time of day over two years before `base`, in every status, with their last change
 * anywhere from their creation to 20 days after `base` (so that every visibility window is
 * open or closed at one of the times asked).
 */
export function mapReports(count: number, base: number, seed = 16): MapReport[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () => {
    const [unitId, lon, lat] = pick(TOWNS);
    const created = Math.round(base - random() * 700 * DAY_MS);
    const status = pick(STATUSES);
    const changed = status === 'new' ? created : Math.round(created + random() * (base + 20 * DAY_MS - created));
    return {
      id: reportId(), unitId, category: pick(CATEGORIES), status,
      // Six decimals, as a phone gives them; some on a cell's edge would need exact ones.
      lon: Math.round((lon + (random() - 0.5) * 0.9) * 1e6) / 1e6, lat: Math.round((lat + (random() - 0.5) * 0.6) * 1e6) / 1e6,
      trackingHash: randomBytes(32), createdAt: new Date(created).toISOString(), updatedAt: new Date(changed).toISOString(),
    };
  });
}

/** Written through the port's units (inserted as new), then their status moves as staff make them. */
export async function writeReports(h: Harness, reports: readonly MapReport[]): Promise<void> {
  for (let i = 0; i < reports.length; i += 50) {
    await h.store.unit(async (tx) => {
      for (const { updatedAt: _changed, status: _status, ...insert } of reports.slice(i, i + 50)) await tx.reports.insert(insert);
    });
  }
  for (const r of reports) {
    if (r.status !== 'new') await h.exec('UPDATE reports SET status = ?, updated_at = ? WHERE id = ?', [r.status, r.updatedAt, r.id]);
  }
}

/** The map service on a store: no cache (every question is built), no worker threads. */
export async function mapService(store: Store, pointLimit: number): Promise<{ service: ReportMapService; categories: Category[] }> {
  const categories = await store.categories.all();
  const service = new ReportMapService({ map: store.reportMap, categories: new CategoryCatalogue(categories) },
    { ...DEFAULT_REPORT_MAP_OPTIONS, pointLimit, cacheTtlMs: 0, workers: 0 });
  return { service, categories };
}

export async function ask(service: ReportMapService, query: ReportMapQuery, now: number): Promise<{ map: ReportMap; body: string; etag: string }> {
  const answer = await service.answer(query, now);
  return { map: JSON.parse(answer.body) as ReportMap, body: answer.body, etag: answer.etag };
}

/** What an answer must count and show, by a loop over the reports (no aggregate, no index). */
export function expected(reports: readonly MapReport[], query: ReportMapQuery, units: readonly string[], categories: readonly Category[], now: number): MapReport[] {
  const filter = parseMapQuery(query, new Set(categories.map((c) => c.code)));
  const visibility = new Map(categories.map((c) => [c.code, c.visibility]));
  return reports.filter((r) =>
    units.includes(r.unitId) &&
    (!filter.categories || filter.categories.includes(r.category)) &&
    (!filter.statuses || filter.statuses.includes(r.status)) &&
    (!filter.since || r.createdAt >= filter.since) && (!filter.until || r.createdAt < filter.until) &&
    (!filter.bbox || (r.lon >= filter.bbox[0] && r.lon <= filter.bbox[2] && r.lat >= filter.bbox[1] && r.lat <= filter.bbox[3])) &&
    isPubliclyVisible(visibility.get(r.category)!, r.status, r.updatedAt, new Date(now)));
}

/** The ids of a points answer, sorted. */
export function pointIds(map: ReportMap): string[] {
  return map.features.map((f) => (f.properties.kind === 'report' ? f.properties.id : '')).sort();
}
