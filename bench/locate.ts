/**
 * Routing benchmark: how many points per second PowiatLocator assigns to a powiat, against a
 * naive loop over all 380 powiat polygons (bbox check, then ray casting) as the baseline.
 * Run with `npm run bench:locate`. Points are uniform in Poland's bbox from a fixed seed, so
 * runs are comparable; about a third fall outside Poland, which exercises the snapping path.
 */
import { polygonsOf } from '../server/geo/area.js';
import {
  degreesAround,
  distanceToFlatPolygon,
  flattenPolygon,
  pointInFlatPolygon,
  type FlatPolygon,
} from '../server/geo/flat-polygon.js';
import { PowiatLocator, SNAP_DISTANCE_METRES, type LocateHit } from '../server/geo/locator.js';
import { loadPowiatFeatures } from '../server/shipped-data.js';
import { mulberry32 } from '../server/demo/random.js';

const POINTS = 100_000;
const SEED = 20_240_601;
const ROUNDS = 5;

/** The baseline: same answers as PowiatLocator, without a spatial index. */
class NaiveLocator {
  private readonly polygons: { teryt: string; polygon: FlatPolygon }[] = [];

  constructor(powiats: { teryt: string; geometry: Parameters<typeof polygonsOf>[0] }[]) {
    for (const { teryt, geometry } of powiats) {
      for (const rings of polygonsOf(geometry)) this.polygons.push({ teryt, polygon: flattenPolygon(rings) });
    }
  }

  locate(lon: number, lat: number): LocateHit | null {
    for (const { teryt, polygon } of this.polygons) {
      const [minX, minY, maxX, maxY] = polygon.bbox;
      if (lon >= minX && lon <= maxX && lat >= minY && lat <= maxY && pointInFlatPolygon(polygon, lon, lat)) {
        return { teryt, distance: 0 };
      }
    }
    const { dLon, dLat } = degreesAround(SNAP_DISTANCE_METRES, lat);
    let best: LocateHit | null = null;
    for (const { teryt, polygon } of this.polygons) {
      const [minX, minY, maxX, maxY] = polygon.bbox;
      if (lon < minX - dLon || lon > maxX + dLon || lat < minY - dLat || lat > maxY + dLat) continue;
      const distance = distanceToFlatPolygon(polygon, lon, lat);
      if (distance > SNAP_DISTANCE_METRES) continue;
      if (!best || distance < best.distance || (distance === best.distance && teryt < best.teryt)) best = { teryt, distance };
    }
    return best;
  }
}

interface Run {
  pointsPerSecond: number;
  hits: (LocateHit | null)[];
}

function run(locate: (lon: number, lat: number) => LocateHit | null, points: Float64Array): Run {
  let best = Infinity;
  let hits: (LocateHit | null)[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const results: (LocateHit | null)[] = new Array(POINTS);
    const start = performance.now();
    for (let i = 0; i < POINTS; i++) results[i] = locate(points[2 * i]!, points[2 * i + 1]!);
    best = Math.min(best, performance.now() - start);
    hits = results;
  }
  return { pointsPerSecond: POINTS / (best / 1000), hits };
}

const features = loadPowiatFeatures();
const powiats = features.map((f) => ({ teryt: f.properties.teryt, geometry: f.geometry }));

let buildStart = performance.now();
const locator = new PowiatLocator(powiats);
const buildMs = performance.now() - buildStart;
buildStart = performance.now();
const naive = new NaiveLocator(powiats);
const naiveBuildMs = performance.now() - buildStart;

// Poland's bbox from the data itself.
let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
for (const { geometry } of powiats) {
  for (const rings of polygonsOf(geometry)) {
    const [x0, y0, x1, y1] = flattenPolygon(rings).bbox;
    [minLon, minLat, maxLon, maxLat] = [Math.min(minLon, x0), Math.min(minLat, y0), Math.max(maxLon, x1), Math.max(maxLat, y1)];
  }
}
const random = mulberry32(SEED);
const points = new Float64Array(POINTS * 2);
for (let i = 0; i < POINTS; i++) {
  points[2 * i] = minLon + random() * (maxLon - minLon);
  points[2 * i + 1] = minLat + random() * (maxLat - minLat);
}

const indexed = run((lon, lat) => locator.locate(lon, lat), points);
const baseline = run((lon, lat) => naive.locate(lon, lat), points);

const inside = indexed.hits.filter((hit) => hit?.distance === 0).length;
const snapped = indexed.hits.filter((hit) => hit && hit.distance > 0).length;
const outside = indexed.hits.filter((hit) => !hit).length;
const disagreements = indexed.hits.filter((hit, i) => hit?.teryt !== baseline.hits[i]?.teryt).length;
const format = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(`locate: ${format(POINTS)} random points in Poland's bbox [${[minLon, minLat, maxLon, maxLat].join(', ')}], seed ${SEED}, best of ${ROUNDS} rounds`);
console.log(`  ${features.length} powiats; index built in ${buildMs.toFixed(1)} ms (naive setup ${naiveBuildMs.toFixed(1)} ms)`);
console.log(`  inside a powiat: ${format(inside)}, snapped (≤ ${SNAP_DISTANCE_METRES} m): ${format(snapped)}, outside Poland: ${format(outside)}`);
console.log(`  PowiatLocator (Flatbush):   ${format(indexed.pointsPerSecond)} points/s`);
console.log(`  naive loop over polygons:   ${format(baseline.pointsPerSecond)} points/s`);
console.log(`  speedup: ${(indexed.pointsPerSecond / baseline.pointsPerSecond).toFixed(1)}x; answers that differ: ${disagreements}`);
console.log(`  target ≥ 200,000 points/s: ${indexed.pointsPerSecond >= 200_000 ? 'met' : 'NOT met'}`);
