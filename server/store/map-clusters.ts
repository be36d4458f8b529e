import type { Status } from '../../common/catalogue.js';
import type { Bbox } from '../../common/schemas/geojson.js';
import type { ClusterFeature } from '../../common/schemas/report-map.js';
import { GRID_BASE_ZOOM, gridAt } from './map-grid.js';

// Clusters from what a store counted per grid cell: the same counts give the same features,
// byte for byte, whichever store counted them.

/** One grid cell's reports of one status and category (clustersOf merges them per cell). */
export interface MapCellGroup {
  cx: number;
  cy: number;
  status: Status;
  category: string;
  count: number;
  sumLon: number;
  sumLat: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  updatedAt: string;
}

/**
 * The reports of one base-grid cell (zoom 8, reports.grid_x/grid_y), status and category:
 * how many, the sums of their coordinates in whole micro-degrees (exact when added and
 * subtracted), and the newest change seen.
 */
export interface BaseCellGroup {
  gx: number;
  gy: number;
  status: Status;
  category: string;
  count: number;
  sumLon: number;
  sumLat: number;
  updatedAt: string;
}

/**
 * One cluster feature per grid cell from the per-(cell, status, category) counts the
 * store counted: exact counts, the centroid of the cell's reports as the point (so a
 * cluster sits where its reports are, not at a cell corner) and their extent. Keys and
 * features are sorted so the same data always serialises to the same bytes (and ETag).
 */
export function clustersOf(groups: readonly MapCellGroup[]): ClusterAnswer {
  const cells = byCell(groups, (g) => `${g.cx}:${g.cy}`);
  return clusterAnswer(cells.map((cell) => {
    const s = summarise(cell, (g) => [g.minLon, g.minLat, g.maxLon, g.maxLat]);
    return feature(s, [round(s.sumLon / s.count), round(s.sumLat / s.count)], s.extent);
  }));
}

/**
 * Clusters at zoom GRID_BASE_ZOOM - `shift` from base-cell groups (map_cells and the reports it
 * does not hold, added up): exact counts per status and category, the centroid from the exact
 * micro-degree sums. The extent cannot come from a minimum and maximum that an aggregate keeps
 * (a deleted report cannot be taken out of a minimum): it is the union of the boxes of the
 * base cells (about 30 km) that hold the cluster's reports, within `bbox` when one is given.
 */
export function baseClusters(groups: readonly BaseCellGroup[], shift: number, bbox?: Bbox): ClusterAnswer {
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  // Parts may add to and take from the same key (the windowed statuses' correction): net
  // them first, so a base cell whose reports all left the map counts nowhere.
  const net = new Map<string, BaseCellGroup>();
  for (const group of groups) {
    const key = `${group.gx}:${group.gy}:${group.status}:${group.category}`;
    const seen = net.get(key);
    if (!seen) net.set(key, { ...group });
    else {
      seen.count += group.count;
      seen.sumLon += group.sumLon;
      seen.sumLat += group.sumLat;
      if (group.updatedAt > seen.updatedAt) seen.updatedAt = group.updatedAt;
    }
  }
  const counted = [...net.values()].filter((group) => group.count !== 0);
  const cells = byCell(counted, (g) => `${g.gx >> shift}:${g.gy >> shift}`);
  return clusterAnswer(cells.map((cell) =>
    baseCluster(summarise(cell, (g) => [g.gx * cellLon - 180, g.gy * cellLat - 90, (g.gx + 1) * cellLon - 180, (g.gy + 1) * cellLat - 90]), bbox)));
}

/**
 * One cluster's reports of one status and category, from the base cells whose net count is
 * not zero: what baseClusters makes of base-cell groups, made by a store that nets and groups
 * in its own query (PostgreSQL: a few rows per cluster sent, not every base cell's).
 */
export interface ClusterPart {
  /** The cluster's cell: the base cell's gx, gy shifted right by the zoom's distance from the base grid. */
  cx: number;
  cy: number;
  status: Status;
  category: string;
  count: number;
  /** Sums of micro-degrees (exact). */
  sumLon: number;
  sumLat: number;
  /** The range of base cells holding these reports. */
  gx0: number;
  gy0: number;
  gx1: number;
  gy1: number;
  updatedAt: string;
}

/**
 * baseClusters' features from cluster parts: the same counts, centroids and extents (the
 * union of the boxes of the base cells holding each part), byte for byte.
 */
export function clustersOfParts(parts: readonly ClusterPart[], bbox?: Bbox): ClusterAnswer {
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  const cells = byCell(parts, (p) => `${p.cx}:${p.cy}`);
  return clusterAnswer(cells.map((cell) =>
    baseCluster(summarise(cell, (p) => [p.gx0 * cellLon - 180, p.gy0 * cellLat - 90, (p.gx1 + 1) * cellLon - 180, (p.gy1 + 1) * cellLat - 90]), bbox)));
}

/** A cluster of base cells: its extent within the box asked for, its centroid from the exact sums. */
function baseCluster(s: CellSummary, bbox: Bbox | undefined): ClusterFeature & { updatedAt: string | undefined } {
  let [minLon, minLat, maxLon, maxLat] = s.extent;
  if (bbox) {
    minLon = Math.max(minLon, bbox[0]);
    minLat = Math.max(minLat, bbox[1]);
    maxLon = Math.min(maxLon, bbox[2]);
    maxLat = Math.min(maxLat, bbox[3]);
  }
  const centre: [number, number] = [Math.round(s.sumLon / s.count) / 1e6, Math.round(s.sumLat / s.count) / 1e6];
  return feature(s, centre, [round(minLon), round(minLat), round(maxLon), round(maxLat)]);
}

export interface ClusterAnswer {
  features: ClusterFeature[];
  total: number;
  updatedAt?: string;
}

/** What a cluster is made of: one status and category of one cell, counted, with its coordinate sums. */
interface CellPart {
  count: number;
  sumLon: number;
  sumLat: number;
  status: string;
  category: string;
  updatedAt: string;
}

interface CellSummary {
  count: number;
  sumLon: number;
  sumLat: number;
  extent: Bbox;
  statuses: Record<string, number>;
  categories: Record<string, number>;
  updatedAt: string | undefined;
}

function byCell<G>(groups: Iterable<G>, key: (group: G) => string): G[][] {
  const cells = new Map<string, G[]>();
  for (const group of groups) {
    const k = key(group);
    const cell = cells.get(k);
    if (cell) cell.push(group);
    else cells.set(k, [group]);
  }
  return [...cells.values()];
}

/** A cell's parts added up: counts per status and category, coordinate sums, the union of their boxes. */
function summarise<G extends CellPart>(cell: readonly G[], box: (part: G) => Bbox): CellSummary {
  let count = 0, sumLon = 0, sumLat = 0;
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  const statuses: Record<string, number> = {};
  const categories: Record<string, number> = {};
  let updatedAt: string | undefined;
  for (const g of cell) {
    count += g.count;
    sumLon += g.sumLon;
    sumLat += g.sumLat;
    const [w, s, e, n] = box(g);
    minLon = Math.min(minLon, w);
    minLat = Math.min(minLat, s);
    maxLon = Math.max(maxLon, e);
    maxLat = Math.max(maxLat, n);
    statuses[g.status] = (statuses[g.status] ?? 0) + g.count;
    categories[g.category] = (categories[g.category] ?? 0) + g.count;
    if (updatedAt === undefined || g.updatedAt > updatedAt) updatedAt = g.updatedAt;
  }
  return { count, sumLon, sumLat, extent: [minLon, minLat, maxLon, maxLat], statuses, categories, updatedAt };
}

/** The cluster feature of a summarised cell; `updatedAt` travels with it for the answer's newest change. */
function feature(s: CellSummary, centre: [number, number], extent: Bbox): ClusterFeature & { updatedAt: string | undefined } {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: centre },
    properties: { kind: 'cluster', count: s.count, statuses: sorted(s.statuses), categories: sorted(s.categories), extent },
    updatedAt: s.updatedAt,
  };
}

/** The answer's features, largest first (then west to east, south to north), its total and its newest change. */
function clusterAnswer(made: (ClusterFeature & { updatedAt: string | undefined })[]): ClusterAnswer {
  let total = 0;
  let updatedAt: string | undefined;
  const features = made.map(({ updatedAt: changed, ...cluster }) => {
    total += cluster.properties.count;
    if (changed !== undefined && (updatedAt === undefined || changed > updatedAt)) updatedAt = changed;
    return cluster as ClusterFeature;
  });
  features.sort((a, b) => b.properties.count - a.properties.count || a.geometry.coordinates[0] - b.geometry.coordinates[0]
    || a.geometry.coordinates[1] - b.geometry.coordinates[1]);
  return updatedAt === undefined ? { features, total } : { features, total, updatedAt };
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Six decimals (about 10 cm), as stored: a mean need not be printed to 17 digits. */
function round(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6;
}
