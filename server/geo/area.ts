import polygonClipping from 'polygon-clipping';
import type { AreaGeometry, Bbox } from '../../common/schemas/geojson.js';
import { flattenPolygon, pointInFlatPolygon } from './flat-polygon.js';

type Ring = [number, number][];

/** The polygons of an area, each as GeoJSON rings (outer first, then holes). */
export function polygonsOf(area: AreaGeometry): number[][][][] {
  return area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
}

/**
 * The union of areas as one geometry: a Polygon when it is in one piece, else a MultiPolygon.
 * Shared powiat borders are identical in the shipped data, so they dissolve cleanly.
 */
export function unionAreas(areas: readonly AreaGeometry[]): AreaGeometry {
  const [first, ...rest] = areas.map((area) => polygonsOf(area) as Ring[][]);
  if (!first) throw new Error('unionAreas needs at least one area');
  const union = polygonClipping.union(first, ...rest);
  const only = union.length === 1 ? union[0] : undefined;
  return only ? { type: 'Polygon', coordinates: only } : { type: 'MultiPolygon', coordinates: union };
}

/** [minLon, minLat, maxLon, maxLat] of an area (outer rings suffice: holes lie inside them). */
export function bboxOf(area: AreaGeometry): Bbox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const polygon of polygonsOf(area)) {
    for (const [x = NaN, y = NaN] of polygon[0] ?? []) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Whether the point lies inside the area (holes excluded). */
export function areaContains(area: AreaGeometry, lon: number, lat: number): boolean {
  return polygonsOf(area).some((rings) => pointInFlatPolygon(flattenPolygon(rings), lon, lat));
}
