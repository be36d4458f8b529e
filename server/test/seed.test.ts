import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UnitDetail } from '../../common/schemas/unit.js';
import { areaContains, polygonsOf } from '../geo/area.js';
import { build } from './helpers.js';

test('seeding creates pl, 17 voivodeship HQs and 337 county units', async (t) => {
  const app = await build(t);
  const units = app.units.list();
  const byKind = (kind: string) => units.filter((unit) => unit.kind === kind);
  assert.equal(units.length, 1 + 17 + 337);
  assert.deepEqual(byKind('national').map((unit) => unit.id), ['pl']);
  assert.equal(byKind('voivodeship').length, 17);
  assert.equal(byKind('county').length, 337);
  assert.deepEqual(new Set(byKind('voivodeship').map((unit) => unit.acronym)), new Set(['KWP', 'KSP']));
  assert.deepEqual(new Set(byKind('county').map((unit) => unit.acronym)), new Set(['KMP', 'KPP', 'KRP']));
  const pl = units[0]!;
  assert.equal(pl.name, 'Komenda Główna Policji');
  assert.equal(pl.acronym, 'KGP');
  assert.equal(pl.children.length, 17);
});

test('every one of the 380 powiats belongs to exactly one county unit', async (t) => {
  const app = await build(t);
  const counties = app.units.list().filter((unit) => unit.kind === 'county');
  const owners = new Map<string, string[]>();
  for (const county of counties) {
    for (const { teryt } of (await app.units.find(county.id))!.powiats) owners.set(teryt, [...(owners.get(teryt) ?? []), county.id]);
  }
  assert.equal(owners.size, 380);
  const shared = [...owners].filter(([, ids]) => ids.length !== 1);
  assert.deepEqual(shared, []);
  assert.equal((await app.units.find('pl'))!.powiats.length, 380);
});

test('every county unit lies in the area of its parent HQ, and bboxes nest', async (t) => {
  const app = await build(t);
  const details = new Map<string, UnitDetail>(await Promise.all(app.units.list().map(async (unit) => [unit.id, (await app.units.find(unit.id))!] as const)));
  for (const county of [...details.values()].filter((unit) => unit.kind === 'county')) {
    const hq = details.get(county.parent!)!;
    assert.equal(hq.kind, 'voivodeship', `${county.id} has a voivodeship-level parent`);
    assert.ok(hq.children.includes(county.id));
    assert.ok(bboxWithin(county.bbox, hq.bbox), `${county.id} bbox inside ${hq.id} bbox`);
    const point = pointInside(county);
    assert.ok(areaContains(hq.area.geometry, point[0], point[1]), `${hq.id} contains a point of ${county.id}`);
    assert.ok(bboxWithin(hq.bbox, details.get('pl')!.bbox));
  }
});

test('bboxes are sane: inside Poland, min below max, and tight around the area', async (t) => {
  const app = await build(t);
  for (const unit of app.units.list()) {
    const [minLon, minLat, maxLon, maxLat] = unit.bbox;
    assert.ok(minLon < maxLon && minLat < maxLat, unit.id);
    assert.ok(minLon >= 14.1 && maxLon <= 24.2 && minLat >= 49.0 && maxLat <= 54.9, `${unit.id} ${unit.bbox}`);
  }
  const [minLon, minLat, maxLon, maxLat] = (await app.units.find('pl'))!.bbox;
  // Poland's extreme points: about 14.12 E (west), 24.15 E (east), 49.00 N (south), 54.84 N (north).
  assert.ok(Math.abs(minLon - 14.12) < 0.05 && Math.abs(maxLon - 24.15) < 0.05);
  assert.ok(Math.abs(minLat - 49.0) < 0.05 && Math.abs(maxLat - 54.84) < 0.05);
});

test('KSP and KWP zs. w Radomiu split mazowieckie: Warsaw is in KSP only, Radom in KWP only', async (t) => {
  const app = await build(t);
  const ksp = (await app.units.find('ksp'))!.area.geometry;
  const radom = (await app.units.find('kwp-radom'))!.area.geometry;
  const warsaw: [number, number] = [21.0067, 52.2319];
  const radomCity: [number, number] = [21.1472, 51.4027];
  assert.ok(areaContains(ksp, ...warsaw));
  assert.ok(!areaContains(radom, ...warsaw), 'KWP Radom has a hole where KSP is');
  assert.ok(areaContains(radom, ...radomCity));
  assert.ok(!areaContains(ksp, ...radomCity));
  assert.equal((await app.units.find('ksp'))!.powiats.length, 10);
  assert.equal((await app.units.find('kwp-radom'))!.powiats.length, 32);
});

function bboxWithin(inner: number[], outer: number[]): boolean {
  return inner[0]! >= outer[0]! && inner[1]! >= outer[1]! && inner[2]! <= outer[2]! && inner[3]! <= outer[3]!;
}

/** A point inside the unit's area: the first point of a grid over its bbox that the area contains. */
function pointInside(unit: UnitDetail): [number, number] {
  const [minLon, minLat, maxLon, maxLat] = unit.bbox;
  for (let n = 2; n <= 64; n *= 2) {
    for (let i = 1; i < n; i++) {
      for (let j = 1; j < n; j++) {
        const lon = minLon + ((maxLon - minLon) * i) / n;
        const lat = minLat + ((maxLat - minLat) * j) / n;
        if (areaContains(unit.area.geometry, lon, lat)) return [lon, lat];
      }
    }
  }
  throw new Error(`no point found inside ${unit.id} (${polygonsOf(unit.area.geometry).length} polygons)`);
}
