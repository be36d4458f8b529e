import type { Bbox } from '../../../common/schemas/geojson.js';
import type { MapSelection } from '../map-selection.js';
import type { Params } from './pg-db.js';
import { anyOf, publicPredicate } from './pg-visibility.js';

/**
 * A box as the GiST index on reports.geom finds it: `&&` compares the index's float4 boxes,
 * rounded outward, so it finds every point in the box and a few just outside, and the exact
 * BETWEEN on the stored coordinates keeps only those inside or on the edge (as SQLite's
 * R*Tree widened by its slack, then tested exactly).
 */
function inBox(p: Params, [minLon, minLat, maxLon, maxLat]: Bbox): string {
  const [w, s, e, n] = [p.add(minLon), p.add(minLat), p.add(maxLon), p.add(maxLat)];
  return `(r.geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326) AND r.lon BETWEEN ${w} AND ${e} AND r.lat BETWEEN ${s} AND ${n})`;
}

/**
 * The whole filter of a selection as a WHERE clause on `reports r` (SQLite's whereOf). With
 * `seekBox` false the box is tested on the coordinates only, for a caller that gives the
 * index envelopes of its own (a box's edge).
 */
export function whereOfMap(p: Params, s: MapSelection, seekBox = true): string {
  const parts: string[] = [];
  if (s.units) parts.push(anyOf(p, 'r.unit_id', s.units));
  if (s.since) parts.push(`r.created_at >= ${p.add(s.since)}`);
  if (s.until) parts.push(`r.created_at < ${p.add(s.until)}`);
  if (s.bbox) {
    const [minLon, minLat, maxLon, maxLat] = s.bbox;
    parts.push(seekBox ? inBox(p, s.bbox)
      : `(r.lon BETWEEN ${p.add(minLon)} AND ${p.add(maxLon)} AND r.lat BETWEEN ${p.add(minLat)} AND ${p.add(maxLat)})`);
  }
  parts.push(publicPredicate(p, s.categories, s.statuses, s.now));
  return `(${parts.join(' AND ')})`;
}

/** The public columns of the map's points (MapPoint). */
export const POINT_COLUMNS = `r.id, r.lon, r.lat, r.category, r.status, r.created_at AS "createdAt",
  r.updated_at AS "updatedAt", r.confirmations, r.unit_id AS unit`;

/**
 * Visible reports grouped per cell of a zoom's grid, status and category. The cell is the
 * SQLite engine's arithmetic, bit for bit (IEEE doubles, truncated: the coordinates plus 180
 * and 90 are never negative), rather than ST_SnapToGrid, which rounds to the nearest grid
 * point: a report on a cell's edge would then be counted in the neighbour, and the two stores'
 * clusters would differ.
 */
export function gridGroupsSql(p: Params, where: string, cellLon: number, cellLat: number): string {
  return `SELECT trunc((r.lon + 180) / ${p.add(cellLon)}::float8)::int AS cx, trunc((r.lat + 90) / ${p.add(cellLat)}::float8)::int AS cy,
      r.status, r.category, count(*) AS count, sum(r.lon) AS "sumLon", sum(r.lat) AS "sumLat",
      min(r.lon) AS "minLon", min(r.lat) AS "minLat", max(r.lon) AS "maxLon", max(r.lat) AS "maxLat", max(r.updated_at) AS "updatedAt"
    FROM reports r WHERE ${where} GROUP BY 1, 2, r.status, r.category`;
}
