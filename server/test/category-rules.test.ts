import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from '../../common/errors.js';
import type { ReportCreated } from '../../common/schemas/report.js';
import { build } from './helpers.js';
import { OLSZTYN, jpegWithExif, newDevice, postReport, postReportWithPhotos } from './report-helpers.js';
import { addStaff, logIn, staffInject } from './staff-helpers.js';
import { sqlOf } from './test-sql.js';

/** Gdańsk main town: in kmp-gdansk, another voivodeship than Olsztyn. */
const GDANSK = { lon: 18.6532, lat: 54.3499 };
const V2 = '/open311/v2';

/** An app where kwp-olsztyn (and so kmp-olsztyn under it) takes only three categories. */
async function narrowed(t: Parameters<typeof build>[0], fields: Record<string, unknown> = {}) {
  const app = await build(t, { reportLimits: { perNetwork: 1000 } });
  await addStaff(app, 'hq', 'admin', 'kwp-olsztyn');
  const session = await logIn(app, 'hq');
  const saved = await staffInject(app, session, {
    method: 'PUT', url: '/api/v1/staff/units/kwp-olsztyn/config',
    payload: { enabledCategories: ['illegal_parking', 'speeding', 'vandalism'], ...fields },
  });
  assert.equal(saved.statusCode, 200, saved.body);
  return { app, session };
}

const count = (app: FastifyInstance, table: string) => sqlOf(app).value<number>(`SELECT count(*) FROM ${table}`);

function open311Post(app: FastifyInstance, fields: Record<string, string>, url = `${V2}/requests.json`) {
  return app.inject({
    method: 'POST', url, remoteAddress: '192.0.2.7',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(),
  });
}

test('a report in a category the unit disabled is 422 CATEGORY_DISABLED, stores nothing and uses up nothing', async (t) => {
  const { app } = await narrowed(t);
  const device = newDevice();
  const refused = await postReport(app, { ...OLSZTYN, category: 'illegal_dump' }, { device });
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json<ErrorBody>().code, 'CATEGORY_DISABLED');
  assert.equal(refused.headers['access-control-allow-origin'], '*');
  assert.equal(await count(app, 'reports'), 0);
  assert.equal(await count(app, 'daily_actions'), 0);
  // The same device, the same day: an enabled category is accepted.
  assert.equal((await postReport(app, { ...OLSZTYN, category: 'speeding' }, { device })).statusCode, 201);
  // The unit's config decides by the point: Gdańsk takes every category.
  assert.equal((await postReport(app, { ...GDANSK, category: 'illegal_dump' })).statusCode, 201);
  // An unknown code is still UNKNOWN_CATEGORY, not "disabled".
  assert.equal((await postReport(app, { ...OLSZTYN, category: 'no_such_thing' })).json<ErrorBody>().code, 'UNKNOWN_CATEGORY');
});

test('multipart reports are held to the same rule, and photos to photosEnabled', async (t) => {
  const { app } = await narrowed(t, { photosEnabled: false });
  const disabled = await postReportWithPhotos(app, { ...OLSZTYN, category: 'illegal_dump' }, [jpegWithExif()]);
  assert.equal(disabled.statusCode, 422);
  assert.equal(disabled.json<ErrorBody>().code, 'CATEGORY_DISABLED');
  const photos = await postReportWithPhotos(app, { ...OLSZTYN, category: 'vandalism' }, [jpegWithExif()]);
  assert.equal(photos.statusCode, 422);
  assert.equal(photos.json<ErrorBody>().code, 'PHOTOS_DISABLED');
  assert.equal(await count(app, 'report_photos'), 0);
  assert.equal((await postReportWithPhotos(app, { ...OLSZTYN, category: 'vandalism' }, [])).statusCode, 201, 'without photos it is taken');
  assert.equal((await postReportWithPhotos(app, { ...GDANSK, category: 'vandalism' }, [jpegWithExif()])).statusCode, 201);
});

test('confirming a report of a category disabled after it was filed stays possible', async (t) => {
  const app = await build(t);
  const { id } = (await postReport(app, { ...OLSZTYN, category: 'illegal_dump' })).json<ReportCreated>();
  await addStaff(app, 'hq', 'admin', 'kwp-olsztyn');
  await staffInject(app, await logIn(app, 'hq'), {
    method: 'PUT', url: '/api/v1/staff/units/kmp-olsztyn/config', payload: { enabledCategories: ['speeding'] },
  });
  const confirmed = await app.inject({ method: 'POST', url: `/api/v1/reports/${id}/confirmations`, headers: { 'KMZB-Device': newDevice() } });
  assert.equal(confirmed.statusCode, 201, confirmed.body);
});

test('staff may still enter a disabled category from a debate or a direct contact', async (t) => {
  const { app, session } = await narrowed(t);
  const entered = await staffInject(app, session, {
    method: 'POST', url: '/api/v1/staff/reports', payload: { source: 'debate', ...OLSZTYN, category: 'illegal_dump' },
  });
  assert.equal(entered.statusCode, 201, entered.body);
});

test('Open311: POST of a disabled category is 400 with the code in the description; services per jurisdiction', async (t) => {
  const { app } = await narrowed(t);
  const refused = await open311Post(app, { service_code: 'illegal_dump', lat: String(OLSZTYN.lat), long: String(OLSZTYN.lon), device_id: newDevice() });
  assert.equal(refused.statusCode, 400);
  const [error] = refused.json<{ code: number; description: string }[]>();
  assert.equal(error!.code, 400);
  assert.match(error!.description, /^CATEGORY_DISABLED: /);
  assert.equal(await count(app, 'reports'), 0);
  const xml = await open311Post(app, { service_code: 'illegal_dump', lat: String(OLSZTYN.lat), long: String(OLSZTYN.lon), device_id: newDevice() }, `${V2}/requests.xml`);
  assert.equal(xml.statusCode, 400);
  assert.match(xml.body, /<description>CATEGORY_DISABLED: /);
  const taken = await open311Post(app, { service_code: 'speeding', lat: String(OLSZTYN.lat), long: String(OLSZTYN.lon), device_id: newDevice() });
  assert.equal(taken.statusCode, 200, taken.body);

  const codes = async (query: string) =>
    (await app.inject(`${V2}/services.json${query}`)).json<{ service_code: string }[]>().map((s) => s.service_code);
  assert.deepEqual(await codes('?jurisdiction_id=kmp-olsztyn'), ['vandalism', 'illegal_parking', 'speeding']);
  assert.deepEqual(await codes('?jurisdiction_id=kwp-olsztyn'), ['vandalism', 'illegal_parking', 'speeding']);
  assert.equal((await codes('?jurisdiction_id=kmp-gdansk')).length, 24);
  assert.equal((await codes('')).length, 24, 'without a jurisdiction: every service');
  const xmlList = await app.inject(`${V2}/services.xml?jurisdiction_id=kmp-olsztyn`);
  assert.equal(xmlList.body.match(/<service>/g)?.length, 3);
  assert.equal((await app.inject(`${V2}/services/illegal_dump.json?jurisdiction_id=kmp-olsztyn`)).statusCode, 404);
  assert.equal((await app.inject(`${V2}/services/illegal_dump.json`)).statusCode, 200);
  assert.equal((await app.inject(`${V2}/services/speeding.json?jurisdiction_id=kmp-olsztyn`)).statusCode, 200);
});
