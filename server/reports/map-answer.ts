import { createHash } from 'node:crypto';
import { brotliCompress, constants, gzipSync } from 'node:zlib';
import { STATUSES, type CategoryVisibility } from '../../common/catalogue.js';
import type { Bbox } from '../../common/schemas/geojson.js';
import type { ReportFeature, ReportMap } from '../../common/schemas/report-map.js';
import type { MapCellsRepository } from '../db/map-cells-repository.js';
import type { MapPoint, MapSelection, ReportMapRepository, UnitScope } from '../db/report-map-repository.js';
import type { CachedAnswer } from './answer-cache.js';
import { baseGroups, boxSeek, filterCount } from './base-cells.js';
import { baseClusters, clustersOf, GRID_BASE_ZOOM, gridAt, zoomToFit } from './clusters.js';
import type { MapFilter } from './map-query.js';

/**
 * One map question, resolved: plain data only, so it can be posted to a worker thread
 * (structured clone) as well as answered in the main thread.
 */
export interface MapJob {
  filter: MapFilter;
  scope: UnitScope;
  catalogue: { code: string; visibility: CategoryVisibility }[];
  /** ISO time the visibility windows are counted from. */
  now: string;
  pointLimit: number;
}

export interface BuiltAnswer {
  answer: CachedAnswer;
  clustered: boolean;
}

/** Up to this many national matches of the filter, points are read through reports_filter. */
const FILTER_READ_LIMIT = 20_000;

/** The reads an answer needs: the reports and the aggregate kept in step with them. */
export interface MapRepositories {
  map: ReportMapRepository;
  cells: MapCellsRepository;
}

/**
 * Answers a map question from the database, serialised, hashed and gzipped, so whoever
 * receives it only has to send bytes. The exact count comes first, from the aggregate
 * (base-cells.ts): up to `pointLimit` matches are read as points through an index that fits
 * the filter, more are clusters. At zoom 8 or below the clusters are those counts merged;
 * deeper, they are grouped from the reports in the (small) box.
 */
export function buildAnswer({ map: repository, cells }: MapRepositories, { filter, scope, catalogue, now, pointLimit }: MapJob): BuiltAnswer {
  const selection: MapSelection = {
    // The national unit covers every report: no unit condition at all.
    units: scope.kind === 'national' ? undefined : scope.units,
    bbox: filter.bbox,
    viaRtree: filter.bbox !== undefined && area(filter.bbox) < area(scope.bbox) / 4,
    categories: filter.categories ? catalogue.filter((c) => filter.categories!.includes(c.code)) : catalogue,
    statuses: filter.statuses ?? STATUSES,
    since: filter.since,
    until: filter.until,
    now: new Date(now),
  };
  const groups = baseGroups(cells, selection, scope.bbox);
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  if (total === 0) return { answer: serialise({ type: 'FeatureCollection', clustered: false, total: 0, features: [] }, undefined), clustered: false };
  if (total <= pointLimit) {
    // The whole country narrows best by the filter's index, and so does any question whose
    // categories, statuses and period match few reports anywhere; else a unit or a small box
    // narrows by its own (reports_map, the R*Tree).
    const byFilter = (!selection.units && !selection.viaRtree) || filterCount(cells, selection) <= FILTER_READ_LIMIT;
    const points = repository.points(selection, pointLimit + 1, byFilter);
    // (A write between the count and this read can tip it over: then it is clusters after all.)
    if (points.length <= pointLimit) {
      points.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
      const updatedAt = points.reduce<string | undefined>((max, p) => (max === undefined || p.updatedAt > max ? p.updatedAt : max), undefined);
      const map: ReportMap = { type: 'FeatureCollection', clustered: false, total: points.length, features: points.map(toFeature) };
      return { answer: serialise(map, updatedAt), clustered: false };
    }
  }
  const zoom = filter.zoom ?? zoomToFit(filter.bbox ?? scope.bbox);
  if (zoom <= GRID_BASE_ZOOM) {
    const { features, total: clustered, updatedAt } = baseClusters(groups, GRID_BASE_ZOOM - zoom, filter.bbox);
    return { answer: serialise({ type: 'FeatureCollection', clustered: true, total: clustered, features }, updatedAt), clustered: true };
  }
  const { cellLon, cellLat } = gridAt(zoom);
  const seek = filter.bbox ? boxSeek(filter.bbox) : undefined;
  const { features, total: clustered, updatedAt } = clustersOf(repository.cells({ ...selection, viaRtree: false }, cellLon, cellLat, seek));
  return { answer: serialise({ type: 'FeatureCollection', clustered: true, total: clustered, features }, updatedAt), clustered: true };
}

/**
 * A point as the map draws it: coordinates to 5 decimals (about 1 m, finer than any phone's
 * fix) and times to the second. The digits dropped are the answer's least compressible bytes
 * (a county's answer shrinks by an eighth); the report's own page keeps the stored values.
 */
function toFeature(p: MapPoint): ReportFeature {
  return {
    type: 'Feature',
    id: p.id,
    geometry: { type: 'Point', coordinates: [toMetre(p.lon), toMetre(p.lat)] },
    properties: {
      kind: 'report', id: p.id, category: p.category, status: p.status,
      createdAt: toSecond(p.createdAt), updatedAt: toSecond(p.updatedAt), confirmations: p.confirmations, unit: p.unit,
    },
  };
}

function toMetre(degrees: number): number {
  return Math.round(degrees * 1e5) / 1e5;
}

/** `2026-11-21T16:41:19.846Z` → `2026-11-21T16:41:19Z` (still RFC 3339 date-time). */
function toSecond(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

/**
 * The body is built from explicitly chosen public fields, so plain JSON.stringify is safe.
 * Both representations and their ETags are made here, once per answer, never per request.
 */
function serialise(map: ReportMap, updatedAt: string | undefined): CachedAnswer {
  const body = JSON.stringify(map);
  const tag = createHash('sha256').update(body).digest('base64url').slice(0, 32);
  return {
    body,
    etag: `"${tag}"`,
    lastModified: updatedAt === undefined ? undefined : new Date(updatedAt).toUTCString(),
    // Made once per answer and sent many times: the best compression is worth its ~2 ms.
    gzip: gzipSync(body, { level: constants.Z_BEST_COMPRESSION, memLevel: 9 }),
    gzipEtag: `"${tag}-gz"`,
  };
}

/**
 * Adds the brotli representation of an answer (quality 11, on libuv's thread pool: the event
 * loop and the map workers are not held up). ~85 ms of CPU for a county's 75 KB, for 18 % fewer
 * bytes than gzip: worth it only for answers sent many times. A failure leaves gzip in use.
 */
export function addBrotli(answer: CachedAnswer): Promise<void> {
  return new Promise((resolve) => {
    brotliCompress(answer.body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(answer.body),
      },
    }, (error, compressed) => {
      if (!error) {
        answer.br = compressed;
        answer.brEtag = `${answer.etag.slice(0, -1)}-br"`;
      }
      resolve();
    });
  });
}

function area([minLon, minLat, maxLon, maxLat]: Bbox): number {
  return (maxLon - minLon) * (maxLat - minLat);
}
