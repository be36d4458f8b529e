/**
 * The store port's contract, the public map (ReportMapStore): unit scopes, points and exact
 * clusters under every filter, the visibility windows, the sweep and the data version, on
 * both stores, each against a plain loop over its reports; then both stores side by side,
 * answering the same questions about the same reports byte for byte. (Harness:
 * store-contract-harness.ts; data and questions: map-contract-data.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportMapQuery } from '../../common/schemas/report-map.js';
import { DAY_MS } from '../../common/visibility.js';
import { GRID_BASE_ZOOM, gridAt } from '../store/map-grid.js';
import { OTHERS_CHECK_MS } from '../store/report-map.js';
import { ask, expected, mapReports, mapService, pointIds, writeReports, type MapReport } from './map-contract-data.js';
import { contract, openPg, openSqlite, pgSkip, report, insert, type Harness } from './store-contract-harness.js';

/** The time the data is built around: tomorrow, so that a sweep to it moves every store's cuts. */
function baseTime(): number {
  return Math.ceil((Date.now() + DAY_MS) / 60_000) * 60_000;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Questions of every kind: units, zooms, boxes (with and without whole cells, on a cell's edge), filters, periods. */
function questions(base: number): ReportMapQuery[] {
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  // A box starting exactly on a base cell's edge near Legnica (cell 446, 521).
  const edge = [446 * cellLon - 180, 521 * cellLat - 90, 449 * cellLon - 180, 524 * cellLat - 90].join(',');
  return [
    { unit: 'kmp-legnica' }, { unit: 'kwp-wroclaw' }, { unit: 'pl' },
    { unit: 'pl', zoom: 3 }, { unit: 'pl', zoom: 6 }, { unit: 'pl', zoom: 8 }, { unit: 'pl', zoom: 10 }, { unit: 'kwp-wroclaw', zoom: 12 },
    { unit: 'pl', zoom: 7, bbox: '15.5,50.4,17.1,51.6' },
    { unit: 'kwp-wroclaw', zoom: 9, bbox: '16.0,51.1,16.3,51.3' },
    { unit: 'pl', zoom: 8, bbox: edge },
    // One whole cell inside, reports in the box on all four sides of it and outside it.
    { unit: 'pl', zoom: 8, bbox: '15.75,50.95,16.6,51.45' },
    { unit: 'kwp-wroclaw', zoom: 7, bbox: '15.75,50.95,16.6,51.45', statuses: 'new,eliminated,not_confirmed' },
    { unit: 'pl', zoom: 6, categories: 'vandalism,dangerous_entertainment,drug_use' },
    { unit: 'pl', zoom: 6, statuses: 'eliminated,not_confirmed,prank' },
    { unit: 'pl', zoom: 6, since: day(base - 200 * DAY_MS), until: new Date(base - 30 * DAY_MS + 5 * 3_600_000).toISOString() },
    { unit: 'pl', zoom: 9, since: new Date(base - 400 * DAY_MS + 7 * 3_600_000).toISOString() },
    { unit: 'kmp-olsztyn', until: day(base - 100 * DAY_MS) },
    // Periods the aggregate answers as buckets minus days: from the 4th of a month on, up to the 20th.
    { unit: 'pl', zoom: 7, since: `${day(base - 270 * DAY_MS).slice(0, 8)}04` },
    { unit: 'kwp-wroclaw', zoom: 8, until: day(Date.parse(`${day(base).slice(0, 8)}01`) - 12 * DAY_MS) },
  ];
}

/** Before the cuts (window reports the sweep took out come back), at them, and after them (reports the aggregate still holds leave). */
const asked = (base: number) => [base - 10 * DAY_MS, base, base + 10 * DAY_MS, base + 40 * DAY_MS];

async function filled(h: Harness, reports: readonly MapReport[], base: number): Promise<void> {
  await writeReports(h, reports);
  await h.store.reportMap.sweep(new Date(base));
}

contract("map: a unit's scope is its subtree and its area's box", async (h) => {
  const legnica = await h.store.reportMap.scope('kmp-legnica');
  assert.equal(legnica?.kind, 'county');
  assert.ok(legnica!.units.includes('kmp-legnica'));
  const [minLon, minLat, maxLon, maxLat] = legnica!.bbox;
  assert.ok(minLon < 16.16 && 16.16 < maxLon && minLat < 51.21 && 51.21 < maxLat);
  const voivodeship = await h.store.reportMap.scope('kwp-wroclaw');
  assert.ok(voivodeship!.units.includes('kmp-legnica') && voivodeship!.units.includes('kmp-walbrzych'));
  assert.deepEqual(voivodeship!.units, [...voivodeship!.units].sort(), 'in id order');
  const national = await h.store.reportMap.scope('pl');
  assert.equal(national?.kind, 'national');
  assert.ok(national!.units.length > 300);
  assert.equal(await h.store.reportMap.scope('no-such-unit'), undefined);
});

contract('map: points up to the limit, then exact clusters, under every filter and at every time', async (h) => {
  const base = baseTime();
  const reports = mapReports(300, base);
  await filled(h, reports, base);
  for (const pointLimit of [2000, 15]) {
    const { service, categories } = await mapService(h.store, pointLimit);
    for (const query of questions(base)) {
      const scope = (await h.store.reportMap.scope(query.unit!))!;
      for (const now of asked(base)) {
        const { map } = await ask(service, query, now);
        const matches = expected(reports, query, scope.units, categories, now);
        const label = `${JSON.stringify(query)} at ${new Date(now).toISOString()}, limit ${pointLimit}`;
        assert.equal(map.total, matches.length, label);
        assert.equal(map.clustered, matches.length > pointLimit, label);
        if (!map.clustered) assert.deepEqual(pointIds(map), matches.map((r) => r.id).sort(), label);
        else assert.equal(map.features.reduce((sum, f) => sum + (f.properties.kind === 'cluster' ? f.properties.count : 0), 0), matches.length, label);
      }
    }
  }
});

contract('map: rejected and closed reports leave the map when their window ends; some never show', async (h) => {
  const base = baseTime();
  const at = new Date(base - 60 * DAY_MS).toISOString();
  const shown = (status: MapReport['status'], category = 'vandalism', changed = base): MapReport =>
    ({ ...report({ category, createdAt: at }), status, updatedAt: new Date(changed).toISOString() });
  const reports = [
    shown('not_confirmed'), shown('eliminated'), shown('prank'), shown('hidden'), shown('confirmed', 'drug_use'),
    shown('new', 'dangerous_entertainment'), shown('confirmed', 'dangerous_entertainment'), shown('forwarded', 'speeding', base - 400 * DAY_MS),
  ];
  await filled(h, reports, base);
  const { service } = await mapService(h.store, 2000);
  const ids = async (now: number) => pointIds((await ask(service, { unit: 'kmp-legnica' }, now)).map);
  const [notConfirmed, eliminated, , , , , confirmedEntertainment, forwarded] = reports.map((r) => r.id);
  const always = [confirmedEntertainment!, forwarded!];
  assert.deepEqual(await ids(base + 7 * DAY_MS), [notConfirmed!, eliminated!, ...always].sort(), 'not_confirmed to the end of its 7 days');
  assert.deepEqual(await ids(base + 7 * DAY_MS + 1), [eliminated!, ...always].sort(), 'then gone');
  assert.deepEqual(await ids(base + 30 * DAY_MS), [eliminated!, ...always].sort(), 'eliminated to the end of its 30 days');
  assert.deepEqual(await ids(base + 31 * DAY_MS), always.sort(), 'then gone');
  // The aggregate's cuts moved past both windows: the counts (clusters) agree with the points.
  await h.store.reportMap.sweep(new Date(base + 31 * DAY_MS));
  const { service: clustering } = await mapService(h.store, 1);
  assert.equal((await ask(clustering, { unit: 'kmp-legnica' }, base + 31 * DAY_MS)).map.total, 2);
  assert.equal((await ask(clustering, { unit: 'kmp-legnica' }, base)).map.total, 4, 'asked earlier, the closed ones count again');
});

contract('map: a sweep changes no answer', async (h) => {
  const base = baseTime();
  await writeReports(h, mapReports(200, base));
  const { service } = await mapService(h.store, 10);
  for (const now of [base, base + 20 * DAY_MS]) {
    const before = await Promise.all(questions(base).map((q) => ask(service, q, now)));
    await h.store.reportMap.sweep(new Date(now));
    const after = await Promise.all(questions(base).map((q) => ask(service, q, now)));
    assert.deepEqual(after.map((a) => a.body), before.map((a) => a.body));
  }
});

contract("map: a unit's version moves at once with this instance's writes, within OTHERS_CHECK_MS with another's, and only in its subtree", async (h) => {
  const map = h.store.reportMap;
  const t0 = 1_000_000;
  const v0 = await map.unitVersion('kwp-wroclaw', t0);
  assert.equal(await map.unitVersion('kwp-wroclaw', t0 + 1), v0, 'nothing written');
  await insert(h, report({ unitId: 'kmp-legnica' }));
  const v1 = await map.unitVersion('kwp-wroclaw', t0 + 2);
  assert.notEqual(v1, v0, "this instance's write shows at once");
  const olsztyn = await map.unitVersion('kwp-olsztyn', t0 + 2);

  const other = await h.another();
  await other.unit(async (tx) => void await tx.reports.insert(report({ unitId: 'kmp-walbrzych' })));
  assert.equal(await map.unitVersion('kwp-wroclaw', t0 + 3), v1, 'read at most every OTHERS_CHECK_MS');
  const v2 = await map.unitVersion('kwp-wroclaw', t0 + 2 + OTHERS_CHECK_MS);
  assert.notEqual(v2, v1, "another instance's write is seen once the interval has passed");
  assert.equal(await map.unitVersion('kwp-olsztyn', t0 + 2 + OTHERS_CHECK_MS), olsztyn, 'a write elsewhere leaves other units alone');
  assert.notEqual(await other.reportMap.unitVersion('pl'), await other.reportMap.unitVersion('kwp-olsztyn'));
});

test('map: both stores give the same answers to the same questions about the same reports, byte for byte', { skip: pgSkip }, async (t) => {
  const [lite, pg] = [await openSqlite(t), await openPg(t)];
  const base = baseTime();
  const reports = mapReports(400, base, 52);
  for (const h of [lite, pg]) await filled(h, reports, base);
  for (const unit of ['pl', 'kwp-wroclaw', 'kmp-legnica']) {
    assert.deepEqual(await pg.store.reportMap.scope(unit), await lite.store.reportMap.scope(unit), unit);
  }
  let clustered = 0;
  for (const pointLimit of [2000, 20]) {
    const [a, b] = [await mapService(lite.store, pointLimit), await mapService(pg.store, pointLimit)];
    for (const query of questions(base)) {
      for (const now of asked(base)) {
        const [x, y] = [await ask(a.service, query, now), await ask(b.service, query, now)];
        assert.equal(y.body, x.body, `${JSON.stringify(query)} at ${new Date(now).toISOString()}, limit ${pointLimit}`);
        assert.equal(y.etag, x.etag);
        if (x.map.clustered) clustered++;
      }
    }
  }
  assert.ok(clustered > 30, `clustered answers compared: ${clustered}`);
});

test('postgres: two instances sweeping at once take each report out of the aggregate once', { skip: pgSkip }, async (t) => {
  const h = await openPg(t);
  const base = baseTime();
  await writeReports(h, mapReports(300, base, 7));
  const other = await h.another();
  const later = new Date(base + 15 * DAY_MS);
  await Promise.all([h.store.reportMap.sweep(later), other.reportMap.sweep(later), h.store.reportMap.sweep(later)]);
  // What map_cells' all-time bucket holds against a count of the reports it should hold.
  const held = await h.value("SELECT coalesce(sum(n), 0) FROM map_cells WHERE period = 'A'");
  const counted = await h.value(`SELECT count(*) FROM reports r JOIN map_cuts c ON c.status = r.status
    WHERE r.updated_at >= c.cut`);
  const forever = await h.value("SELECT count(*) FROM reports WHERE status IN ('new', 'verifying', 'confirmed', 'forwarded')");
  assert.equal(Number(held), Number(counted) + Number(forever));
  assert.equal(await h.value("SELECT cut FROM map_cuts WHERE status = 'eliminated'"), new Date(later.getTime() - 30 * DAY_MS).toISOString());
});
