import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditPage } from '../../common/schemas/staff.js';
import { build } from './helpers.js';
import { addStaff, logIn, olsztynReport, staffInject } from './staff-helpers.js';

test('the audit log narrows by staff account, report and action, each within the admin subtree', async (t) => {
  const app = await build(t, { reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 } });
  const adminId = await addStaff(app, 'admin', 'admin', 'kwp-olsztyn');
  const officerId = await addStaff(app, 'officer', 'officer', 'kmp-olsztyn');
  const admin = await logIn(app, 'admin');
  const officer = await logIn(app, 'officer');
  const first = await olsztynReport(app);
  const second = await olsztynReport(app);
  for (const id of [first, second]) {
    const moved = await staffInject(app, officer, { method: 'POST', url: `/api/v1/staff/reports/${id}/status`, payload: { status: 'verifying', version: 1 } });
    assert.equal(moved.statusCode, 200, moved.body);
  }
  const audit = async (query: string) => {
    const response = await staffInject(app, admin, { method: 'GET', url: `/api/v1/staff/audit?${query}` });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<AuditPage>();
  };

  const byOfficer = await audit(`staff=${officerId}`);
  assert.deepEqual(byOfficer.entries.map((e) => e.action).sort(), ['login.success', 'report.status', 'report.status']);
  assert.ok(byOfficer.entries.every((e) => e.staff?.id === officerId));

  const aboutFirst = await audit(`report=${first.toLowerCase()}`);
  assert.deepEqual(aboutFirst.entries.map((e) => [e.action, e.targetId]), [['report.status', first]]);
  assert.equal(aboutFirst.total, 1);

  const logins = await audit('action=login.success');
  assert.deepEqual(new Set(logins.entries.map((e) => e.staff?.id)), new Set([adminId, officerId]));

  const combined = await audit(`action=report.status&staff=${adminId}`);
  assert.equal(combined.total, 0, 'the admin changed no status');

  const bad = await staffInject(app, admin, { method: 'GET', url: '/api/v1/staff/audit?action=DROP%20TABLE' });
  assert.equal(bad.statusCode, 400);
});
