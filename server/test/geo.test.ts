import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AreaGeometry } from '../../common/schemas/geojson.js';
import { areaContains, bboxOf, unionAreas } from '../geo/area.js';
import { distanceToFlatPolygon, flattenPolygon, pointInFlatPolygon } from '../geo/flat-polygon.js';
import { PowiatLocator } from '../geo/locator.js';

/** A closed square ring from (x, y) with side `size` degrees. */
function square(x: number, y: number, size: number): number[][] {
  return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
}

const withHole: AreaGeometry = { type: 'Polygon', coordinates: [square(20, 50, 1), square(20.4, 50.4, 0.2)] };

test('point in polygon respects holes', () => {
  const polygon = flattenPolygon(withHole.coordinates);
  assert.ok(pointInFlatPolygon(polygon, 20.1, 50.1));
  assert.ok(!pointInFlatPolygon(polygon, 20.5, 50.5), 'inside the hole');
  assert.ok(!pointInFlatPolygon(polygon, 21.5, 50.5), 'outside');
  assert.deepEqual(polygon.bbox, [20, 50, 21, 51]);
});

test('distance to a polygon is in metres along the nearest edge', () => {
  const polygon = flattenPolygon(withHole.coordinates);
  // 0.01° of latitude is about 1112 m; of longitude at 50.5° N about 707 m.
  assert.ok(Math.abs(distanceToFlatPolygon(polygon, 20.5, 51.01) - 1112) < 2);
  assert.ok(Math.abs(distanceToFlatPolygon(polygon, 21.01, 50.5) - 707) < 2);
  // In the hole the nearest edge is the hole's.
  assert.ok(Math.abs(distanceToFlatPolygon(polygon, 20.5, 50.59) - 1112) < 2);
});

test('union of touching squares is one polygon; of apart squares a MultiPolygon', () => {
  const a: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 1)] };
  const b: AreaGeometry = { type: 'Polygon', coordinates: [square(1, 0, 1)] };
  const c: AreaGeometry = { type: 'Polygon', coordinates: [square(5, 5, 1)] };
  const ab = unionAreas([a, b]);
  assert.equal(ab.type, 'Polygon');
  assert.deepEqual(bboxOf(ab), [0, 0, 2, 1]);
  assert.ok(areaContains(ab, 1, 0.5), 'the shared edge dissolved');
  const ac = unionAreas([a, c]);
  assert.equal(ac.type, 'MultiPolygon');
  assert.deepEqual(bboxOf(ac), [0, 0, 6, 6]);
  assert.ok(areaContains(ac, 5.5, 5.5) && !areaContains(ac, 3, 3));
});

test('the locator finds the containing powiat, snaps within the distance, and gives up beyond', () => {
  const locator = new PowiatLocator(
    [
      { teryt: '0001', geometry: withHole },
      { teryt: '0002', geometry: { type: 'Polygon', coordinates: [square(20.4, 50.4, 0.2)] } },
      { teryt: '0003', geometry: { type: 'MultiPolygon', coordinates: [[square(21, 50, 1)], [square(23, 50, 1)]] } },
    ],
    2000,
  );
  assert.equal(locator.size, 3);
  assert.deepEqual(locator.locate(20.1, 50.1), { teryt: '0001', distance: 0 });
  assert.deepEqual(locator.locate(20.5, 50.5), { teryt: '0002', distance: 0 }, 'the enclave, not the ring around it');
  assert.deepEqual(locator.locate(23.5, 50.5), { teryt: '0003', distance: 0 }, 'second part of a MultiPolygon');
  const snapped = locator.locate(20.5, 51.01);
  assert.equal(snapped?.teryt, '0001');
  assert.ok(snapped && Math.abs(snapped.distance - 1112) < 2);
  assert.equal(locator.locate(20.5, 51.02), null, 'about 2224 m away');
  assert.equal(locator.locate(22.5, 50.5)?.teryt ?? null, null, 'between the parts, 70 km from both');
});
