import type { Bbox } from '../../common/schemas/geojson.js';
import { DAY_MS, PUBLIC_WINDOW } from '../../common/visibility.js';
import { codesShownIn } from '../store/map-selection.js';
import type { BaseCellGroup } from '../store/map-clusters.js';
import { GRID_BASE_ZOOM, gridAt, innerCells, type CellRange } from '../store/map-grid.js';
import { planPeriods } from '../store/period-plan.js';
import type { CellIndex, MapCellsRepository } from './map-cells-repository.js';
import { whereOf, type MapSelection } from './report-map-repository.js';
import { and, inList, type SqlPart } from './visibility-sql.js';
// The R*Tree keeps float32 boxes, rounded outward by under a metre: widen, then test exactly.
const RTREE_SLACK = 1e-5;

/**
 * Every visible report of a selection as base-cell groups (zoom 8), from disjoint parts:
 * - map_cells: reports created on whole days, in cells wholly inside the box;
 * - the windowed statuses' correction of it: map_cells holds them as of the last sweep's
 *   cut, the question asks as of its own time (a minute's changes, read from the reports);
 * - reports created on a partial first or last day (reports_created);
 * - in the box's edge cells, reports created on whole days inside the box, or those outside
 *   it taken out of a cell counted whole (edgeRing: reports_cells_lon, reports_cells_lat).
 * Their sum is exactly what a scan of the reports with the same filter would count.
 */
export function baseGroups(cells: MapCellsRepository, selection: MapSelection, scopeBbox: Bbox): BaseCellGroup[] {
  const raw = { ...selection, viaRtree: false };
  const plan = planPeriods(selection.since, selection.until, cells.years(), selection.now.getTime());
  const groups: BaseCellGroup[] = [];
  for (const range of plan.raw) groups.push(...cells.groups(whereOf({ ...raw, since: range.since, until: range.until })));
  if (!plan.whole) return groups;
  const inner = innerCells(selection.bbox, scopeBbox);
  const inside = whereOf({ ...raw, since: plan.whole.from, until: plan.whole.to });
  if (!inner) {
    if (selection.bbox) groups.push(...cells.groups(and(boxSeek(selection.bbox), inside)));
    return groups;
  }
  const ring = selection.bbox ? edgeRing(selection.bbox, inner) : undefined;
  const counted = ring?.counted ?? inner;
  groups.push(...cells.aggregate(selection, plan, counted));
  groups.push(...corrections(cells, selection, plan.whole, counted));
  const anywhere = whereOf({ ...raw, bbox: undefined, since: plan.whole.from, until: plan.whole.to });
  // The filter's statuses and categories as lists the index seeks by (the visibility terms
  // of whereOf are written not to use an index).
  const seek = and(inList('r.status', selection.statuses.filter((s) => PUBLIC_WINDOW[s] !== 'never')),
    inList('r.category', selection.categories.map((c) => c.code)));
  for (const strip of ring?.strips ?? []) {
    const read = cells.cellGroups(and(strip.where, seek, strip.outside ? anywhere : inside), strip.index);
    // The aggregate's row has the cell's newest change already: a part taken out adds none.
    for (const g of read) groups.push(strip.outside ? { ...g, count: -g.count, sumLon: -g.sumLon, sumLat: -g.sumLat, updatedAt: '' } : g);
  }
  return groups;
}

/** One read of a box's edge cells: the part inside the box, or the part outside to take out. */
interface Strip {
  where: SqlPart;
  index: CellIndex;
  outside: boolean;
}

/**
 * The base cells a box cuts through, around its inner cells: a column on each side (cut by
 * longitude), a row at the top and bottom (cut by latitude) and up to four corners. A side
 * whose cells the box mostly covers is counted whole from the aggregate, less its reports
 * outside the box; a side it barely covers is read inside the box (by area: counting both
 * sides first cost more than it saved). Every read seeks the index of migration 022 per cell,
 * status and category to the cut's coordinate, so it reads one side of the cut only (half of
 * the cells' reports at most, a quarter on average) and its groups come out in index order.
 */
function edgeRing(bbox: Bbox, inner: CellRange): { counted: CellRange; strips: Strip[] } {
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const cx0 = Math.floor((minLon + 180) / cellLon), cx1 = Math.floor((maxLon + 180) / cellLon);
  const cy0 = Math.floor((minLat + 90) / cellLat), cy1 = Math.floor((maxLat + 90) / cellLat);
  const rows = inList('r.grid_y', span(inner.gy0, inner.gy1));
  const columns = inList('r.grid_x', span(inner.gx0, inner.gx1));
  const cut = (sql: string, at: number): SqlPart => ({ sql, params: [at] });
  // Per side: its cells, its index, and the conditions outside and inside the box.
  const sides = {
    left: { present: cx0 < inner.gx0, cells: and({ sql: 'r.grid_x = ?', params: [cx0] }, rows), index: 'reports_cells_lon', out: cut('r.lon < ?', minLon), in: cut('r.lon >= ?', minLon) },
    right: { present: cx1 > inner.gx1, cells: and({ sql: 'r.grid_x = ?', params: [cx1] }, rows), index: 'reports_cells_lon', out: cut('r.lon > ?', maxLon), in: cut('r.lon <= ?', maxLon) },
    bottom: { present: cy0 < inner.gy0, cells: and(columns, { sql: 'r.grid_y = ?', params: [cy0] }), index: 'reports_cells_lat', out: cut('r.lat < ?', minLat), in: cut('r.lat >= ?', minLat) },
    top: { present: cy1 > inner.gy1, cells: and(columns, { sql: 'r.grid_y = ?', params: [cy1] }), index: 'reports_cells_lat', out: cut('r.lat > ?', maxLat), in: cut('r.lat <= ?', maxLat) },
  } as const;
  // How much of each side's cells the box covers.
  const covered = {
    left: ((cx0 + 1) * cellLon - 180 - minLon) / cellLon, right: (maxLon - (cx1 * cellLon - 180)) / cellLon,
    bottom: ((cy0 + 1) * cellLat - 90 - minLat) / cellLat, top: (maxLat - (cy1 * cellLat - 90)) / cellLat,
  };
  const whole = { left: false, right: false, bottom: false, top: false };
  const strips: Strip[] = [];
  for (const name of ['left', 'right', 'bottom', 'top'] as const) {
    const side = sides[name];
    if (!side.present) continue;
    whole[name] = covered[name] >= 0.5;
    strips.push({ where: and(side.cells, whole[name] ? side.out : side.in), index: side.index, outside: whole[name] });
  }
  const counted = {
    gx0: whole.left ? cx0 : inner.gx0, gx1: whole.right ? cx1 : inner.gx1,
    gy0: whole.bottom ? cy0 : inner.gy0, gy1: whole.top ? cy1 : inner.gy1,
  };
  // A corner is counted whole only when both its sides are: then what lies outside the box
  // is taken out (beyond its column's cut, then beyond its row's cut within the column's),
  // else what lies inside it is read.
  for (const [x, h] of [[cx0, 'left'], [cx1, 'right']] as const) {
    for (const [y, v] of [[cy0, 'bottom'], [cy1, 'top']] as const) {
      if (!sides[h].present || !sides[v].present) continue;
      const cell = { sql: 'r.grid_x = ? AND r.grid_y = ?', params: [x, y] };
      if (whole[h] && whole[v]) {
        strips.push({ where: and(cell, sides[h].out), index: 'reports_cells_lon', outside: true });
        strips.push({ where: and(cell, sides[v].out, sides[h].in), index: 'reports_cells_lat', outside: true });
      } else {
        strips.push({ where: and(cell, sides[h].in), index: 'reports_cells_lon', outside: false });
      }
    }
  }
  return { counted, strips };
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
    const codes = codesShownIn(selection, status);
    const [from, to, sign] = cut < asked ? [cut, asked, -1] : [asked, cut, 1];
    const where = and(
      { sql: 'r.status = ? AND r.updated_at >= ? AND r.updated_at < ?', params: [status, from, to] },
      inList('+r.category', codes),
      { sql: 'r.grid_x BETWEEN ? AND ? AND r.grid_y BETWEEN ? AND ?', params: [inner.gx0, inner.gx1, inner.gy0, inner.gy1] },
      ...(selection.units ? [inList('r.unit_id', selection.units)] : []),
      ...(whole.from ? [{ sql: 'r.created_at >= ?', params: [whole.from] }] : []),
      ...(whole.to ? [{ sql: 'r.created_at < ?', params: [whole.to] }] : []),
    );
    for (const g of cells.groups(where)) groups.push({ ...g, count: sign * g.count, sumLon: sign * g.sumLon, sumLat: sign * g.sumLat });
  }
  return groups;
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
 * reports_cells_lon, one seek per column of cells, every column read from the index (a dense
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
