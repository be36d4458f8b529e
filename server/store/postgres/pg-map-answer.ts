import { clustersOf, clustersOfParts, type ClusterPart, type MapCellGroup } from '../map-clusters.js';
import { GRID_BASE_ZOOM, gridAt, zoomToFit } from '../map-grid.js';
import { selectionOf } from '../map-selection.js';
import { clustersMap, EMPTY_MAP, pointsMap, type MapBody, type MapPoint } from '../map-serialise.js';
import type { MapJob } from '../report-map.js';
import { Params, type PgDb } from './pg-db.js';
import { countedParts } from './pg-map-counted.js';
import { gridGroupsSql, POINT_COLUMNS, whereOfMap } from './pg-map-sql.js';

/**
 * Answers a map question from PostgreSQL as the SQLite engine does (server/db/map-answer.ts):
 * the exact count first, from the aggregate and the reports it does not hold (pg-map-counted.ts);
 * up to `pointLimit` matches are read as points (the planner picks the index: reports_map for
 * a unit, GiST for a box, reports_filter for a selective national filter), more are clusters.
 * At zoom 8 or below the count is made in one statement that nets the parts per base cell
 * and groups them per cluster, status and category, so a national answer sends a few
 * thousand rows, not one per base cell (this thread builds the answer: SQLite's runs in a
 * worker). Deeper, the reports in the box (GiST) are grouped per cell of the zoom's grid.
 * `db` should be one connection in a REPEATABLE READ transaction, so that the count and the
 * points read the same reports.
 */
export async function pgMapBody(db: PgDb, job: MapJob): Promise<MapBody> {
  const { filter, scope, pointLimit } = job;
  const selection = selectionOf(job);
  const p = new Params();
  const parts = await countedParts(db, p, selection, scope.bbox);
  if (!parts) return EMPTY_MAP;
  const zoom = filter.zoom ?? zoomToFit(filter.bbox ?? scope.bbox);
  const shift = GRID_BASE_ZOOM - zoom;
  let clusters: ClusterPart[] | undefined;
  let total: number;
  if (shift >= 0) {
    clusters = (await db.query<ClusterPart>({ text: clusterPartsSql(parts, shift), values: p.values })).rows;
    total = clusters.reduce((sum, c) => sum + c.count, 0);
  } else {
    const text = `SELECT coalesce(sum(n), 0) AS total FROM (${parts}) AS parts (gx, gy, status, category, n, sl, sa, u)`;
    total = (await db.query<{ total: number }>({ text, values: p.values })).rows[0]!.total;
  }
  if (total === 0) return EMPTY_MAP;
  if (total <= pointLimit) {
    const q = new Params();
    // No ORDER BY: a LIMIT then stops early; pointsMap sorts what fits.
    const text = `SELECT ${POINT_COLUMNS} FROM reports r WHERE ${whereOfMap(q, selection)} LIMIT ${q.add(pointLimit + 1)}`;
    const points = (await db.query<MapPoint>({ text, values: q.values })).rows;
    if (points.length <= pointLimit) return pointsMap(points);
  }
  if (clusters) return clustersMap(clustersOfParts(clusters, filter.bbox));
  const { cellLon, cellLat } = gridAt(zoom);
  const q = new Params();
  const where = whereOfMap(q, selection);
  const cells = (await db.query<MapCellGroup>({ text: gridGroupsSql(q, where, cellLon, cellLat), values: q.values })).rows;
  return clustersMap(clustersOf(cells));
}

/**
 * The parts netted per base cell, status and category (a cell whose reports all left the map
 * counts nowhere), then grouped per cluster cell (the base cell shifted right by `shift`),
 * with the range of base cells holding each group for the cluster's extent. Summed as float8:
 * the counts and micro-degree sums are integers far below 2^53 (~2.4e14 at 10 M reports), so
 * every partial sum is exact, and a quarter faster than numeric (the type of sum(bigint)).
 */
function clusterPartsSql(parts: string, shift: number): string {
  return `WITH parts (gx, gy, status, category, n, sl, sa, u) AS (
      ${parts}
    ), net AS (
      SELECT gx, gy, status, category, sum(n::float8) AS n, sum(sl::float8) AS sl, sum(sa::float8) AS sa, max(u) AS u
      FROM parts GROUP BY gx, gy, status, category HAVING sum(n::float8) <> 0
    )
    SELECT gx >> ${shift} AS cx, gy >> ${shift} AS cy, status, category, sum(n) AS count, sum(sl) AS "sumLon", sum(sa) AS "sumLat",
      min(gx) AS gx0, min(gy) AS gy0, max(gx) AS gx1, max(gy) AS gy1, max(u) AS "updatedAt"
    FROM net GROUP BY 1, 2, status, category`;
}
