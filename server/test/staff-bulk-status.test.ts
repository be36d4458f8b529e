import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BulkStatusResult, StaffReport } from '../../common/schemas/staff.js';
import { build } from './helpers.js';
import { columnOf } from './pg-b-helpers.js';
import { addStaff, logIn, olsztynReport, staffInject } from './staff-helpers.js';

const BULK = '/api/v1/staff/reports/bulk-status';

test('a bulk status change moves every report it may, refuses the others one by one, and audits each', async (t) => {
  const app = await build(t, { reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 } });
  await addStaff(app, 'officer', 'officer', 'kmp-olsztyn');
  await addStaff(app, 'elsewhere', 'officer', 'kmp-elblag');
  const cookie = await logIn(app, 'officer');
  const [a, b, stale, fresh] = [await olsztynReport(app), await olsztynReport(app), await olsztynReport(app), await olsztynReport(app)];
  // Someone moves `stale` meanwhile: the bulk change still carries version 1 for it.
  await staffInject(app, cookie, { method: 'POST', url: `/api/v1/staff/reports/${stale}/status`, payload: { status: 'verifying', version: 1 } });
  const response = await staffInject(app, cookie, {
    method: 'POST', url: BULK,
    payload: { status: 'verifying', publicNote: 'Sprawdzamy.', reports: [{ id: a, version: 1 }, { id: b.toLowerCase(), version: 1 }, { id: stale, version: 1 }] },
  });
  assert.equal(response.statusCode, 200, response.body);
  const result = response.json<BulkStatusResult>();
  assert.equal(result.changed, 2);
  assert.equal(result.refused, 1);
  assert.deepEqual(result.results.map((r) => [r.id, r.changed, r.code ?? null]), [[a, true, null], [b, true, null], [stale, false, 'STALE_REPORT']]);

  // eliminated is no move from new nor from verifying: refused for both, as a single change would be.
  const notAllowed = (await staffInject(app, cookie, {
    method: 'POST', url: BULK, payload: { status: 'eliminated', reports: [{ id: fresh, version: 1 }, { id: a, version: 2 }] },
  })).json<BulkStatusResult>();
  assert.deepEqual(notAllowed.results.map((r) => r.code), ['TRANSITION_NOT_ALLOWED', 'TRANSITION_NOT_ALLOWED']);

  // Each changed report has its own history entry with the note, and its own audit entry.
  for (const id of [a, b]) {
    const report = (await staffInject(app, cookie, { method: 'GET', url: `/api/v1/staff/reports/${id}` })).json<StaffReport>();
    assert.equal(report.status, 'verifying');
    assert.equal(report.history.at(-1)?.publicNote, 'Sprawdzamy.');
  }
  const audited = await columnOf(app, "SELECT target_id FROM audit_log WHERE action = 'report.status' ORDER BY seq");
  assert.deepEqual(audited, [stale, a, b]);

  // Outside the officer's units: refused like a single change (not found), the rest unaffected.
  const other = await logIn(app, 'elsewhere');
  const outside = (await staffInject(app, other, { method: 'POST', url: BULK, payload: { status: 'hidden', internalNote: 'spam', reports: [{ id: fresh, version: 1 }] } })).json<BulkStatusResult>();
  assert.equal(outside.results[0]!.code, 'REPORT_NOT_FOUND');

  // Hiding without a reason refuses the whole request; an empty list is a bad request.
  const noReason = await staffInject(app, cookie, { method: 'POST', url: BULK, payload: { status: 'hidden', reports: [{ id: fresh, version: 1 }] } });
  assert.equal(noReason.statusCode, 400);
  assert.equal(noReason.json<{ code: string }>().code, 'REASON_REQUIRED');
  const empty = await staffInject(app, cookie, { method: 'POST', url: BULK, payload: { status: 'verifying', reports: [] } });
  assert.equal(empty.statusCode, 400);
  const fromElsewhere = await app.inject({ method: 'POST', url: BULK, headers: { cookie, origin: 'https://evil.example' }, payload: { status: 'verifying', reports: [{ id: fresh, version: 1 }] } });
  assert.equal(fromElsewhere.statusCode, 403);
});
