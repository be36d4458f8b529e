import type { Bbox } from '../../common/schemas/geojson.js';

/** Metres per degree of latitude on the mean Earth sphere (R = 6 371 008.8 m). */
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

/**
 * One polygon (outer ring and holes) packed into typed arrays. Routing tests millions of
 * edges, and walking a flat Float64Array is several times faster than nested GeoJSON arrays.
 */
export interface FlatPolygon {
  /** x0, y0, x1, y1, ... of all rings, each ring closed (first point repeated last). */
  readonly coords: Float64Array;
  /** Index in `coords` (in numbers, not points) where each ring ends, exclusive. */
  readonly ringEnds: Uint32Array;
  readonly bbox: Bbox;
}

/** Packs GeoJSON polygon coordinates (outer ring first, then holes) into a FlatPolygon. */
export function flattenPolygon(rings: readonly (readonly (readonly number[])[])[]): FlatPolygon {
  const size = rings.reduce((n, ring) => n + ring.length * 2, 0);
  const coords = new Float64Array(size);
  const ringEnds = new Uint32Array(rings.length);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  let k = 0;
  rings.forEach((ring, r) => {
    for (const [x = NaN, y = NaN] of ring) {
      coords[k++] = x;
      coords[k++] = y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    ringEnds[r] = k;
  });
  return { coords, ringEnds, bbox: [minX, minY, maxX, maxY] };
}

/**
 * Even-odd ray casting over every ring at once: a point in a hole crosses the outer ring and
 * the hole's ring, so holes need no special case. Points exactly on an edge may go either
 * way; neighbouring powiats share their edges, so such a point still lands in one of them.
 */
export function pointInFlatPolygon(polygon: FlatPolygon, x: number, y: number): boolean {
  const { coords, ringEnds } = polygon;
  let inside = false;
  let start = 0;
  for (let r = 0; r < ringEnds.length; r++) {
    const end = ringEnds[r]!;
    for (let i = start, j = end - 2; i < end; j = i, i += 2) {
      const yi = coords[i + 1]!, yj = coords[j + 1]!;
      if (yi > y !== yj > y) {
        const xi = coords[i]!, xj = coords[j]!;
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    start = end;
  }
  return inside;
}

/**
 * Distance in metres from a point to the nearest edge of a polygon (0 is not returned for
 * inside points: callers test containment first). Uses an equirectangular projection centred
 * on the point, which is accurate to well under 1 % over the few kilometres this is used for.
 */
export function distanceToFlatPolygon(polygon: FlatPolygon, x: number, y: number): number {
  const { coords, ringEnds } = polygon;
  const kx = METRES_PER_DEGREE * Math.cos((y * Math.PI) / 180);
  const ky = METRES_PER_DEGREE;
  let best = Infinity;
  let start = 0;
  for (let r = 0; r < ringEnds.length; r++) {
    const end = ringEnds[r]!;
    for (let i = start + 2; i < end; i += 2) {
      const ax = (coords[i - 2]! - x) * kx, ay = (coords[i - 1]! - y) * ky;
      const bx = (coords[i]! - x) * kx, by = (coords[i + 1]! - y) * ky;
      const d = squaredDistanceToSegment(ax, ay, bx, by);
      if (d < best) best = d;
    }
    start = end;
  }
  return Math.sqrt(best);
}

/** Squared distance from the origin to the segment a-b. */
function squaredDistanceToSegment(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
  const px = ax + t * dx, py = ay + t * dy;
  return px * px + py * py;
}

/** Degrees of longitude and latitude that span at least `metres` around latitude `lat`. */
export function degreesAround(metres: number, lat: number): { dLon: number; dLat: number } {
  const cos = Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
  return { dLon: metres / (METRES_PER_DEGREE * cos), dLat: metres / METRES_PER_DEGREE };
}
