import type { Bbox } from '../../common/schemas/geojson.js';
import { COUNTED_STATUSES, countedPredicate, type BaseCellGroup, type CellRange, type MapCellsRepository } from '../db/map-cells-repository.js';
import { whereOf, type MapSelection } from '../db/report-map-repository.js';
import { and, type SqlPart } from '../db/visibility-sql.js';
import { GRID_BASE_ZOOM, gridAt } from './clusters.js';
import { planPeriods } from './period-plan.js';

// A cell must lie inside a box by more than float noise to be read from the aggregate whole.
const MARGIN = 1e-9;
// The R*Tree keeps float32 boxes, rounded outward by under a metre: widen, then test exactly.
const RTREE_SLACK = 1e-5;

/**
 * Every visible report of a selection as base-cell groups (zoom 8), from four disjoint parts:
 * - map_cells: the counted statuses created on whole days, in cells wholly inside the box;
 * - the windowed statuses' recent reports (reports_status_updated);
 * - the counted statuses created on a partial first or last day (reports_created);
 * - the counted statuses on whole days in the box's edge cells, cut by the box (R*Tree strips).
 * Their sum is exactly what a scan of the reports with the same filter would count.
 */
export function baseGroups(cells: MapCellsRepository, selection: MapSelection, scopeBbox: Bbox): BaseCellGroup[] {
  const raw = { ...selection, viaRtree: false };
  const groups = cells.windowed(selection, whereOf(raw));
  const plan = planPeriods(selection.since, selection.until, cells.years());
  const counted = selection.statuses.filter((s) => COUNTED_STATUSES.includes(s));
  if (!counted.length) return groups;
  for (const range of plan.raw) {
    groups.push(...cells.groups(whereOf({ ...raw, statuses: counted, since: range.since, until: range.until })));
  }
  if (!plan.whole) return groups;
  const inner = innerCells(selection.bbox, scopeBbox);
  if (inner) groups.push(...cells.aggregate(selection, plan, inner));
  if (selection.bbox) {
    const wholeDays = { ...raw, statuses: counted, since: plan.whole.from, until: plan.whole.to };
    groups.push(...cells.groups(and(whereOf(wholeDays), edges(selection.bbox, inner))));
  }
  return groups;
}

/**
 * The base cells wholly inside `bbox` (undefined: none), or with no box every cell touching
 * the unit's area box (a hint for the key's gx/gy seek; the unit list decides membership).
 */
function innerCells(bbox: Bbox | undefined, scope: Bbox): CellRange | undefined {
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  if (!bbox) {
    return {
      gx0: Math.floor((scope[0] + 180) / cellLon) - 1, gx1: Math.floor((scope[2] + 180) / cellLon) + 1,
      gy0: Math.floor((scope[1] + 90) / cellLat) - 1, gy1: Math.floor((scope[3] + 90) / cellLat) + 1,
    };
  }
  const range = {
    gx0: Math.ceil((bbox[0] + 180 + MARGIN) / cellLon), gx1: Math.floor((bbox[2] + 180 - MARGIN) / cellLon) - 1,
    gy0: Math.ceil((bbox[1] + 90 + MARGIN) / cellLat), gy1: Math.floor((bbox[3] + 90 - MARGIN) / cellLat) - 1,
  };
  return range.gx0 <= range.gx1 && range.gy0 <= range.gy1 ? range : undefined;
}

/** Reports in the box but not in the inner cells, found through the R*Tree strip by strip. */
function edges(bbox: Bbox, inner: CellRange | undefined): SqlPart {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const boxes: Bbox[] = [];
  let outside: SqlPart = { sql: '1', params: [] };
  if (!inner) boxes.push(bbox);
  else {
    const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
    const x0 = inner.gx0 * cellLon - 180, x1 = (inner.gx1 + 1) * cellLon - 180;
    const y0 = inner.gy0 * cellLat - 90, y1 = (inner.gy1 + 1) * cellLat - 90;
    boxes.push([minLon, minLat, x0, maxLat], [x1, minLat, maxLon, maxLat], [x0, minLat, x1, y0], [x0, y1, x1, maxLat]);
    // Exact on the stored cell, whatever the float rounding of the strips' borders.
    outside = { sql: 'NOT (r.grid_x BETWEEN ? AND ? AND r.grid_y BETWEEN ? AND ?)', params: [inner.gx0, inner.gx1, inner.gy0, inner.gy1] };
  }
  const e = RTREE_SLACK;
  const strips = boxes.map(() => 'SELECT seq FROM reports_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?');
  return and(
    { sql: `r.seq IN (${strips.join(' UNION ')})`, params: boxes.flatMap(([a, b, c, d]) => [a - e, c + e, b - e, d + e]) },
    outside,
  );
}
