import { baseClusters, clustersOf, type MapCellGroup } from '../map-clusters.js';
import { GRID_BASE_ZOOM, gridAt, zoomToFit } from '../map-grid.js';
import { selectionOf } from '../map-selection.js';
import { clustersMap, EMPTY_MAP, pointsMap, type MapBody, type MapPoint } from '../map-serialise.js';
import type { MapJob } from '../report-map.js';
import { Params, type PgDb } from './pg-db.js';
import { pgBaseGroups } from './pg-map-groups.js';
import { gridGroupsSql, POINT_COLUMNS, whereOfMap } from './pg-map-sql.js';

/**
 * Answers a map question from PostgreSQL as the SQLite engine does (server/db/map-answer.ts):
 * the exact count first, from the aggregate and the reports it does not hold (pg-map-groups.ts);
 * up to `pointLimit` matches are read as points (the planner picks the index: reports_map for
 * a unit, GiST for a box, reports_filter for a selective national filter), more are clusters.
 * At zoom 8 or below the clusters are those counts merged; deeper, the reports in the box
 * (GiST) are grouped per cell of the zoom's grid in SQL. `db` should be one connection in a
 * REPEATABLE READ transaction, so that the count and the points read the same reports.
 */
export async function pgMapBody(db: PgDb, job: MapJob): Promise<MapBody> {
  const { filter, scope, pointLimit } = job;
  const selection = selectionOf(job);
  const groups = await pgBaseGroups(db, selection, scope.bbox);
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  if (total === 0) return EMPTY_MAP;
  if (total <= pointLimit) {
    const p = new Params();
    // No ORDER BY: a LIMIT then stops early; pointsMap sorts what fits.
    const text = `SELECT ${POINT_COLUMNS} FROM reports r WHERE ${whereOfMap(p, selection)} LIMIT ${p.add(pointLimit + 1)}`;
    const points = (await db.query<MapPoint>({ text, values: p.values })).rows;
    if (points.length <= pointLimit) return pointsMap(points);
  }
  const zoom = filter.zoom ?? zoomToFit(filter.bbox ?? scope.bbox);
  if (zoom <= GRID_BASE_ZOOM) return clustersMap(baseClusters(groups, GRID_BASE_ZOOM - zoom, filter.bbox));
  const { cellLon, cellLat } = gridAt(zoom);
  const p = new Params();
  const where = whereOfMap(p, selection);
  const cells = (await db.query<MapCellGroup>({ text: gridGroupsSql(p, where, cellLon, cellLat), values: p.values })).rows;
  return clustersMap(clustersOf(cells));
}
