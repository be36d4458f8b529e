import { createHash } from 'node:crypto';
import { constants, gzip, gzipSync, type ZlibOptions } from 'node:zlib';
import type { Status } from '../../common/catalogue.js';
import type { ReportFeature, ReportMap } from '../../common/schemas/report-map.js';
import type { ClusterAnswer } from './map-clusters.js';
import type { BuiltAnswer, CachedAnswer } from './report-map.js';

// The answer's bytes, made the same way by both store adapters: the same reports give the
// same body and ETag whichever store read them.

/** The public columns of one report on the map. */
export interface MapPoint {
  id: string;
  lon: number;
  lat: number;
  category: string;
  status: Status;
  createdAt: string;
  updatedAt: string;
  confirmations: number;
  unit: string;
}

/** An answer before it is serialised: the collection and its newest change (Last-Modified). */
export interface MapBody {
  map: ReportMap;
  updatedAt: string | undefined;
}

export const EMPTY_MAP: MapBody = { map: { type: 'FeatureCollection', clustered: false, total: 0, features: [] }, updatedAt: undefined };

/** Points, newest first (then by id): the order does not depend on how the store read them. */
export function pointsMap(points: MapPoint[]): MapBody {
  points.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  const updatedAt = points.reduce<string | undefined>((max, p) => (max === undefined || p.updatedAt > max ? p.updatedAt : max), undefined);
  return { map: { type: 'FeatureCollection', clustered: false, total: points.length, features: points.map(toFeature) }, updatedAt };
}

export function clustersMap({ features, total, updatedAt }: ClusterAnswer): MapBody {
  return { map: { type: 'FeatureCollection', clustered: true, total, features }, updatedAt };
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

// Made once per answer and sent many times: the best compression is worth its ~2 ms.
const GZIP: ZlibOptions = { level: constants.Z_BEST_COMPRESSION, memLevel: 9 };

/**
 * The body is built from explicitly chosen public fields, so plain JSON.stringify is safe.
 * Both representations and their ETags are made here, once per answer, never per request.
 * Synchronous: for a thread of its own (SQLite's map workers).
 */
export function serialise(body: MapBody): BuiltAnswer {
  const json = JSON.stringify(body.map);
  return built(body, json, gzipSync(json, GZIP));
}

/** The same bytes, gzipped on libuv's thread pool: for an answer built on the event loop's thread. */
export async function serialiseAsync(body: MapBody): Promise<BuiltAnswer> {
  const json = JSON.stringify(body.map);
  const zipped = await new Promise<Buffer>((resolve, reject) => gzip(json, GZIP, (error, out) => (error ? reject(error) : resolve(out))));
  return built(body, json, zipped);
}

function built({ map, updatedAt }: MapBody, json: string, zipped: Buffer): BuiltAnswer {
  const tag = createHash('sha256').update(json).digest('base64url').slice(0, 32);
  const answer: CachedAnswer = {
    body: json,
    etag: `"${tag}"`,
    lastModified: updatedAt === undefined ? undefined : new Date(updatedAt).toUTCString(),
    gzip: zipped,
    gzipEtag: `"${tag}-gz"`,
  };
  return { answer, clustered: map.clustered };
}
