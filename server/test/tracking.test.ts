import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { ApiPath, TRACKING_TOKEN_HEADER, apiPath } from '../../common/api.js';
import type { ErrorBody } from '../../common/errors.js';
import type { ReportCreated, ReportView } from '../../common/schemas/report.js';
import { build } from './helpers.js';
import { changeStatus } from './pg-a-helpers.js';
import { sqlOf } from './test-sql.js';
import { OLSZTYN, postReport } from './report-helpers.js';
import { addStaff, logIn, staffInject } from './staff-helpers.js';

type App = Awaited<ReturnType<typeof build>>;

async function create(app: App, category = 'vandalism'): Promise<ReportCreated> {
  return (await postReport(app, { ...OLSZTYN, category, description: 'secret plate WX 999' })).json<ReportCreated>();
}

const view = (app: App, id: string, token?: string) =>
  app.inject(`${apiPath(ApiPath.report, { id })}${token === undefined ? '' : `?token=${token}`}`);

test('with the tracking token the reporter sees status, unit and the public history only', async (t) => {
  const app = await build(t);
  const { id, trackingToken, createdAt } = await create(app);
  const later = new Date(Date.parse(createdAt) + 1000).toISOString();
  await changeStatus(app, id, later, 'verifying', 'Dzielnicowy sprawdzi to miejsce.');
  // An internal note beside the public one (staff write them; the port's demo writer does not).
  assert.equal(await sqlOf(app).run("UPDATE report_history SET internal_note = 'internal: call the caretaker' WHERE report_id = ? AND status = 'verifying'", id), 1);
  const response = await view(app, id, trackingToken);
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers['cache-control'], 'private, no-store');
  const report = response.json<ReportView>();
  assert.deepEqual(report, {
    id,
    category: 'vandalism',
    status: 'verifying',
    createdAt,
    updatedAt: later,
    unit: { id: 'kmp-olsztyn', kind: 'county', name: 'Komenda Miejska Policji w Olsztynie', shortName: 'KMP w Olsztynie' },
    lon: OLSZTYN.lon,
    lat: OLSZTYN.lat,
    confirmations: 0,
    history: [
      { at: createdAt, status: 'new' },
      { at: later, status: 'verifying', note: 'Dzielnicowy sprawdzi to miejsce.' },
    ],
  });
  assert.ok(!response.body.includes('internal') && !response.body.includes('WX 999'));
});

test('without a token a public report shows the same fields; a non-public one is 404', async (t) => {
  const app = await build(t);
  const open = await create(app);
  const anonymous = await view(app, open.id);
  assert.equal(anonymous.statusCode, 200);
  assert.deepEqual(anonymous.json<ReportView>(), (await view(app, open.id, open.trackingToken)).json<ReportView>());

  const never = await create(app, 'animal_cruelty');
  for (const token of [undefined, open.trackingToken]) {
    const response = await view(app, never.id, token);
    assert.equal(response.statusCode, 404, 'a wrong token does not reveal it');
    assert.equal(response.json<ErrorBody>().code, 'REPORT_NOT_FOUND');
  }
  assert.equal((await view(app, never.id, never.trackingToken)).statusCode, 200, 'its reporter still follows it');

  const prank = await create(app, 'begging');
  await changeStatus(app, prank.id, new Date().toISOString(), 'prank');
  assert.equal((await view(app, prank.id)).statusCode, 404);
  const stale = await create(app, 'begging');
  await changeStatus(app, stale.id, new Date(Date.now() - 8 * 86_400_000).toISOString(), 'not_confirmed');
  assert.equal((await view(app, stale.id)).statusCode, 404, 'not confirmed is public for 7 days');
  const recent = await create(app, 'begging');
  await changeStatus(app, recent.id, new Date(Date.now() - 6 * 86_400_000).toISOString(), 'not_confirmed');
  assert.equal((await view(app, recent.id)).statusCode, 200);
});

test('an unknown id is 404 and a malformed token 400', async (t) => {
  const app = await build(t);
  const { id } = await create(app);
  const unknown = await view(app, 'ABCDEFGHJK');
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json<ErrorBody>().code, 'REPORT_NOT_FOUND');
  const malformed = await view(app, id, 'not-a-token');
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.json<ErrorBody>().code, 'INVALID_REQUEST');
});

test('the journey: a citizen reports, an officer moves it with public notes, the tracking view shows them', async (t) => {
  const app = await build(t);
  const created = (await postReport(app, { ...OLSZTYN, category: 'illegal_parking', description: 'plate WX 12345' })).json<ReportCreated>();
  await addStaff(app, 'dzielnicowy', 'officer', 'kmp-olsztyn');
  const session = await logIn(app, 'dzielnicowy');
  const move = async (status: string, version: number, publicNote?: string) => {
    const response = await staffInject(app, session, {
      method: 'POST', url: `/api/v1/staff/reports/${created.id}/status`,
      payload: { status, version, internalNote: 'internal: owner is a neighbour', ...(publicNote && { publicNote }) },
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ version: number }>().version;
  };
  const version = await move('verifying', 1);
  await move('confirmed', version, 'Przekazano dzielnicowemu.');

  // What the tracking page's widget asks: the token in a header, not in the logged URL.
  const response = await app.inject({
    url: apiPath(ApiPath.report, { id: created.id }), headers: { [TRACKING_TOKEN_HEADER]: created.trackingToken },
  });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers['cache-control'], 'private, no-store');
  const report = response.json<ReportView>();
  assert.equal(report.status, 'confirmed');
  assert.deepEqual(report.unit, { id: 'kmp-olsztyn', kind: 'county', name: 'Komenda Miejska Policji w Olsztynie', shortName: 'KMP w Olsztynie' });
  assert.deepEqual(report.history.map(({ status, note }) => ({ status, note })), [
    { status: 'new', note: undefined },
    { status: 'verifying', note: undefined },
    { status: 'confirmed', note: 'Przekazano dzielnicowemu.' },
  ]);
  assert.ok(!response.body.includes('internal') && !response.body.includes('WX 12345') && !response.body.includes('dzielnicowy"'));
});

test('the token header: a wrong one does not reveal a private report, a malformed one is 400', async (t) => {
  const app = await build(t);
  const hidden = await create(app, 'animal_cruelty');
  const other = await create(app);
  const withHeader = (token: string) =>
    app.inject({ url: apiPath(ApiPath.report, { id: hidden.id }), headers: { [TRACKING_TOKEN_HEADER]: token } });
  assert.equal((await withHeader(hidden.trackingToken)).statusCode, 200);
  assert.equal((await withHeader(other.trackingToken)).statusCode, 404);
  const malformed = await withHeader('short');
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.json<ErrorBody>().code, 'INVALID_REQUEST');
  // A cross-origin widget may send it: the preflight allows the header.
  const preflight = await app.inject({
    method: 'OPTIONS', url: apiPath(ApiPath.report, { id: hidden.id }),
    headers: { origin: 'https://kpp.example', 'access-control-request-method': 'GET', 'access-control-request-headers': TRACKING_TOKEN_HEADER },
  });
  assert.match(String(preflight.headers['access-control-allow-headers']), new RegExp(TRACKING_TOKEN_HEADER));
});

test('a tracking token in an old-style ?token= link is redacted from the access log', async (t) => {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(chunk.toString()); done(); } });
  const app = await build(t, { logger: { level: 'info', stream } });
  const { id, trackingToken } = await create(app);
  assert.equal((await view(app, id, trackingToken)).statusCode, 200);
  const log = lines.join('');
  assert.match(log, new RegExp(`/api/v1/reports/${id}\\?token=\\[Redacted\\]`));
  assert.ok(!log.includes(trackingToken));
});
