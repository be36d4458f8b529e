import type { Bbox } from '../../common/schemas/geojson.js';
import type { BaseCellGroup, CellRange, MapCellsRepository } from '../db/map-cells-repository.js';
import { whereOf, type MapSelection } from '../db/report-map-repository.js';
import { and, inList, type SqlPart } from '../db/visibility-sql.js';
import { GRID_BASE_ZOOM, gridAt } from './clusters.js';
import { planPeriods } from './period-plan.js';
import { CONFIRMED_STATUSES, DAY_MS, PUBLIC_WINDOW } from './visibility.js';

// A cell must lie inside a box by more than float noise to be read from the aggregate whole.
const MARGIN = 1e-9;
// The R*Tree keeps float32 boxes, rounded outward by under a metre: widen, then test exactly.
const RTREE_SLACK = 1e-5;

/**
 * Every visible report of a selection as base-cell groups (zoom 8), from disjoint parts:
 * - map_cells: reports created on whole days, in cells wholly inside the box;
 * - the windowed statuses' correction of it: map_cells holds them as of the last sweep's
 *   cut, the question asks as of its own time (a minute's changes, read from the reports);
 * - reports created on a partial first or last day (reports_created);
 * - reports created on whole days in the box's edge cells, cut by the box (reports_cells).
 * Their sum is exactly what a scan of the reports with the same filter would count.
 */
export function baseGroups(cells: MapCellsRepository, selection: MapSelection, scopeBbox: Bbox): BaseCellGroup[] {
  const raw = { ...selection, viaRtree: false };
  const plan = planPeriods(selection.since, selection.until, cells.years(), selection.now.getTime());
  const groups: BaseCellGroup[] = [];
  for (const range of plan.raw) groups.push(...cells.groups(whereOf({ ...raw, since: range.since, until: range.until })));
  if (!plan.whole) return groups;
  const inner = innerCells(selection.bbox, scopeBbox);
  if (inner) {
    groups.push(...cells.aggregate(selection, plan, inner));
    groups.push(...corrections(cells, selection, plan.whole, inner));
  }
  if (selection.bbox) {
    const wholeDays = whereOf({ ...raw, since: plan.whole.from, until: plan.whole.to });
    // Around inner cells the edges are seeks on reports_cells, summed in its order.
    for (const edge of edges(selection.bbox, inner)) groups.push(...(inner ? cells.cellGroups(and(edge, wholeDays)) : cells.groups(and(edge, wholeDays))));
  }
  return groups;
}

/**
 * What map_cells holds of a windowed status differs from what the question sees by the
 * reports changed between the two cuts (the sweep's and the question's): taken out when they
 * are older than the question's window, added when the sweep has already taken them out.
 */
function corrections(cells: MapCellsRepository, selection: MapSelection, whole: { from?: string | undefined; to?: string | undefined }, inner: CellRange): BaseCellGroup[] {
  const groups: BaseCellGroup[] = [];
  const stored = cells.cuts();
  for (const status of selection.statuses) {
    const window = PUBLIC_WINDOW[status];
    const cut = stored.get(status);
    if (typeof window !== 'number' || cut === undefined) continue;
    const asked = new Date(selection.now.getTime() - window * DAY_MS).toISOString();
    if (asked === cut) continue;
    const codes = selection.categories.filter((c) => c.visibility === 'always' || (c.visibility === 'confirmed' && CONFIRMED_STATUSES.includes(status)));
    const [from, to, sign] = cut < asked ? [cut, asked, -1] : [asked, cut, 1];
    const where = and(
      { sql: 'r.status = ? AND r.updated_at >= ? AND r.updated_at < ?', params: [status, from, to] },
      inList('+r.category', codes.map((c) => c.code)),
      { sql: 'r.grid_x BETWEEN ? AND ? AND r.grid_y BETWEEN ? AND ?', params: [inner.gx0, inner.gx1, inner.gy0, inner.gy1] },
      ...(selection.units ? [inList('r.unit_id', selection.units)] : []),
      ...(whole.from ? [{ sql: 'r.created_at >= ?', params: [whole.from] }] : []),
      ...(whole.to ? [{ sql: 'r.created_at < ?', params: [whole.to] }] : []),
    );
    for (const g of cells.groups(where)) groups.push({ ...g, count: sign * g.count, sumLon: sign * g.sumLon, sumLat: sign * g.sumLat });
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

/**
 * Where the reports in the box but outside its inner cells are. Around inner cells: the edge
 * columns and rows of cells, one seek each on reports_cells (grid_x, grid_y, ...), which holds
 * every column read. A box narrower than a cell: boxSeek.
 */
function edges(bbox: Bbox, inner: CellRange | undefined): SqlPart[] {
  if (!inner) return [boxSeek(bbox)];
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  // Every cell the box touches: the inner ones and a ring of at most one cell around them.
  const cx0 = Math.floor((bbox[0] + 180) / cellLon), cx1 = Math.floor((bbox[2] + 180) / cellLon);
  const cy0 = Math.floor((bbox[1] + 90) / cellLat), cy1 = Math.floor((bbox[3] + 90) / cellLat);
  const columns = [...span(cx0, inner.gx0 - 1), ...span(inner.gx1 + 1, cx1)];
  const rows = [...span(cy0, inner.gy0 - 1), ...span(inner.gy1 + 1, cy1)];
  const parts: SqlPart[] = [];
  if (columns.length) parts.push(and(inList('r.grid_x', columns), { sql: 'r.grid_y BETWEEN ? AND ?', params: [cy0, cy1] }));
  if (rows.length) parts.push(and(inList('r.grid_x', span(inner.gx0, inner.gx1)), inList('r.grid_y', rows)));
  return parts;
}

/** The integers from `from` to `to`, both included (none when to < from). */
function span(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/**
 * How many reports reading points by category and status (reports_filter) would go through
 * in the whole country: the aggregate's count of the selection without its unit and box.
 */
export function filterCount(cells: MapCellsRepository, selection: MapSelection): number {
  const plan = planPeriods(selection.since, selection.until, cells.years(), selection.now.getTime());
  return plan.whole ? cells.filterCount(selection, plan) : 0;
}

/**
 * How to find the reports in a box that holds no whole base cell: a box smaller than a cell by
 * the R*Tree (its matches, then their rows); a larger one by the cells it touches in
 * reports_cells, one seek per column of cells, every column read from the index (a dense
 * city's box then costs no row lookups).
 */
export function boxSeek(bbox: Bbox): SqlPart {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  if ((maxLon - minLon) * (maxLat - minLat) < cellLon * cellLat) {
    const e = RTREE_SLACK;
    return {
      sql: 'r.seq IN (SELECT seq FROM reports_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)',
      params: [minLon - e, maxLon + e, minLat - e, maxLat + e],
    };
  }
  const columns = span(Math.floor((minLon + 180) / cellLon), Math.floor((maxLon + 180) / cellLon));
  return and(inList('r.grid_x', columns), {
    sql: 'r.grid_y BETWEEN ? AND ?', params: [Math.floor((minLat + 90) / cellLat), Math.floor((maxLat + 90) / cellLat)],
  });
}
