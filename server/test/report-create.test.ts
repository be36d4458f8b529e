import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiPath, DEVICE_HEADER } from '../../common/api.js';
import type { ErrorBody } from '../../common/errors.js';
import type { ReportCreated } from '../../common/schemas/report.js';
import { build } from './helpers.js';
import { sqlOf } from './test-sql.js';
import { OLSZTYN, newDevice, postReport } from './report-helpers.js';

const valid = { ...OLSZTYN, category: 'illegal_parking' };

test('a report is stored, routed to the deepest unit and answered with id, token and status new', async (t) => {
  const app = await build(t);
  const response = await postReport(app, {
    ...valid,
    description: 'Samochody parkują na przejściu dla pieszych.',
    eventAt: new Date(Date.now() - 3_600_000).toISOString(),
    recurrence: { days: ['mon', 'fri'], times: ['morning'] },
  });
  assert.equal(response.statusCode, 201, response.body);
  assert.equal(response.headers['access-control-allow-origin'], '*');
  const created = response.json<ReportCreated>();
  assert.match(created.id, /^[0-9A-HJKMNP-TV-Z]{10}$/);
  assert.match(created.trackingToken, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(created.status, 'new');
  assert.deepEqual(created.unit, { id: 'kmp-olsztyn', kind: 'county', name: 'Komenda Miejska Policji w Olsztynie', shortName: 'KMP w Olsztynie' });
  assert.ok(Math.abs(Date.parse(created.createdAt) - Date.now()) < 60_000);
  const row = (await sqlOf(app).get('SELECT * FROM reports WHERE id = ?', created.id))!;
  assert.equal(row.unit_id, 'kmp-olsztyn');
  assert.equal(row.lon, OLSZTYN.lon, 'exact coordinates');
  assert.equal(row.source, 'citizen');
  assert.equal(row.demo, 0);
  assert.equal(row.recurrence, '{"days":["mon","fri"],"times":["morning"]}');
  assert.ok(!Buffer.from(row.tracking_hash as Buffer).toString('latin1').includes(created.trackingToken), 'only a hash of the token');
  assert.equal((row.tracking_hash as Buffer).length, 32);
  const history = await sqlOf(app).all('SELECT status, at FROM report_history WHERE report_id = ?', created.id);
  assert.deepEqual(history, [{ status: 'new', at: created.createdAt }]);
});

test('reports land in the right unit in three voivodeships, whatever site they come from', async (t) => {
  const app = await build(t);
  const places: [string, number, number, string][] = [
    ['Olsztyn', 20.4801, 53.7784, 'kmp-olsztyn'],
    ['Kraków, Rynek Główny', 19.9373, 50.0617, 'kmp-krakow'],
    ['Wejherowo', 18.2356, 54.6059, 'kpp-wejherowo'],
    ['Zakopane', 19.9496, 49.2992, 'kpp-zakopane'],
  ];
  for (const [place, lon, lat, unit] of places) {
    const response = await postReport(app, { lon, lat, category: 'speeding' });
    assert.equal(response.statusCode, 201, place);
    assert.equal(response.json<ReportCreated>().unit.id, unit, place);
  }
});

/** [what, body, status, code] for every validation failure of the body. */
const INVALID: [string, unknown, number, string][] = [
  ['unknown category', { ...valid, category: 'alien_landing' }, 422, 'UNKNOWN_CATEGORY'],
  ['malformed category', { ...valid, category: 'Illegal Parking!' }, 400, 'INVALID_REQUEST'],
  ['missing category', { ...OLSZTYN }, 400, 'INVALID_REQUEST'],
  ['point in the Baltic, far from the coast', { ...valid, lon: 18.5, lat: 55.5 }, 422, 'OUTSIDE_POLAND'],
  ['point in Berlin', { ...valid, lon: 13.405, lat: 52.52 }, 422, 'OUTSIDE_POLAND'],
  ['lat out of range', { ...valid, lat: 91 }, 400, 'INVALID_COORDINATES'],
  ['lon as text', { ...valid, lon: '20.48' }, 400, 'INVALID_COORDINATES'],
  ['missing lat', { lon: 20.48, category: 'speeding' }, 400, 'INVALID_COORDINATES'],
  ['501 characters', { ...valid, description: 'a'.repeat(501) }, 400, 'DESCRIPTION_TOO_LONG'],
  ['501 emoji (code points, not UTF-16 units)', { ...valid, description: '🚗'.repeat(501) }, 400, 'DESCRIPTION_TOO_LONG'],
  ['description as a number', { ...valid, description: 5 }, 400, 'INVALID_REQUEST'],
  ['event tomorrow', { ...valid, eventAt: new Date(Date.now() + 86_400_000).toISOString() }, 422, 'EVENT_IN_FUTURE'],
  ['event time without a zone', { ...valid, eventAt: '2025-05-01T18:30:00' }, 400, 'INVALID_EVENT_TIME'],
  ['event time as nonsense', { ...valid, eventAt: 'yesterday' }, 400, 'INVALID_EVENT_TIME'],
  ['impossible date', { ...valid, eventAt: '2025-13-45T10:00:00Z' }, 400, 'INVALID_EVENT_TIME'],
  ['unknown weekday', { ...valid, recurrence: { days: ['monday'] } }, 400, 'INVALID_RECURRENCE'],
  ['repeated time of day', { ...valid, recurrence: { times: ['night', 'night'] } }, 400, 'INVALID_RECURRENCE'],
  ['recurrence as a string', { ...valid, recurrence: 'weekends' }, 400, 'INVALID_RECURRENCE'],
  ['unknown recurrence key', { ...valid, recurrence: { months: ['may'] } }, 400, 'INVALID_RECURRENCE'],
  ['body is an array', [valid], 400, 'INVALID_REQUEST'],
];

test('every validation failure has its own 4xx code and stores nothing', async (t) => {
  const app = await build(t);
  for (const [what, body, status, code] of INVALID) {
    const response = await postReport(app, body);
    assert.equal(response.statusCode, status, `${what}: ${response.body}`);
    assert.equal(response.json<ErrorBody>().code, code, what);
    assert.equal(response.headers['access-control-allow-origin'], '*', what);
  }
  assert.equal(await app.store.reports.count(), 0);
  assert.equal(await sqlOf(app).value('SELECT count(*) FROM daily_actions'), 0, 'refusals do not use up the day');
});

test('500 characters, an event 4 minutes ahead (clock skew) and an empty recurrence are accepted', async (t) => {
  const app = await build(t);
  const response = await postReport(app, {
    ...valid,
    description: 'ż'.repeat(500),
    eventAt: new Date(Date.now() + 4 * 60_000).toISOString(),
    recurrence: {},
  });
  assert.equal(response.statusCode, 201, response.body);
});

test('a missing or malformed device token is 400 DEVICE_TOKEN_REQUIRED', async (t) => {
  const app = await build(t);
  for (const device of [undefined, 'short', 'x'.repeat(129), 'has spaces in it, 1234567']) {
    const response = await postReport(app, valid, { device });
    assert.equal(response.statusCode, 400, String(device));
    assert.equal(response.json<ErrorBody>().code, 'DEVICE_TOKEN_REQUIRED');
  }
  assert.equal(await app.store.reports.count(), 0);
});

test('malformed JSON and other content types are 4xx INVALID_REQUEST, not 500', async (t) => {
  const app = await build(t);
  const headers = { [DEVICE_HEADER]: newDevice(), 'content-type': 'application/json' };
  const bad = await app.inject({ method: 'POST', url: ApiPath.reports, headers, payload: '{"lon": 20,' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json<ErrorBody>().code, 'INVALID_REQUEST');
  for (const [type, status] of [['text/plain', 400], ['application/xml', 415]] as const) {
    const response = await app.inject({
      method: 'POST', url: ApiPath.reports, headers: { ...headers, 'content-type': type }, payload: '<report/>',
    });
    assert.equal(response.statusCode, status, type);
    assert.equal(response.json<ErrorBody>().code, 'INVALID_REQUEST', type);
  }
});

test('a description with <script> is stored as plain text and returned by no public route', async (t) => {
  const app = await build(t);
  const description = '<script>alert("x")</script> tablica WX 12345';
  const response = await postReport(app, { ...valid, description });
  const { id, trackingToken } = response.json<ReportCreated>();
  const stored = (await sqlOf(app).get<{ description: string }>('SELECT description FROM reports WHERE id = ?', id))!;
  assert.equal(stored.description, description, 'stored verbatim, not escaped or altered');
  const reads = [
    response.body,
    (await app.inject(`${ApiPath.reports}/${id}?token=${trackingToken}`)).body,
    (await app.inject(`${ApiPath.reports}/${id}`)).body,
    (await app.inject(`${ApiPath.reportsNearby}?lon=${OLSZTYN.lon}&lat=${OLSZTYN.lat}&category=illegal_parking`)).body,
  ];
  assert.ok(reads[1]!.includes(id) && reads[3]!.includes(id), 'the report itself is served');
  for (const body of reads) {
    assert.ok(!body.includes('script'), body);
    assert.ok(!body.includes('WX 12345'), body);
  }
});

test('a CORS preflight for a cross-origin report with the device header is allowed', async (t) => {
  const app = await build(t);
  const response = await app.inject({
    method: 'OPTIONS',
    url: ApiPath.reports,
    headers: { origin: 'https://kpp-wejherowo.policja.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,kmzb-device' },
  });
  assert.equal(response.statusCode, 204);
  assert.equal(response.headers['access-control-allow-origin'], '*');
  assert.match(String(response.headers['access-control-allow-headers']), /KMZB-Device/);
  assert.match(String(response.headers['access-control-allow-methods']), /POST/);
});
