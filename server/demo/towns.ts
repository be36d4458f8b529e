import type { AreaGeometry } from '../../common/schemas/geojson.js';
import { polygonsOf } from '../geo/area.js';

/** A place demo reports cluster around. */
export interface Town {
  lon: number;
  lat: number;
  /** Relative share of the reports. */
  weight: number;
  /** Standard deviation of the scatter around the centre, metres. */
  spread: number;
}

const KM_PER_DEGREE = 111.32;

/**
 * Demo towns from the powiat boundaries alone (no gazetteer is shipped): a city with powiat
 * rights (TERYT digits 3-4 of 61 and above, e.g. 2862 Olsztyn) is its polygon's centroid,
 * weighted by its area as a rough stand-in for population; a land powiat contributes its
 * centroid, usually near its seat town, with a wider scatter and a smaller weight.
 */
export function townsFromPowiats(powiats: readonly { teryt: string; geometry: AreaGeometry }[]): Town[] {
  return powiats.map(({ teryt, geometry }) => {
    const { lon, lat, km2 } = centroidOf(geometry);
    const city = Number(teryt.slice(2)) >= 61;
    const radius = Math.sqrt(km2) * 1000;
    return city
      ? { lon, lat, weight: 1 + km2 / 10, spread: radius / 4 }
      : { lon, lat, weight: 2, spread: radius / 5 };
  });
}

/** Area-weighted centroid and area (km²) of the largest polygon's outer ring. */
function centroidOf(geometry: AreaGeometry): { lon: number; lat: number; km2: number } {
  let best = { lon: 0, lat: 0, km2: -1 };
  for (const [outer] of polygonsOf(geometry)) {
    if (!outer) continue;
    let twiceArea = 0, cx = 0, cy = 0;
    for (let i = 0; i + 1 < outer.length; i++) {
      const [x0, y0] = outer[i] as [number, number];
      const [x1, y1] = outer[i + 1] as [number, number];
      const cross = x0 * y1 - x1 * y0;
      twiceArea += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (twiceArea === 0) continue;
    const lon = cx / (3 * twiceArea), lat = cy / (3 * twiceArea);
    const km2 = (Math.abs(twiceArea) / 2) * KM_PER_DEGREE ** 2 * Math.cos((lat * Math.PI) / 180);
    if (km2 > best.km2) best = { lon, lat, km2 };
  }
  return best;
}
