import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ApiPath, DEVICE_HEADER } from '../../common/api.js';
import type { ErrorBody, LimitErrorBody } from '../../common/errors.js';
import type { ReportAllowance } from '../../common/schemas/allowance.js';
import type { ReportCreated } from '../../common/schemas/report.js';
import { build } from './helpers.js';
import { OLSZTYN, newDevice, postReport } from './report-helpers.js';
import { addStaff, logIn, staffInject } from './staff-helpers.js';
import { sqlOf } from './test-sql.js';

interface Ask {
  device?: string;
  origin?: string;
  ip?: string;
}

function ask(app: FastifyInstance, unit: string | undefined, { device = newDevice(), origin, ip = '192.0.2.1' }: Ask = {}) {
  return app.inject({
    url: unit === undefined ? ApiPath.reportAllowance : `${ApiPath.reportAllowance}?unit=${unit}`,
    headers: { [DEVICE_HEADER]: device, ...(origin ? { origin } : {}) },
    remoteAddress: ip,
  });
}

test('a fresh device may report and confirm; the answer is never cached and open to every origin', async (t) => {
  const app = await build(t);
  const response = await ask(app, 'kmp-olsztyn', { origin: 'https://olsztyn.example' });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers['cache-control'], 'no-store');
  assert.equal(response.headers.etag, undefined);
  assert.equal(response.headers['access-control-allow-origin'], '*');
  assert.deepEqual(response.json<ReportAllowance>(), { unit: 'kmp-olsztyn', report: { allowed: true }, confirmation: { allowed: true } });
  assert.equal((await ask(app, undefined)).json<ReportAllowance>().unit, 'pl', 'the national unit by default');
});

test('after a report the device is refused with the time reporting opens again, the same as the POST says', async (t) => {
  const app = await build(t);
  const device = newDevice();
  const created = (await postReport(app, { ...OLSZTYN, category: 'speeding' }, { device })).json<ReportCreated>();
  const reopens = new Date(Date.parse(created.createdAt) + 24 * 3600 * 1000).toISOString();
  const answer = await ask(app, 'kmp-olsztyn', { device, ip: '198.51.100.40' });
  assert.equal(answer.statusCode, 200);
  assert.equal(answer.headers['cache-control'], 'no-store');
  const limited = { allowed: false, code: 'REPORT_LIMIT_REACHED', retryAt: reopens };
  assert.deepEqual(answer.json<ReportAllowance>(), { unit: 'kmp-olsztyn', report: limited, confirmation: limited });
  const post = await postReport(app, { ...OLSZTYN, category: 'vandalism' }, { device });
  assert.equal(post.json<LimitErrorBody>().retryAt, reopens);
  // Another device on another network is not affected.
  assert.equal((await ask(app, 'kmp-olsztyn', { ip: '198.51.100.41' })).json<ReportAllowance>().report.allowed, true);
});

test('a network past its cap is refused for its other devices too', async (t) => {
  const app = await build(t, { reportLimits: { perNetwork: 2 } });
  const ip = '198.51.100.50';
  for (let i = 0; i < 2; i++) assert.equal((await postReport(app, { ...OLSZTYN, category: 'speeding' }, { ip })).statusCode, 201);
  const answer = (await ask(app, 'pl', { ip })).json<ReportAllowance>();
  assert.equal(answer.report.code, 'REPORT_LIMIT_REACHED');
  assert.ok(answer.report.retryAt);
});

test('a page whose origin the unit does not allow is told so before anything is typed', async (t) => {
  const app = await build(t);
  await addStaff(app, 'hq', 'admin', 'kwp-olsztyn');
  await staffInject(app, await logIn(app, 'hq'), {
    method: 'PUT', url: '/api/v1/staff/units/kwp-olsztyn/config', payload: { allowedOrigins: ['https://olsztyn.policja.gov.pl'] },
  });
  const refused = { allowed: false, code: 'ORIGIN_NOT_ALLOWED' };
  const foreign = (await ask(app, 'kmp-olsztyn', { origin: 'https://elsewhere.example' })).json<ReportAllowance>();
  assert.deepEqual(foreign, { unit: 'kmp-olsztyn', report: refused, confirmation: refused });
  // The POST agrees.
  const post = await app.inject({
    method: 'POST', url: ApiPath.reports, headers: { origin: 'https://elsewhere.example', [DEVICE_HEADER]: newDevice() },
    remoteAddress: '192.0.2.1', payload: { ...OLSZTYN, category: 'speeding' },
  });
  assert.equal(post.json<ErrorBody>().code, 'ORIGIN_NOT_ALLOWED');
  assert.equal((await ask(app, 'kmp-olsztyn', { origin: 'https://olsztyn.policja.gov.pl' })).json<ReportAllowance>().report.allowed, true);
  assert.equal((await ask(app, 'kmp-olsztyn', { origin: 'http://localhost' })).json<ReportAllowance>().report.allowed, true, 'same origin');
  assert.equal((await ask(app, 'kmp-olsztyn')).json<ReportAllowance>().report.allowed, true, 'no Origin: not a browser page');
  assert.equal((await ask(app, 'kmp-gdansk', { origin: 'https://elsewhere.example' })).json<ReportAllowance>().report.allowed, true);
});

test('a unit that enables no category refuses reports but still takes confirmations', async (t) => {
  const app = await build(t);
  await addStaff(app, 'hq', 'admin', 'kmp-olsztyn');
  await staffInject(app, await logIn(app, 'hq'), { method: 'PUT', url: '/api/v1/staff/units/kmp-olsztyn/config', payload: { enabledCategories: [] } });
  const answer = (await ask(app, 'kmp-olsztyn')).json<ReportAllowance>();
  assert.deepEqual(answer.report, { allowed: false, code: 'CATEGORY_DISABLED' });
  assert.deepEqual(answer.confirmation, { allowed: true });
});

test('asking many times counts nothing: the device can still report afterwards', async (t) => {
  const app = await build(t);
  const device = newDevice();
  for (let i = 0; i < 20; i++) {
    const answer = (await ask(app, 'kmp-olsztyn', { device })).json<ReportAllowance>();
    assert.equal(answer.report.allowed, true, `ask ${i + 1}`);
  }
  assert.equal(await sqlOf(app).value('SELECT count(*) FROM daily_actions'), 0);
  assert.equal((await postReport(app, { ...OLSZTYN, category: 'speeding' }, { device })).statusCode, 201);
  assert.equal((await ask(app, 'kmp-olsztyn', { device })).json<ReportAllowance>().report.allowed, false);
});

test('without a device token it is 400 DEVICE_TOKEN_REQUIRED; an unknown unit 404', async (t) => {
  const app = await build(t);
  const missing = await app.inject(`${ApiPath.reportAllowance}?unit=pl`);
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json<ErrorBody>().code, 'DEVICE_TOKEN_REQUIRED');
  assert.equal(missing.headers['cache-control'], 'no-store');
  const unknown = await ask(app, 'kmp-atlantyda');
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json<ErrorBody>().code, 'UNIT_NOT_FOUND');
  assert.equal(unknown.headers['cache-control'], 'no-store');
  const malformed = await ask(app, 'KMP!');
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.headers['cache-control'], 'no-store');
});
