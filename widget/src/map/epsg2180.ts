import { addCoordinateTransforms, addEquivalentProjections, addProjection, get as getProjection, fromLonLat, toLonLat } from 'ol/proj.js';
import Projection from 'ol/proj/Projection.js';

/**
 * EPSG:2180 (PUWG 1992), the Polish national grid GUGiK's WMTS serves its tiles in: transverse
 * Mercator on GRS80, central meridian 19° E, scale 0.9993, false easting 500 km, false northing
 * −5,300 km. Written out here (Krüger's series to the third order, as in Karney 2011, millimetres
 * within Poland) instead of adding proj4 and its definitions for one projection.
 */
const A_AXIS = 6378137;
const F = 1 / 298.257222101;
const K0 = 0.9993;
const LON0 = (19 * Math.PI) / 180;
const E0 = 500000;
const N0 = -5300000;

const n = F / (2 - F);
const A = (A_AXIS / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
const ALPHA = [n / 2 - (2 / 3) * n ** 2 + (5 / 16) * n ** 3, (13 / 48) * n ** 2 - (3 / 5) * n ** 3, (61 / 240) * n ** 3];
const BETA = [n / 2 - (2 / 3) * n ** 2 + (37 / 96) * n ** 3, (1 / 48) * n ** 2 + (1 / 15) * n ** 3, (17 / 480) * n ** 3];
const DELTA = [2 * n - (2 / 3) * n ** 2 - 2 * n ** 3, (7 / 3) * n ** 2 - (8 / 5) * n ** 3, (56 / 15) * n ** 3];
const C = (2 * Math.sqrt(n)) / (1 + n);

/** WGS84 (GRS80: the same ellipsoid to a tenth of a millimetre) longitude, latitude in degrees → EPSG:2180 easting, northing. */
export function to2180([lon, lat]: number[]): number[] {
  const phi = (lat! * Math.PI) / 180;
  const lambda = (lon! * Math.PI) / 180 - LON0;
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - C * Math.atanh(C * Math.sin(phi)));
  const xi = Math.atan2(t, Math.cos(lambda));
  const eta = Math.atanh(Math.sin(lambda) / Math.sqrt(1 + t * t));
  let e = eta;
  let north = xi;
  ALPHA.forEach((a, i) => {
    const j = 2 * (i + 1);
    e += a * Math.cos(j * xi) * Math.sinh(j * eta);
    north += a * Math.sin(j * xi) * Math.cosh(j * eta);
  });
  return [E0 + K0 * A * e, N0 + K0 * A * north];
}

/** EPSG:2180 easting, northing → longitude, latitude in degrees. */
export function from2180([easting, northing]: number[]): number[] {
  const xi = (northing! - N0) / (K0 * A);
  const eta = (easting! - E0) / (K0 * A);
  let xiP = xi;
  let etaP = eta;
  BETA.forEach((b, i) => {
    const j = 2 * (i + 1);
    xiP -= b * Math.sin(j * xi) * Math.cosh(j * eta);
    etaP -= b * Math.cos(j * xi) * Math.sinh(j * eta);
  });
  const chi = Math.asin(Math.sin(xiP) / Math.cosh(etaP));
  let phi = chi;
  DELTA.forEach((d, i) => (phi += d * Math.sin(2 * (i + 1) * chi)));
  const lambda = LON0 + Math.atan2(Math.sinh(etaP), Math.cos(xiP));
  return [(lambda * 180) / Math.PI, (phi * 180) / Math.PI];
}

/** Applies a point transform to a flat coordinate array (OL's transform function shape). */
function flat(transform: (c: number[]) => number[]) {
  return (input: number[], output?: number[], dimension = 2): number[] => {
    const out = output ?? new Array<number>(input.length);
    for (let i = 0; i < input.length; i += dimension) {
      const [x, y] = transform([input[i]!, input[i + 1]!]);
      out[i] = x!;
      out[i + 1] = y!;
    }
    return out;
  };
}

/**
 * Registers EPSG:2180 with OpenLayers (and its URN, as WMTS capabilities name it), with its
 * transforms to and from WGS84 and Web Mercator, once. Northing first ('neu'), as the EPSG
 * definition and GUGiK's capabilities have it: OL then reads their corners the right way round.
 */
export function registerEpsg2180(): Projection {
  const known = getProjection('EPSG:2180');
  if (known) return known;
  const projection = new Projection({ code: 'EPSG:2180', units: 'm', axisOrientation: 'neu', extent: [140000, 120000, 880000, 920000] });
  const urn = new Projection({ code: 'urn:ogc:def:crs:EPSG::2180', units: 'm', axisOrientation: 'neu', extent: projection.getExtent() });
  addProjection(projection);
  addProjection(urn);
  addEquivalentProjections([projection, urn]);
  for (const code of [projection, urn]) {
    addCoordinateTransforms('EPSG:4326', code, flat(to2180), flat(from2180));
    addCoordinateTransforms('EPSG:3857', code, flat((c) => to2180(toLonLat(c))), flat((c) => fromLonLat(from2180(c))));
  }
  return projection;
}
