import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiPath, apiPath } from '../../common/api.js';
import type { ErrorBody } from '../../common/errors.js';
import type { ReportCreated, ReportView } from '../../common/schemas/report.js';
import { build } from './helpers.js';
import { OLSZTYN, postReport } from './report-helpers.js';

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
  app.reports.changeStatus(id, later, 'verifying', 'Dzielnicowy sprawdzi to miejsce.', 'internal: call the caretaker');
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
  app.reports.changeStatus(prank.id, new Date().toISOString(), 'prank');
  assert.equal((await view(app, prank.id)).statusCode, 404);
  const stale = await create(app, 'begging');
  app.reports.changeStatus(stale.id, new Date(Date.now() - 8 * 86_400_000).toISOString(), 'not_confirmed');
  assert.equal((await view(app, stale.id)).statusCode, 404, 'not confirmed is public for 7 days');
  const recent = await create(app, 'begging');
  app.reports.changeStatus(recent.id, new Date(Date.now() - 6 * 86_400_000).toISOString(), 'not_confirmed');
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
