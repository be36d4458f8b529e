import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { build, TEST_STORE } from './helpers.js';
import { OLSZTYN, postReport } from './report-helpers.js';
import { addStaff, logIn, loginRequest, staffInject } from './staff-helpers.js';

/** A 400 in the product's error shape with this code (never Fastify's own body, never a 500). */
function assertRefused(response: LightMyRequestResponse, code: string, what: string): void {
  assert.equal(response.statusCode, 400, `${what}: ${response.body}`);
  const body = response.json<{ statusCode: number; code: string; error: string; message: string }>();
  assert.deepEqual(Object.keys(body).sort(), ['code', 'error', 'message', 'statusCode'], what);
  assert.equal(body.code, code, what);
  assert.equal(body.error, 'Bad Request', what);
}

test('stats: impossible, zero and out-of-range dates are 400 INVALID_PERIOD, not a RangeError', async (t) => {
  const app = await build(t);
  const periods = [
    ['2025-13-01', '2025-12-31'], ['0000-00-00', '2025-12-31'], ['2025-01-01', '0000-00-00'], ['2025-02-30', '2025-03-31'],
    ['2025-01-00', '2025-01-31'], ['2025-01-01', '2025-01-32'], ['0000-01-01', '9999-12-31'], ['1969-12-31', '2025-01-01'],
    ['2025-01-01', '2101-01-01'], ['+02025-01-01', '2025-01-31'], ['2025-1-1', '2025-01-31'],
  ];
  for (const [from, to] of periods) {
    assertRefused(await app.inject(`/api/v1/stats?from=${encodeURIComponent(from!)}&to=${to}`), 'INVALID_PERIOD', `${from}..${to}`);
  }
  assert.equal((await app.inject('/api/v1/stats?from=2024-02-29&to=2024-03-31')).statusCode, 200, 'a leap day is a day');
});

test('crime stats: months beyond the allowed years are 400, not an endless month walk', async (t) => {
  const app = await build(t);
  // 0000-01..9999-12 used to loop forever (past 9999, "10000-01" sorts before "9999-12") until the process died.
  for (const [from, to] of [['0000-01', '9999-12'], ['2025-00', '2025-01'], ['2025-01', '2101-01']]) {
    assertRefused(await app.inject(`/api/v1/crime-stats?from=${from}&to=${to}`), 'INVALID_PERIOD', `${from}..${to}`);
  }
});

test('staff queue and audit log: page and pageSize of Infinity, 1e400, -1, NaN are 400', async (t) => {
  const app = await build(t);
  await addStaff(app, 'boss', 'admin', 'pl');
  const session = await logIn(app, 'boss');
  const queries = ['page=Infinity', 'pageSize=Infinity', 'page=1e400', 'page=-Infinity', 'pageSize=-1', 'page=NaN', 'page=0', 'pageSize=1e3', 'page=1.5'];
  for (const path of ['/api/v1/staff/reports', '/api/v1/staff/audit']) {
    for (const query of queries) {
      if (path.endsWith('audit') && query.startsWith('pageSize')) continue;
      assertRefused(await staffInject(app, session, { method: 'GET', url: `${path}?${query}` }), 'INVALID_REQUEST', `${path}?${query}`);
    }
    assert.equal((await staffInject(app, session, { method: 'GET', url: `${path}?page=2` })).statusCode, 200);
  }
  assertRefused(await staffInject(app, session, { method: 'GET', url: '/api/v1/staff/reports/x/photos/1e400' }), 'INVALID_REQUEST', 'photo n');
  assertRefused(await staffInject(app, session, { method: 'GET', url: '/api/v1/staff/reports?since=2025-02-30T00:00:00Z' }), 'INVALID_REQUEST', 'since');
});

test('an over-long path parameter is 400 INVALID_REQUEST in the product format (Open311: its own)', async (t) => {
  const app = await build(t);
  const long = 'a'.repeat(5000);
  for (const url of [`/api/v1/reports/${long}`, `/api/v1/reports/${long}?token=x`, `/api/v1/units/${long}`, `/api/v1/reports/${long}/confirmations`]) {
    assertRefused(await app.inject({ method: url.endsWith('confirmations') ? 'POST' : 'GET', url }), 'INVALID_REQUEST', url.slice(0, 30));
  }
  assertRefused(await app.inject('/api/v1/reports/%E0%A4%A'), 'INVALID_REQUEST', 'bad percent-encoding');
  // Open311 resources end in .json/.xml, so a long id there falls to its catch-all 404.
  const open311 = await app.inject(`/open311/v2/services/${long}.json`);
  assert.equal(open311.statusCode, 404);
  assert.match(open311.json<{ description: string }[]>()[0]!.description, /^ROUTE_NOT_FOUND: /);
  const xml = await app.inject('/open311/v2/requests/%E0%A4%A.xml');
  assert.equal(xml.statusCode, 400);
  assert.match(xml.body, /<errors><error><code>400<\/code><description>INVALID_REQUEST: /);
});

test('numbers that coerce to Infinity are refused wherever a schema declares a number', async (t) => {
  const app = await build(t);
  assertRefused(await app.inject('/api/v1/reports?zoom=1e400'), 'INVALID_REQUEST', 'map zoom');
  assertRefused(await app.inject('/api/v1/reports?zoom=Infinity'), 'INVALID_REQUEST', 'map zoom');
  assertRefused(await app.inject('/api/v1/locate?lon=1e400&lat=54'), 'INVALID_COORDINATES', 'locate');
  assertRefused(await app.inject('/api/v1/reports/nearby?lon=Infinity&lat=54&category=vandalism'), 'INVALID_REQUEST', 'nearby');
  // JSON.parse reads 1e400 as Infinity too.
  const report = await app.inject({
    method: 'POST', url: '/api/v1/reports', headers: { 'content-type': 'application/json', 'kmzb-device': 'd'.repeat(20) },
    payload: '{"lon":1e400,"lat":54.35,"category":"vandalism"}',
  });
  assert.equal(report.statusCode, 400, report.body);
});

test('Open311 and the open-data periods refuse days that do not exist', async (t) => {
  const app = await build(t);
  for (const date of ['2025-02-30T00:00:00Z', '2025-04-31', '0000-00-00T00:00:00Z', '2025-13-01T00:00:00Z']) {
    const response = await app.inject(`/open311/v2/requests.json?start_date=${date}`);
    assert.equal(response.statusCode, 400, date);
    assert.match(response.json<{ description: string }[]>()[0]!.description, /^INVALID_PERIOD: /, date);
  }
  assertRefused(await app.inject('/api/v1/reports?since=2025-02-30T10:00:00Z'), 'INVALID_PERIOD', 'map since');
});

test('a NUL character (U+0000) in a path id, a query, a login, a description or a note is never a 500', async (t) => {
  const app = await build(t, { reportLimits: { perNetwork: 1000 } });
  await addStaff(app, 'boss', 'admin', 'kmp-olsztyn');
  const session = await logIn(app, 'boss');
  const created = await postReport(app, { ...OLSZTYN, category: 'vandalism' });
  assert.equal(created.statusCode, 201, created.body);
  const { id } = created.json<{ id: string }>();
  // SQLite keeps the character or finds nothing by it; PostgreSQL cannot store or compare it
  // in text (SQLSTATE 22021): the client's bad input.
  const cases: [string, () => Promise<LightMyRequestResponse>, number, string | undefined][] = [
    ['report id', () => app.inject('/api/v1/reports/%00'), 404, 'REPORT_NOT_FOUND'],
    ['confirmation', () => app.inject({ method: 'POST', url: '/api/v1/reports/%00/confirmations', headers: { 'kmzb-device': 'd'.repeat(20) } }), 404, 'REPORT_NOT_FOUND'],
    ['map unit', () => app.inject('/api/v1/reports?unit=%00'), 404, 'UNIT_NOT_FOUND'],
    ['Open311 request', () => app.inject('/open311/v2/requests/%00.json'), 404, undefined],
    ['staff report', () => staffInject(app, session, { method: 'GET', url: '/api/v1/staff/reports/%00' }), 404, 'REPORT_NOT_FOUND'],
    ['login', () => loginRequest(app, 'bo\u0000ss'), 401, 'INVALID_CREDENTIALS'],
    ['description', () => postReport(app, { ...OLSZTYN, category: 'vandalism', description: 'a\u0000b' }), 201, undefined],
    ['note', () => staffInject(app, session, { method: 'POST', url: `/api/v1/staff/reports/${id}/status`, payload: { status: 'verifying', version: 1, publicNote: 'a\u0000b' } }), 200, undefined],
  ];
  for (const [what, send, sqliteStatus, sqliteCode] of cases) {
    const response = await send();
    if (TEST_STORE === 'postgres') {
      if (what === 'Open311 request') {
        assert.equal(response.statusCode, 400, `${what}: ${response.body}`);
        assert.match(response.json<{ description: string }[]>()[0]!.description, /^INVALID_REQUEST: /, what);
      } else {
        assertRefused(response, 'INVALID_REQUEST', what);
      }
      continue;
    }
    assert.equal(response.statusCode, sqliteStatus, `${what}: ${response.body}`);
    if (sqliteCode) assert.equal(response.json<{ code: string }>().code, sqliteCode, what);
    if (what === 'Open311 request') assert.match(response.json<{ description: string }[]>()[0]!.description, /^REPORT_NOT_FOUND: /);
  }
});
