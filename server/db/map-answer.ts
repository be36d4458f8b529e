import type { Bbox } from '../../common/schemas/geojson.js';
import { baseClusters, clustersOf } from '../store/map-clusters.js';
import { GRID_BASE_ZOOM, gridAt, zoomToFit } from '../store/map-grid.js';
import { selectionOf } from '../store/map-selection.js';
import { clustersMap, EMPTY_MAP, pointsMap, serialise } from '../store/map-serialise.js';
import type { BuiltAnswer, MapJob } from '../store/report-map.js';
import { baseGroups, boxSeek, filterCount } from './map-base-cells.js';
import type { MapCellsRepository } from './map-cells-repository.js';
import type { MapSelection, ReportMapRepository } from './report-map-repository.js';

/** Up to this many national matches of the filter, points are read through reports_filter. */
const FILTER_READ_LIMIT = 20_000;

/** The reads an answer needs: the reports and the aggregate kept in step with them. */
export interface MapRepositories {
  map: ReportMapRepository;
  cells: MapCellsRepository;
}

/**
 * Answers a map question from the SQLite database, serialised, hashed and gzipped, so whoever
 * receives it only has to send bytes (it runs in a map worker's thread). The exact count comes
 * first, from the aggregate (map-base-cells.ts): up to `pointLimit` matches are read as points
 * through an index that fits the filter, more are clusters. At zoom 8 or below the clusters are
 * those counts merged; deeper, they are grouped from the reports in the (small) box.
 */
export function buildAnswer({ map: repository, cells }: MapRepositories, job: MapJob): BuiltAnswer {
  const { filter, scope, pointLimit } = job;
  const selection: MapSelection = {
    ...selectionOf(job),
    viaRtree: filter.bbox !== undefined && area(filter.bbox) < area(scope.bbox) / 4,
  };
  const groups = baseGroups(cells, selection, scope.bbox);
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  if (total === 0) return serialise(EMPTY_MAP);
  if (total <= pointLimit) {
    // The whole country narrows best by the filter's index, and so does any question whose
    // categories, statuses and period match few reports anywhere; else a unit or a small box
    // narrows by its own (reports_map, the R*Tree).
    const byFilter = (!selection.units && !selection.viaRtree) || filterCount(cells, selection) <= FILTER_READ_LIMIT;
    const points = repository.points(selection, pointLimit + 1, byFilter);
    // (A write between the count and this read can tip it over: then it is clusters after all.)
    if (points.length <= pointLimit) return serialise(pointsMap(points));
  }
  const zoom = filter.zoom ?? zoomToFit(filter.bbox ?? scope.bbox);
  if (zoom <= GRID_BASE_ZOOM) return serialise(clustersMap(baseClusters(groups, GRID_BASE_ZOOM - zoom, filter.bbox)));
  const { cellLon, cellLat } = gridAt(zoom);
  const seek = filter.bbox ? boxSeek(filter.bbox) : undefined;
  return serialise(clustersMap(clustersOf(repository.cells({ ...selection, viaRtree: false }, cellLon, cellLat, seek))));
}

function area([minLon, minLat, maxLon, maxLat]: Bbox): number {
  return (maxLon - minLon) * (maxLat - minLat);
}
