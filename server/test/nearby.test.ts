import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiPath, apiPath } from '../../common/api.js';
import type { ErrorBody } from '../../common/errors.js';
import type { ConfirmationCreated, NearbyReports, ReportCreated } from '../../common/schemas/report.js';
import { build } from './helpers.js';
import { changeStatus } from './pg-a-helpers.js';
import { sqlOf } from './test-sql.js';
import { OLSZTYN, newDevice, postReport } from './report-helpers.js';

/** Degrees of latitude per metre on the sphere the server measures on. */
const DEG_PER_METRE = 1 / ((6_371_008.8 * Math.PI) / 180);

type App = Awaited<ReturnType<typeof build>>;
let ipCounter = 0;

async function reportAt(app: App, metresNorth: number, category = 'illegal_parking'): Promise<string> {
  ipCounter++;
  const response = await postReport(
    app,
    { lon: OLSZTYN.lon, lat: OLSZTYN.lat + metresNorth * DEG_PER_METRE, category },
    { ip: `198.51.100.${ipCounter % 250}` },
  );
  assert.equal(response.statusCode, 201, response.body);
  return response.json<ReportCreated>().id;
}

async function nearby(app: App, category = 'illegal_parking'): Promise<NearbyReports['reports']> {
  const response = await app.inject(`${ApiPath.reportsNearby}?lon=${OLSZTYN.lon}&lat=${OLSZTYN.lat}&category=${category}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<NearbyReports>().reports;
}

function confirm(app: App, id: string, device: string = newDevice()) {
  return app.inject({ method: 'POST', url: apiPath(ApiPath.reportConfirmations, { id }), headers: { 'kmzb-device': device } });
}

test('nearby finds a report 240 m away but not one 260 m away', async (t) => {
  const app = await build(t);
  const inside = await reportAt(app, 240);
  await reportAt(app, 260);
  await reportAt(app, 100, 'speeding');
  const reports = await nearby(app);
  assert.deepEqual(reports.map((r) => r.id), [inside]);
  assert.equal(reports[0]!.distance, 240);
  assert.equal(reports[0]!.status, 'new');
  assert.equal(reports[0]!.confirmations, 0);
  assert.equal(reports[0]!.category, 'illegal_parking');
});

test('nearby answers at most 5, nearest first', async (t) => {
  const app = await build(t);
  const ids = [];
  for (const metres of [200, 20, 160, 120, 80, 40, 230]) ids.push([metres, await reportAt(app, metres)] as const);
  const reports = await nearby(app);
  assert.deepEqual(reports.map((r) => r.distance), [20, 40, 80, 120, 160]);
  const byDistance = new Map(ids.map(([metres, id]) => [metres, id]));
  assert.deepEqual(reports.map((r) => r.id), [20, 40, 80, 120, 160].map((m) => byDistance.get(m)));
});

test('nearby leaves out closed reports and categories the public may not see', async (t) => {
  const app = await build(t);
  const closed = await reportAt(app, 50);
  await changeStatus(app, closed, new Date().toISOString(), 'eliminated');
  assert.deepEqual(await nearby(app), [], 'eliminated is closed');
  await reportAt(app, 50, 'drug_use');
  assert.deepEqual(await nearby(app, 'drug_use'), [], 'never public');
  const entertainment = await reportAt(app, 50, 'dangerous_entertainment');
  assert.deepEqual(await nearby(app, 'dangerous_entertainment'), [], 'only public once confirmed');
  await changeStatus(app, entertainment, new Date().toISOString(), 'confirmed');
  assert.deepEqual((await nearby(app, 'dangerous_entertainment')).map((r) => r.id), [entertainment]);
});

test('nearby validates its query', async (t) => {
  const app = await build(t);
  const bad = await app.inject(`${ApiPath.reportsNearby}?lon=abc&lat=53&category=speeding`);
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json<ErrorBody>().code, 'INVALID_REQUEST');
  const unknown = await app.inject(`${ApiPath.reportsNearby}?lon=20&lat=53&category=alien_landing`);
  assert.equal(unknown.statusCode, 422);
  assert.equal(unknown.json<ErrorBody>().code, 'UNKNOWN_CATEGORY');
});

test('"I see it too" is counted and shows in nearby', async (t) => {
  const app = await build(t);
  const id = await reportAt(app, 30);
  const first = await confirm(app, id);
  assert.equal(first.statusCode, 201, first.body);
  assert.deepEqual(first.json<ConfirmationCreated>(), { id, confirmations: 1 });
  const second = await app.inject({
    method: 'POST', url: apiPath(ApiPath.reportConfirmations, { id }), headers: { 'kmzb-device': newDevice() }, remoteAddress: '192.0.2.99',
  });
  assert.equal(second.json<ConfirmationCreated>().confirmations, 2);
  assert.equal((await nearby(app))[0]!.confirmations, 2);
  const rows = await sqlOf(app).all<{ device_hash: Buffer }>('SELECT device_hash FROM confirmations WHERE report_id = ?', id);
  assert.equal(rows.length, 2);
  assert.ok(rows.every((row) => row.device_hash.length === 32), 'only keyed hashes of devices');
});

test('a device confirms once a day; unknown, hidden and closed reports are refused', async (t) => {
  const app = await build(t);
  const id = await reportAt(app, 30);
  const device = newDevice();
  assert.equal((await confirm(app, id, device)).statusCode, 201);
  const again = await confirm(app, id, device);
  assert.equal(again.statusCode, 429);
  assert.equal(again.json<ErrorBody>().code, 'REPORT_LIMIT_REACHED');
  const unknown = await confirm(app, 'ZZZZZZZZZZ');
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json<ErrorBody>().code, 'REPORT_NOT_FOUND');
  const hidden = await reportAt(app, 30, 'drug_use');
  assert.equal((await confirm(app, hidden)).json<ErrorBody>().code, 'REPORT_NOT_FOUND', 'a never-public report is not revealed');
  await changeStatus(app, id, new Date().toISOString(), 'not_confirmed');
  const closed = await confirm(app, id);
  assert.equal(closed.statusCode, 409);
  assert.equal(closed.json<ErrorBody>().code, 'REPORT_NOT_OPEN');
  const noDevice = await app.inject({ method: 'POST', url: apiPath(ApiPath.reportConfirmations, { id }) });
  assert.equal(noDevice.json<ErrorBody>().code, 'DEVICE_TOKEN_REQUIRED');
});
