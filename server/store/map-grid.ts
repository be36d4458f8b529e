import type { Bbox } from '../../common/schemas/geojson.js';

// The map's cluster grid, shared by both store adapters: the same cells, computed the same
// way, give the same clusters whichever store answers.

/** Spacing of clusters on screen: one per cell of this many web-map pixels. */
export const CLUSTER_CELL_PX = 80;

/**
 * Cells are square on a web map around Poland's middle latitude (52°N), where a degree of
 * latitude spans 1/cos(52°) times the pixels of a degree of longitude. Across Poland
 * (49-55°N) that is within 13 %, and a fixed ratio keeps the grid independent of the view.
 */
const LAT_PER_LON = Math.cos((52 * Math.PI) / 180);

/**
 * The zoom of the stored grid cells (reports.grid_x/grid_y, migration 017): clusters at this
 * zoom or below are grouped from them by integer division, without a sort of every row.
 */
export const GRID_BASE_ZOOM = 8;

/** Cell size in degrees at a zoom level (256-pixel tiles, 2^zoom of them around the world). */
export function gridAt(zoom: number): { cellLon: number; cellLat: number } {
  const cellLon = (CLUSTER_CELL_PX * 360) / (256 * 2 ** zoom);
  return { cellLon, cellLat: cellLon * LAT_PER_LON };
}

/** The zoom at which a box about fills a 1024-pixel-wide map: the default when none is given. */
export function zoomToFit([minLon, , maxLon]: Bbox): number {
  const span = Math.max(maxLon - minLon, 1e-6);
  return Math.max(0, Math.min(20, Math.floor(Math.log2((1024 / 256) * (360 / span)))));
}

/** Inclusive ranges of base-grid cells. */
export interface CellRange {
  gx0: number;
  gx1: number;
  gy0: number;
  gy1: number;
}

// A cell must lie inside a box by more than float noise to be read from the aggregate whole.
const MARGIN = 1e-9;

/**
 * The base cells wholly inside `bbox` (undefined: none), or with no box every cell touching
 * the unit's area box (a hint for the key's gx/gy seek; the unit list decides membership).
 * What the aggregate may answer for whole cells; the rest of a box is read from the reports.
 */
export function innerCells(bbox: Bbox | undefined, scope: Bbox): CellRange | undefined {
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
