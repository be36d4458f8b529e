import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StaffReport } from '../../common/schemas/staff.js';
import { build } from './helpers.js';
import { startSmtp } from './mail-helpers.js';
import { OLSZTYN, postReport } from './report-helpers.js';
import { addStaff, logIn, staffInject } from './staff-helpers.js';
import { sqlOf } from './test-sql.js';

const contacts = (app: Awaited<ReturnType<typeof build>>) => sqlOf(app).all<{ id: string; email: string; lang: string }>('SELECT report_id AS id, email, lang FROM report_contacts');

test('the citizen\'s address is kept apart, mailed at each status change with the tracking link, and deleted at the final status', async (t) => {
  const smtp = await startSmtp();
  t.after(() => smtp.close());
  const app = await build(t, {
    reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 },
    mail: { smtpUrl: smtp.url, from: 'kmzb@example.pl', publicUrl: 'https://kmzb.example.pl' }, mailer: { intervalMs: 0 },
  });
  await addStaff(app, 'officer', 'officer', 'kmp-olsztyn');
  const cookie = await logIn(app, 'officer');
  const created = await postReport(app, { ...OLSZTYN, category: 'vandalism', email: ' ewa@example.pl ', lang: 'uk' });
  assert.equal(created.statusCode, 201, created.body);
  const { id, trackingUrl } = created.json<{ id: string; trackingUrl: string }>();
  assert.deepEqual(await contacts(app), [{ id, email: 'ewa@example.pl', lang: 'uk' }]);

  // Never public, never to staff beyond "asked for updates".
  const publicView = await app.inject({ method: 'GET', url: `/api/v1/reports/${id}` });
  assert.ok(!publicView.body.includes('ewa@'));
  const staffView = await staffInject(app, cookie, { method: 'GET', url: `/api/v1/staff/reports/${id}` });
  assert.ok(!staffView.body.includes('ewa@'));
  assert.equal(staffView.json<StaffReport>().reporterWantsUpdates, true);
  const queue = await staffInject(app, cookie, { method: 'GET', url: '/api/v1/staff/reports' });
  assert.ok(!queue.body.includes('ewa@'));

  const move = async (status: string, version: number, publicNote?: string) => {
    const response = await staffInject(app, cookie, { method: 'POST', url: `/api/v1/staff/reports/${id}/status`, payload: { status, version, ...(publicNote ? { publicNote } : {}) } });
    assert.equal(response.statusCode, 200, response.body);
  };
  await move('verifying', 1, 'Patrol w drodze.');
  assert.equal((await contacts(app)).length, 1, 'kept while the report is open');
  await app.mailer.tick();
  assert.equal(smtp.received.length, 1);
  const first = smtp.received[0]!;
  assert.deepEqual(first.to, ['ewa@example.pl']);
  assert.ok(first.decoded.includes(trackingUrl), 'links to the tracking page with the token');
  assert.ok(first.decoded.includes('Patrol w drodze.'));
  assert.match(first.decoded, /Перевіряється/);

  await move('not_confirmed', 2);
  assert.deepEqual(await contacts(app), [], 'deleted in the same transaction as the final status');
  const waiting = (await sqlOf(app).all<{ recipient: string }>("SELECT recipient FROM mail_queue WHERE kind = 'status_change' AND sent_at IS NULL")).map((r) => r.recipient);
  assert.deepEqual(waiting, ['ewa@example.pl'], 'only the last mail still holds it');
  await app.mailer.tick();
  assert.equal(smtp.received.length, 2);
  assert.match(smtp.received[1]!.decoded, /видалено/);
  const left = await sqlOf(app).value("SELECT count(*) FROM mail_queue WHERE recipient LIKE '%ewa@%'");
  assert.equal(left, 0, 'no copy of the address is left anywhere');
  assert.equal(await sqlOf(app).value("SELECT count(*) FROM reports WHERE description LIKE '%ewa@%'"), 0);
  assert.equal((await staffInject(app, cookie, { method: 'GET', url: `/api/v1/staff/reports/${id}` })).json<StaffReport>().reporterWantsUpdates, false);

  // Reopened later: nothing more is sent, the address is gone.
  await move('verifying', 3);
  await app.mailer.tick();
  assert.equal(smtp.received.length, 2);
});

test('without mail configured the address is still deleted at the final status; a bad address refuses the report', async (t) => {
  const app = await build(t, { reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 }, mailer: { intervalMs: 0 } });
  await addStaff(app, 'officer', 'officer', 'kmp-olsztyn');
  const cookie = await logIn(app, 'officer');
  const bad = await postReport(app, { ...OLSZTYN, category: 'vandalism', email: 'ewa at example' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json<{ code: string }>().code, 'INVALID_EMAIL');
  assert.equal(await sqlOf(app).value('SELECT count(*) FROM reports'), 0, 'nothing stored');

  const created = await postReport(app, { ...OLSZTYN, category: 'vandalism', email: 'ewa@example.pl' });
  const { id } = created.json<{ id: string }>();
  await staffInject(app, cookie, { method: 'POST', url: `/api/v1/staff/reports/${id}/status`, payload: { status: 'hidden', version: 1, internalNote: 'spam' } });
  assert.deepEqual(await contacts(app), []);
  assert.equal(await sqlOf(app).value('SELECT count(*) FROM mail_queue'), 0);
});
