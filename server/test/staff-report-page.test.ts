import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StaffReport } from '../../common/schemas/staff.js';
import { build } from './helpers.js';
import { OLSZTYN, newDevice, postReport } from './report-helpers.js';
import { addStaff, logIn, staffInject } from './staff-helpers.js';

/** The report page's extra facts: confirmation dates, routing, and open reports nearby. */
test('a report in full has its confirmation dates, its powiat, and the open reports nearby (not far ones, not closed ones)', async (t) => {
  const app = await build(t, { reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 } });
  await addStaff(app, 'officer', 'officer', 'kwp-olsztyn');
  const cookie = await logIn(app, 'officer');
  const post = async (body: Record<string, unknown>) => {
    const response = await postReport(app, { category: 'illegal_parking', ...body });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>().id;
  };
  const id = await post(OLSZTYN);
  // ~110 m north, another category: a possible duplicate all the same.
  const near = await post({ lon: OLSZTYN.lon, lat: OLSZTYN.lat + 0.001, category: 'vandalism' });
  // ~1.1 km away: not near.
  await post({ lon: OLSZTYN.lon, lat: OLSZTYN.lat + 0.01 });
  // Near but closed (prank): not offered.
  const closed = await post({ lon: OLSZTYN.lon + 0.0005, lat: OLSZTYN.lat });
  for (const [status, version] of [['verifying', 1], ['prank', 2]] as const) {
    const moved = await staffInject(app, cookie, { method: 'POST', url: `/api/v1/staff/reports/${closed}/status`, payload: { status, version } });
    assert.equal(moved.statusCode, 200, moved.body);
  }
  for (let n = 0; n < 2; n++) {
    const confirmed = await app.inject({ method: 'POST', url: `/api/v1/reports/${id}/confirmations`, headers: { 'KMZB-Device': newDevice() }, remoteAddress: `192.0.2.${10 + n}` });
    assert.equal(confirmed.statusCode, 201, confirmed.body);
  }

  const report = (await staffInject(app, cookie, { method: 'GET', url: `/api/v1/staff/reports/${id}` })).json<StaffReport>();
  assert.equal(report.confirmations, 2);
  assert.equal(report.confirmedAt?.length, 2);
  assert.ok(report.confirmedAt!.every((at) => !Number.isNaN(Date.parse(at))));
  assert.deepEqual(report.routing, {
    powiat: { teryt: '2862', name: 'powiat Olsztyn' }, voivodeship: report.routing!.voivodeship, snappedMetres: 0,
  });
  assert.match(report.routing!.voivodeship.name, /warmińsko-mazurskie/i);
  assert.deepEqual(report.nearby?.map((r) => [r.id, r.category]), [[near, 'vandalism']]);
  assert.ok(Math.abs(report.nearby![0]!.distance - 111) <= 3, `distance ${report.nearby![0]!.distance}`);
});

test('a place snapped to the nearest powiat says how far it was snapped', async (t) => {
  const app = await build(t, { reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 } });
  await addStaff(app, 'officer', 'officer', 'kwp-gdansk');
  const cookie = await logIn(app, 'officer');
  // 1 km at sea north of Rozewie (powiat pucki), as in the locate test.
  const response = await postReport(app, { category: 'water_danger', lon: 18.32937, lat: 54.84432 });
  assert.equal(response.statusCode, 201, response.body);
  const { id } = response.json<{ id: string }>();
  const report = (await staffInject(app, cookie, { method: 'GET', url: `/api/v1/staff/reports/${id}` })).json<StaffReport>();
  assert.equal(report.routing?.powiat.teryt, '2211');
  assert.ok(Math.abs(report.routing!.snappedMetres - 1000) <= 15, `snapped ${report.routing!.snappedMetres}`);
});
