import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { STATUSES, type Status } from '../../common/catalogue.js';
import { STATUS_MOVES } from '../../common/staff.js';
import { build } from './helpers.js';
import { sqlOf } from './test-sql.js';
import { OLSZTYN, newDevice } from './report-helpers.js';
import { addStaff, logIn, olsztynReport, staffInject } from './staff-helpers.js';

async function setUp(t: Parameters<typeof build>[0]): Promise<{ app: FastifyInstance; cookie: string }> {
  const app = await build(t, { reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 } });
  await addStaff(app, 'officer', 'officer', 'kmp-olsztyn');
  return { app, cookie: await logIn(app, 'officer') };
}

const move = (app: FastifyInstance, cookie: string, id: string, body: Record<string, unknown>) =>
  staffInject(app, cookie, { method: 'POST', url: `/api/v1/staff/reports/${id}/status`, payload: body });

/** Walks a fresh report to `status` along allowed moves; returns its version. */
async function reach(app: FastifyInstance, cookie: string, id: string, path: Status[]): Promise<number> {
  let version = 1;
  for (const status of path) {
    const response = await move(app, cookie, id, { status, version, internalNote: 'step' });
    assert.equal(response.statusCode, 200, response.body);
    version = response.json<{ version: number }>().version;
  }
  return version;
}

const PATH_TO: Record<Status, Status[]> = {
  new: [], verifying: ['verifying'], confirmed: ['verifying', 'confirmed'], eliminated: ['verifying', 'confirmed', 'eliminated'],
  forwarded: ['verifying', 'confirmed', 'forwarded'], not_confirmed: ['verifying', 'not_confirmed'],
  prank: ['verifying', 'prank'], hidden: ['hidden'],
};

test('every allowed move succeeds and every other move is refused with TRANSITION_NOT_ALLOWED, changing nothing', async (t) => {
  const { app, cookie } = await setUp(t);
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const id = await olsztynReport(app);
      const version = await reach(app, cookie, id, PATH_TO[from]);
      const response = await move(app, cookie, id, { status: to, version, internalNote: 'reason' });
      const detail = await staffInject(app, cookie, { method: 'GET', url: `/api/v1/staff/reports/${id}` });
      if (STATUS_MOVES[from].includes(to)) {
        assert.equal(response.statusCode, 200, `${from} > ${to}: ${response.body}`);
        assert.equal(detail.json<{ status: string }>().status, to);
      } else {
        assert.equal(response.statusCode, 409, `${from} > ${to}`);
        assert.equal(response.json<{ code: string }>().code, 'TRANSITION_NOT_ALLOWED');
        assert.equal(detail.json<{ status: string; version: number }>().status, from);
        assert.equal(detail.json<{ version: number }>().version, version);
      }
    }
  }
});

test('hiding needs a reason, which stays internal', async (t) => {
  const { app, cookie } = await setUp(t);
  const id = await olsztynReport(app);
  const refused = await move(app, cookie, id, { status: 'hidden', version: 1 });
  assert.equal(refused.json<{ code: string }>().code, 'REASON_REQUIRED');
  assert.equal((await move(app, cookie, id, { status: 'hidden', version: 1, internalNote: 'personal data' })).statusCode, 200);
  const detail = await staffInject(app, cookie, { method: 'GET', url: `/api/v1/staff/reports/${id}` });
  const last = detail.json<{ history: { internalNote?: string; staff?: { displayName: string } }[] }>().history.at(-1)!;
  assert.equal(last.internalNote, 'personal data');
  assert.equal(last.staff?.displayName, 'Name of officer');
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/reports/${id}` })).statusCode, 404);
});

test('two edits based on the same version: the second gets STALE_REPORT and changes nothing', async (t) => {
  const { app, cookie } = await setUp(t);
  const id = await olsztynReport(app);
  const first = await move(app, cookie, id, { status: 'verifying', version: 1 });
  const second = await move(app, cookie, id, { status: 'hidden', version: 1, internalNote: 'abuse' });
  assert.equal(first.statusCode, 200);
  assert.equal(second.statusCode, 409);
  assert.equal(second.json<{ code: string }>().code, 'STALE_REPORT');
  const detail = (await staffInject(app, cookie, { method: 'GET', url: `/api/v1/staff/reports/${id}` })).json<{ status: string; version: number; history: unknown[] }>();
  assert.equal(detail.status, 'verifying');
  assert.equal(detail.version, 2);
  assert.equal(detail.history.length, 2);
});

test('a public note appears in the public report history; the internal note never does', async (t) => {
  const { app, cookie } = await setUp(t);
  const id = await olsztynReport(app);
  await move(app, cookie, id, { status: 'verifying', version: 1, publicNote: 'A patrol will check', internalNote: 'Plate WO 12345' });
  const view = await app.inject({ method: 'GET', url: `/api/v1/reports/${id}` });
  assert.equal(view.statusCode, 200);
  assert.equal(view.json<{ status: string }>().status, 'verifying');
  assert.deepEqual(view.json<{ history: { note?: string }[] }>().history.at(-1)?.note, 'A patrol will check');
  assert.ok(!view.body.includes('WO 12345'));
});

test('linking a duplicate moves its confirmations to the original and hides it', async (t) => {
  const { app, cookie } = await setUp(t);
  const original = await olsztynReport(app);
  const duplicate = await olsztynReport(app);
  for (const ip of ['192.0.2.50', '192.0.2.51']) {
    const confirmed = await app.inject({ method: 'POST', url: `/api/v1/reports/${duplicate}/confirmations`, headers: { 'KMZB-Device': newDevice() }, remoteAddress: ip });
    assert.equal(confirmed.statusCode, 201, confirmed.body);
  }
  const linked = await staffInject(app, cookie, { method: 'POST', url: `/api/v1/staff/reports/${duplicate}/duplicate-of`, payload: { original, version: 1 } });
  assert.equal(linked.statusCode, 200, linked.body);
  const get = async (id: string) => (await staffInject(app, cookie, { method: 'GET', url: `/api/v1/staff/reports/${id}` })).json<{ status: string; confirmations: number; duplicateOf: string | null }>();
  assert.deepEqual([(await get(duplicate)).status, (await get(duplicate)).confirmations, (await get(duplicate)).duplicateOf], ['hidden', 0, original]);
  assert.equal((await get(original)).confirmations, 2);
  const again = await staffInject(app, cookie, { method: 'POST', url: `/api/v1/staff/reports/${original}/duplicate-of`, payload: { original, version: 2 } });
  assert.equal(again.json<{ code: string }>().code, 'INVALID_DUPLICATE');
});

test('staff enter a debate report: routed to its unit, staff in its history, overdue first in the queue', async (t) => {
  const { app, cookie } = await setUp(t);
  const entered = await staffInject(app, cookie, { method: 'POST', url: '/api/v1/staff/reports', payload: { ...OLSZTYN, category: 'illegal_parking', source: 'debate' } });
  assert.equal(entered.statusCode, 201, entered.body);
  const { id, unit } = entered.json<{ id: string; unit: { id: string } }>();
  assert.equal(unit.id, 'kmp-olsztyn');
  const old = await olsztynReport(app);
  assert.equal(await sqlOf(app).run("UPDATE reports SET created_at = '2020-01-01T00:00:00.000Z' WHERE id = ?", old), 1);
  const queue = (await staffInject(app, cookie, { method: 'GET', url: '/api/v1/staff/reports' })).json<{ reports: { id: string; source: string; overdueRead: boolean; overdueVerify: boolean }[] }>();
  assert.equal(queue.reports[0]!.id, old);
  assert.deepEqual([queue.reports[0]!.overdueRead, queue.reports[0]!.overdueVerify], [true, true]);
  assert.equal(queue.reports.find((r) => r.id === id)?.source, 'debate');
  const detail = (await staffInject(app, cookie, { method: 'GET', url: `/api/v1/staff/reports/${id}` })).json<{ history: { staff?: { displayName: string } }[] }>();
  assert.equal(detail.history[0]!.staff?.displayName, 'Name of officer');
  const outside = await staffInject(app, cookie, { method: 'POST', url: '/api/v1/staff/reports', payload: { lon: 18.6466, lat: 54.352, category: 'illegal_parking', source: 'police' } });
  assert.equal(outside.json<{ code: string }>().code, 'OUT_OF_SCOPE');
});
