import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { STATUSES, type CategoryVisibility } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import type { Bbox } from '../../common/schemas/geojson.js';
import type { ReportFeature, ReportMap, ReportMapQuery } from '../../common/schemas/report-map.js';
import type { CategoriesRepository } from '../db/categories-repository.js';
import type { MapPoint, MapSelection, ReportMapRepository, UnitScope } from '../db/report-map-repository.js';
import { ApiError } from '../http/api-error.js';
import { ANY_VERSION, AnswerCache, type CachedAnswer } from './answer-cache.js';
import { clustersOf, gridAt, zoomToFit } from './clusters.js';
import { filterKey, parseMapQuery, type MapFilter } from './map-query.js';

export interface ReportMapOptions {
  /** Above this many matching reports the answer is clusters; default 2,000. */
  pointLimit: number;
  /** How long an answer may be reused while no report changes; default 60 s (0: no cache). */
  cacheTtlMs: number;
}

export const DEFAULT_REPORT_MAP_OPTIONS: ReportMapOptions = { pointLimit: 2000, cacheTtlMs: 60_000 };

export interface ReportMapDeps {
  map: ReportMapRepository;
  categories: CategoriesRepository;
}

/**
 * The public map of reports (GET /api/v1/reports): validates the query, scopes it to the
 * unit's subtree, answers points or exact clusters, and serialises once per question and
 * data version so repeated requests (the same county page, the national map) cost a lookup.
 */
export class ReportMapService {
  private readonly cache: AnswerCache;
  private catalogue: { code: string; visibility: CategoryVisibility }[] | undefined;

  constructor(private readonly deps: ReportMapDeps, private readonly options: ReportMapOptions) {
    this.cache = new AnswerCache(options.cacheTtlMs, 1000);
  }

  answer(query: ReportMapQuery, now = new Date()): CachedAnswer {
    const catalogue = this.categoryCatalogue();
    const filter = parseMapQuery(query, new Set(catalogue.map((c) => c.code)));
    const scope = this.deps.map.scope(filter.unit);
    if (!scope) throw new ApiError(404, ErrorCode.unitNotFound, `No unit has the id "${filter.unit}".`);
    const key = filterKey(filter);
    const version = this.deps.map.dataVersion();
    const cached = this.cache.get(key, version, now.getTime());
    if (cached) return cached;
    const built = this.build(filter, scope, catalogue, now);
    const answer = serialise(built);
    // Clusters cost a scan of every matching report (seconds for the whole country) and on a
    // national map new reports arrive every few seconds: they are kept for the cache TTL
    // whatever is written, exact as of at most that long ago. Points follow every write.
    this.cache.set(key, built.map.clustered ? ANY_VERSION : version, now.getTime(), answer);
    return answer;
  }

  private build(
    filter: MapFilter,
    scope: UnitScope,
    catalogue: { code: string; visibility: CategoryVisibility }[],
    now: Date,
  ): { map: ReportMap; updatedAt?: string | undefined } {
    const selection: MapSelection = {
      // The national unit covers every report: no unit condition at all.
      units: scope.kind === 'national' ? undefined : scope.units,
      bbox: filter.bbox,
      viaRtree: filter.bbox !== undefined && area(filter.bbox) < area(scope.bbox) / 4,
      categories: filter.categories ? catalogue.filter((c) => filter.categories!.includes(c.code)) : catalogue,
      statuses: filter.statuses ?? STATUSES,
      since: filter.since,
      until: filter.until,
      now,
    };
    const limit = this.options.pointLimit;
    const points = this.deps.map.points(selection, limit + 1);
    if (points.length <= limit) {
      points.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
      const updatedAt = points.reduce<string | undefined>((max, p) => (max === undefined || p.updatedAt > max ? p.updatedAt : max), undefined);
      return { map: { type: 'FeatureCollection', clustered: false, total: points.length, features: points.map(toFeature) }, updatedAt };
    }
    const { cellLon, cellLat } = gridAt(filter.zoom ?? zoomToFit(filter.bbox ?? scope.bbox));
    const { features, total, updatedAt } = clustersOf(this.deps.map.cells(selection, cellLon, cellLat));
    return { map: { type: 'FeatureCollection', clustered: true, total, features }, updatedAt };
  }

  /** The catalogue changes only by a migration, that is with a restart: read it once. */
  private categoryCatalogue(): { code: string; visibility: CategoryVisibility }[] {
    this.catalogue ??= this.deps.categories.list().map(({ code, visibility }) => ({ code, visibility }));
    return this.catalogue;
  }
}

function toFeature(p: MapPoint): ReportFeature {
  return {
    type: 'Feature',
    id: p.id,
    geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    properties: {
      kind: 'report', id: p.id, category: p.category, status: p.status,
      createdAt: p.createdAt, updatedAt: p.updatedAt, confirmations: p.confirmations, unit: p.unit,
    },
  };
}

/** The body is built from explicitly chosen public fields, so plain JSON.stringify is safe. */
function serialise({ map, updatedAt }: { map: ReportMap; updatedAt?: string | undefined }): CachedAnswer {
  const body = JSON.stringify(map);
  return {
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
    lastModified: updatedAt === undefined ? undefined : new Date(updatedAt).toUTCString(),
    gzip: gzipSync(body),
  };
}

function area([minLon, minLat, maxLon, maxLat]: Bbox): number {
  return (maxLon - minLon) * (maxLat - minLat);
}
