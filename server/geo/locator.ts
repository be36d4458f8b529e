import Flatbush from 'flatbush';
import type { AreaGeometry } from '../../common/schemas/geojson.js';
import { polygonsOf } from './area.js';
import {
  degreesAround,
  distanceToFlatPolygon,
  flattenPolygon,
  pointInFlatPolygon,
  type FlatPolygon,
} from './flat-polygon.js';

/** A powiat as the locator needs it: its TERYT code and its boundary. */
export interface PowiatShape {
  teryt: string;
  geometry: AreaGeometry;
}

/** Where a point belongs: the powiat, and 0 or the metres it was snapped over. */
export interface LocateHit {
  teryt: string;
  distance: number;
}

/**
 * The shipped boundaries are simplified: a few points near the coast or the national border
 * fall in no polygon. Within this distance they go to the nearest powiat; farther away they
 * are outside Poland.
 */
export const SNAP_DISTANCE_METRES = 2000;

/**
 * Finds the powiat that contains a point. A Flatbush R-tree over the bounding boxes of the
 * powiats' polygons narrows 380 powiats to the two or three whose boxes hold the point, and
 * ray casting decides among them; built once at start and read-only afterwards.
 */
export class PowiatLocator {
  private readonly polygons: FlatPolygon[] = [];
  /** Index into `teryts` for each polygon (a MultiPolygon powiat has several). */
  private readonly owners: number[] = [];
  private readonly teryts: string[] = [];
  private readonly index: Flatbush;
  // The query point, kept on the instance so the Flatbush filter needs no closure per call.
  private qx = 0;
  private qy = 0;
  private found = -1;
  private readonly containsQuery = (i: number): boolean => {
    if (!pointInFlatPolygon(this.polygons[i]!, this.qx, this.qy)) return false;
    this.found = i;
    return true;
  };

  /** @param powiats the powiats to route into; their areas should not overlap. */
  constructor(powiats: readonly PowiatShape[], private readonly snapDistance = SNAP_DISTANCE_METRES) {
    for (const powiat of powiats) {
      const owner = this.teryts.push(powiat.teryt) - 1;
      for (const rings of polygonsOf(powiat.geometry)) {
        this.polygons.push(flattenPolygon(rings));
        this.owners.push(owner);
      }
    }
    if (this.polygons.length === 0) throw new Error('PowiatLocator needs at least one powiat');
    this.index = new Flatbush(this.polygons.length);
    for (const { bbox } of this.polygons) this.index.add(bbox[0], bbox[1], bbox[2], bbox[3]);
    this.index.finish();
  }

  /** Number of powiats the locator routes into. */
  get size(): number {
    return this.teryts.length;
  }

  /**
   * The powiat of a point (lon, lat in WGS84 degrees): the one containing it (distance 0),
   * else the nearest within the snap distance, else null (outside Poland).
   */
  locate(lon: number, lat: number): LocateHit | null {
    const inside = this.containing(lon, lat);
    if (inside >= 0) return { teryt: this.terytOf(inside), distance: 0 };
    return this.nearest(lon, lat);
  }

  /** Index of the polygon containing the point, or -1. */
  private containing(lon: number, lat: number): number {
    this.qx = lon;
    this.qy = lat;
    this.found = -1;
    this.index.collides(lon, lat, lon, lat, this.containsQuery);
    return this.found;
  }

  private nearest(lon: number, lat: number): LocateHit | null {
    const { dLon, dLat } = degreesAround(this.snapDistance, lat);
    let best = -1;
    let bestDistance = Infinity;
    for (const i of this.index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const distance = distanceToFlatPolygon(this.polygons[i]!, lon, lat);
      // Neighbours share border vertices, so exact ties happen; the lower TERYT wins, so the
      // answer does not depend on the order of the index.
      if (distance < bestDistance || (distance === bestDistance && this.terytOf(i) < this.terytOf(best))) {
        bestDistance = distance;
        best = i;
      }
    }
    if (best < 0 || bestDistance > this.snapDistance) return null;
    return { teryt: this.terytOf(best), distance: bestDistance };
  }

  private terytOf(polygon: number): string {
    return this.teryts[this.owners[polygon]!]!;
  }
}
