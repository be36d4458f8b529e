import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { MailStatus, StaffNotifications } from '../../common/schemas/staff.js';
import { digestSelection } from '../mail/digest.js';
import { build } from './helpers.js';
import { cliDatabase } from './pg-b-helpers.js';
import { sqlOf } from './test-sql.js';
import { startSmtp, type TestSmtp } from './mail-helpers.js';
import { OLSZTYN, postReport, postReportWithPhotos, jpegWithExif } from './report-helpers.js';
import { addStaff, logIn, staffInject } from './staff-helpers.js';

const FROM = 'KMZB <kmzb@example.pl>';
const PUBLIC = 'https://kmzb.example.pl';
const MINUTE = 60_000;

async function withSmtp(t: TestContext): Promise<TestSmtp> {
  const smtp = await startSmtp();
  t.after(() => smtp.close());
  return smtp;
}

/** The app sending through `smtp`, its worker run by the test (`app.mailer.tick`). */
function mailApp(t: TestContext, smtp: TestSmtp | undefined, backoffMs = MINUTE) {
  return build(t, {
    reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 },
    ...(smtp ? { mail: { smtpUrl: smtp.url, from: FROM, publicUrl: PUBLIC } } : {}),
    mailer: { intervalMs: 0, backoffMs },
  });
}

/** An officer of kmp-olsztyn who asked for a mail per new report; returns the session cookie. */
async function subscriber(app: FastifyInstance, login: string, choices: Record<string, unknown>): Promise<string> {
  await addStaff(app, login, 'officer', 'kmp-olsztyn');
  const cookie = await logIn(app, login);
  const saved = await staffInject(app, cookie, { method: 'PUT', url: '/api/v1/staff/me/notifications', payload: choices });
  assert.equal(saved.statusCode, 200, saved.body);
  return cookie;
}

const queued = (app: FastifyInstance) => sqlOf(app).all<{ kind: string; recipient: string; attempts: number; sentAt: string | null; failedAt: string | null }>(
  'SELECT kind, recipient, attempts, sent_at AS "sentAt", failed_at AS "failedAt" FROM mail_queue ORDER BY id');

test('a new report in the units of an account that asked for it arrives as a plain-text and HTML mail in its language, linking to the console, without photos', async (t) => {
  const smtp = await withSmtp(t);
  const app = await mailApp(t, smtp);
  await subscriber(app, 'anna', { email: 'anna@policja.example.pl', newReports: true, lang: 'en' });
  await subscriber(app, 'quiet', { email: 'quiet@policja.example.pl', newReports: false });
  await addStaff(app, 'elsewhere', 'officer', 'kmp-elblag');

  const response = await postReportWithPhotos(app, { ...OLSZTYN, category: 'illegal_parking', description: 'Plates WO 12345 on the pavement' }, [jpegWithExif()]);
  assert.equal(response.statusCode, 201, response.body);
  const { id } = response.json<{ id: string }>();
  await app.mailer.tick();

  assert.equal(smtp.received.length, 1, 'one mail: only the subscriber in scope');
  const mail = smtp.received[0]!;
  assert.deepEqual(mail.to, ['anna@policja.example.pl']);
  assert.equal(mail.from, 'kmzb@example.pl');
  assert.match(mail.decoded, new RegExp(`Subject: New report ${id}: Improper parking`));
  assert.match(mail.decoded, /Content-Type: text\/plain/);
  assert.match(mail.decoded, /Content-Type: text\/html/);
  assert.ok(mail.decoded.includes(`${PUBLIC}/admin#report/${id}`), 'links to the report in the console');
  assert.ok(!mail.decoded.includes('WO 12345'), 'the citizen\'s description stays out');
  assert.ok(!/image\/(jpeg|png)|Content-Disposition: attachment/i.test(mail.raw), 'no photos');
  assert.deepEqual((await queued(app)).map((m) => [m.kind, m.attempts, m.sentAt !== null]), [['new_report', 1, true]]);

  // Nothing twice: the next round has nothing new.
  await app.mailer.tick();
  assert.equal(smtp.received.length, 1);
});

test('a refused delivery is retried after its backoff and then arrives; admins see the failure meanwhile', async (t) => {
  const smtp = await withSmtp(t);
  const app = await mailApp(t, smtp);
  await subscriber(app, 'anna', { email: 'anna@policja.example.pl', newReports: true });
  await addStaff(app, 'admin', 'admin', 'kwp-olsztyn');
  const admin = await logIn(app, 'admin');
  smtp.refuseNext(1);
  const report = await postReport(app, { ...OLSZTYN, category: 'vandalism' });
  assert.equal(report.statusCode, 201, 'a refusing SMTP server does not fail the report');

  const now = new Date();
  await app.mailer.tick(now);
  assert.equal(smtp.received.length, 0);
  assert.deepEqual((await queued(app)).map((m) => [m.attempts, m.sentAt, m.failedAt]), [[1, null, null]]);
  const status = (await staffInject(app, admin, { method: 'GET', url: '/api/v1/staff/mail' })).json<MailStatus>();
  assert.equal(status.configured, true);
  assert.equal(status.problems.length, 1);
  assert.equal(status.problems[0]!.recipient, 'anna@policja.example.pl');
  assert.match(status.problems[0]!.lastError ?? '', /451|busy/i);

  // Not before the backoff is over...
  await app.mailer.tick(new Date(now.getTime() + 30_000));
  assert.equal(smtp.received.length, 0);
  // ...then delivered, and no longer a problem.
  await app.mailer.tick(new Date(now.getTime() + MINUTE + 1000));
  assert.equal(smtp.received.length, 1);
  assert.equal((await queued(app))[0]!.attempts, 2);
  const after = (await staffInject(app, admin, { method: 'GET', url: '/api/v1/staff/mail' })).json<MailStatus>();
  assert.deepEqual(after.problems, []);
});

test('a mail is given up after its attempts, and stays visible to admins as a delivery failure', async (t) => {
  const smtp = await withSmtp(t);
  const app = await build(t, {
    reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 },
    mail: { smtpUrl: smtp.url, from: FROM, publicUrl: PUBLIC }, mailer: { intervalMs: 0, backoffMs: 1, maxAttempts: 2 },
  });
  await subscriber(app, 'anna', { email: 'anna@policja.example.pl', newReports: true });
  await addStaff(app, 'admin', 'admin', 'kwp-olsztyn');
  const admin = await logIn(app, 'admin');
  smtp.refuseNext(5);
  await postReport(app, { ...OLSZTYN, category: 'vandalism' });
  const now = Date.now();
  await app.mailer.tick(new Date(now));
  await app.mailer.tick(new Date(now + 1000));
  assert.ok((await queued(app))[0]!.failedAt, 'given up');
  const status = (await staffInject(app, admin, { method: 'GET', url: '/api/v1/staff/mail' })).json<MailStatus>();
  assert.equal(status.problems.length, 1);
  assert.ok(status.problems[0]!.failedAt);
  await app.mailer.tick(new Date(now + 2000));
  assert.equal(smtp.received.length, 0, 'no more attempts');
});

test('without KMZB_SMTP_URL no mail is queued or sent, the reports still go through, and the console is told', async (t) => {
  const app = await mailApp(t, undefined);
  const cookie = await subscriber(app, 'anna', { email: 'anna@policja.example.pl', newReports: true, digest: true });
  const report = await postReport(app, { ...OLSZTYN, category: 'vandalism' });
  assert.equal(report.statusCode, 201);
  await app.mailer.tick(new Date(Date.UTC(2030, 0, 1, 8)));
  assert.deepEqual(await queued(app), []);
  const choices = (await staffInject(app, cookie, { method: 'GET', url: '/api/v1/staff/me/notifications' })).json<StaffNotifications>();
  assert.deepEqual(choices, { email: 'anna@policja.example.pl', lang: 'pl', newReports: true, digest: true, mailConfigured: false });
});

test('an address that is not one is refused with INVALID_EMAIL, and an empty one removes it', async (t) => {
  const app = await mailApp(t, undefined);
  const cookie = await subscriber(app, 'anna', { email: 'anna@policja.example.pl' });
  const bad = await staffInject(app, cookie, { method: 'PUT', url: '/api/v1/staff/me/notifications', payload: { email: 'anna at policja' } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json<{ code: string }>().code, 'INVALID_EMAIL');
  const cleared = await staffInject(app, cookie, { method: 'PUT', url: '/api/v1/staff/me/notifications', payload: { email: '' } });
  assert.equal(cleared.json<StaffNotifications>().email, null);
  // Admins set it in staff management too.
  await addStaff(app, 'admin', 'admin', 'kwp-olsztyn');
  const admin = await logIn(app, 'admin');
  const created = await staffInject(app, admin, {
    method: 'POST', url: '/api/v1/staff/accounts',
    payload: { login: 'ewa', displayName: 'Ewa', role: 'officer', unit: 'kmp-olsztyn', password: 'a long enough secret', email: 'ewa@policja.example.pl' },
  });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json<{ email: string }>().email, 'ewa@policja.example.pl');
  const refused = await staffInject(app, admin, { method: 'PATCH', url: `/api/v1/staff/accounts/${created.json<{ id: string }>().id}`, payload: { email: 'no' } });
  assert.equal(refused.json<{ code: string }>().code, 'INVALID_EMAIL');
});

test('the digest selects the open reports of the account\'s units near or past the read and verify deadlines, and goes out once a day', async (t) => {
  const smtp = await withSmtp(t);
  const app = await mailApp(t, smtp);
  await subscriber(app, 'anna', { email: 'anna@policja.example.pl', digest: true });
  const now = new Date(Date.UTC(2030, 4, 10, 6, 0));
  const hours = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();
  const add = (id: string, ageHours: number, unitId = 'kmp-olsztyn', steps: string[] = []) => app.store.unit(async (tx) => {
    await tx.reports.insert({ id, unitId, category: 'vandalism', ...OLSZTYN, trackingHash: randomBytes(32), createdAt: hours(ageHours) });
    for (const status of steps) await tx.reports.changeStatus(id, hours(1), status as never);
  });
  await add('DGSTVERIF1', 6 * 24);                       // new, 6 days: past verify
  await add('DGSTVERIF2', 5.5 * 24, 'kmp-olsztyn', ['verifying']); // verifying, 5.5 days: past verify
  await add('DGSTREAD01', 3 * 24);                       // new, 3 days: past read
  await add('DGSTSOON01', 30);                           // new, 30 h: read deadline within a day
  await add('DGSTSOON02', 4.5 * 24, 'kmp-olsztyn', ['verifying']); // verifying, 4.5 days: verify deadline within a day
  await add('DGSTFRESH1', 10);                           // new, 10 h: not yet
  await add('DGSTVRFY01', 3 * 24, 'kmp-olsztyn', ['verifying']); // verifying, 3 days: not near the verify deadline
  await add('DGSTDONE01', 9 * 24, 'kmp-olsztyn', ['verifying', 'confirmed']); // confirmed: done
  await add('DGSTELBLG1', 9 * 24, 'kmp-elblag');         // another unit

  const selection = await digestSelection(app.store.mail, app.units.scope('kmp-olsztyn'), now);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  assert.deepEqual(ids(selection.overdueVerify), ['DGSTVERIF1', 'DGSTVERIF2']);
  assert.deepEqual(ids(selection.overdueRead), ['DGSTREAD01']);
  assert.deepEqual(ids(selection.dueSoon), ['DGSTSOON02', 'DGSTSOON01']);

  // Before the digest hour nothing; at it, one mail listing them; later the same day nothing more.
  await app.mailer.tick(new Date(Date.UTC(2030, 4, 10, 4, 0)));
  assert.equal(smtp.received.length, 0);
  await app.mailer.tick(now);
  assert.equal(smtp.received.length, 1);
  const digest = smtp.received[0]!.decoded;
  assert.match(digest, /Subject: =\?UTF-8\?Q\?KMZB:_5_zg/);
  for (const id of ['DGSTVERIF1', 'DGSTVERIF2', 'DGSTREAD01', 'DGSTSOON01', 'DGSTSOON02']) assert.ok(digest.includes(`${PUBLIC}/admin#report/${id}`), id);
  for (const id of ['DGSTFRESH1', 'DGSTVRFY01', 'DGSTDONE01', 'DGSTELBLG1']) assert.ok(!digest.includes(id), id);
  await app.mailer.tick(new Date(now.getTime() + 3600_000));
  assert.equal(smtp.received.length, 1);
});

test('npm run staff -- add --email stores the address, and refuses one that is not', async (t) => {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const database = await cliDatabase(t);
  const run = promisify(execFile);
  const env = { ...process.env, ...database.env, KMZB_STAFF_PASSWORD: 'a long enough secret' };
  const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/staff-cli.ts', ...args], { env });
  await assert.rejects(cli(['add', '--login', 'ewa', '--name', 'Ewa', '--role', 'officer', '--unit', 'kmp-olsztyn', '--email', 'ewa at policja']),
    (error: { code: number; stderr: string }) => error.code === 1 && /not an e-mail address/.test(error.stderr));
  await cli(['add', '--login', 'jan', '--name', 'Jan', '--role', 'admin', '--unit', 'kwp-olsztyn', '--email', 'jan@policja.example.pl']);
  const listed = await cli(['list']);
  assert.match(listed.stdout, /jan\tadmin\tkwp-olsztyn\tactive\tJan\tjan@policja\.example\.pl/);
  assert.doesNotMatch(listed.stdout, /ewa/);
});

test('npm run staff -- set-email sets, refuses and (with an empty --email) removes an account\'s address, audited', async (t) => {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const database = await cliDatabase(t);
  const run = promisify(execFile);
  const env = { ...process.env, ...database.env, KMZB_STAFF_PASSWORD: 'a long enough secret' };
  const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/staff-cli.ts', ...args], { env });
  const emailOf = (login: string) => database.sql.value('SELECT email FROM staff WHERE login = ?', login);
  await cli(['add', '--login', 'jan', '--name', 'Jan', '--role', 'admin', '--unit', 'kwp-olsztyn']);
  assert.equal(await emailOf('jan'), null);

  const set = await cli(['set-email', '--login', 'jan', '--email', ' jan@policja.example.pl ']);
  assert.match(set.stdout, /jan@policja\.example\.pl/);
  assert.equal(await emailOf('jan'), 'jan@policja.example.pl');
  assert.match((await cli(['list'])).stdout, /jan\tadmin\tkwp-olsztyn\tactive\tJan\tjan@policja\.example\.pl/);

  await assert.rejects(cli(['set-email', '--login', 'jan', '--email', 'jan at policja']),
    (error: { code: number; stderr: string }) => error.code === 1 && /not an e-mail address/.test(error.stderr));
  await assert.rejects(cli(['set-email', '--login', 'jan']),
    (error: { code: number; stderr: string }) => error.code === 1 && /--email is required/.test(error.stderr));
  await assert.rejects(cli(['set-email', '--login', 'nobody', '--email', 'x@policja.example.pl']),
    (error: { code: number; stderr: string }) => error.code === 1 && /No account has the login "nobody"/.test(error.stderr));
  assert.equal(await emailOf('jan'), 'jan@policja.example.pl', 'a refused address leaves the old one');

  const removed = await cli(['set-email', '--login', 'jan', '--email', '']);
  assert.match(removed.stdout, /removed/);
  assert.equal(await emailOf('jan'), null);

  const audited = await database.sql.all<{ before: string; after: string }>("SELECT before, after FROM audit_log WHERE action = 'staff.update' ORDER BY seq");
  assert.deepEqual(audited.map((a) => [JSON.parse(a.before), JSON.parse(a.after)]), [
    [{ email: null }, { email: 'jan@policja.example.pl', via: 'cli' }],
    [{ email: 'jan@policja.example.pl' }, { email: null, via: 'cli' }],
  ]);
});
