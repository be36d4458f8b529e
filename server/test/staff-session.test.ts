import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from './helpers.js';
import { cliDatabase } from './pg-b-helpers.js';
import { sqlOf } from './test-sql.js';
import { addStaff, loginRequest, logIn, PASSWORD, staffInject } from './staff-helpers.js';

test('login sets an HttpOnly, SameSite=Strict session cookie; logout ends the session', async (t) => {
  const app = await build(t);
  await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  const response = await loginRequest(app, 'jan');
  assert.equal(response.statusCode, 200);
  const cookie = response.cookies.find((c) => c.name === 'kmzb_staff')!;
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(cookie.path, '/');
  assert.notEqual(cookie.secure, true);
  assert.equal(response.headers['access-control-allow-origin'], undefined);
  const session = `kmzb_staff=${cookie.value}`;
  assert.equal((await staffInject(app, session, { method: 'GET', url: '/api/v1/staff/me' })).statusCode, 200);
  assert.equal((await staffInject(app, session, { method: 'DELETE', url: '/api/v1/staff/session' })).statusCode, 204);
  const after = await staffInject(app, session, { method: 'GET', url: '/api/v1/staff/me' });
  assert.equal(after.json<{ code: string }>().code, 'SESSION_REQUIRED');
});

test('an unknown login and a wrong password get the same answer', async (t) => {
  const app = await build(t);
  await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  const unknown = await loginRequest(app, 'nobody');
  const wrong = await loginRequest(app, 'jan', 'wrong password!!');
  assert.equal(unknown.statusCode, 401);
  assert.deepEqual(unknown.json(), wrong.json());
});

test('an expired session is refused', async (t) => {
  const app = await build(t);
  await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  const session = await logIn(app, 'jan');
  assert.equal(await sqlOf(app).run("UPDATE staff_sessions SET idle_expires_at = '2000-01-01T00:00:00.000Z'"), 1);
  const response = await staffInject(app, session, { method: 'GET', url: '/api/v1/staff/me' });
  assert.equal(response.statusCode, 401);
  assert.equal(response.json<{ code: string }>().code, 'SESSION_REQUIRED');
});

test('five wrong passwords lock that network out of the account, even for the right password, with retryAt', async (t) => {
  const app = await build(t);
  await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  for (let i = 0; i < 5; i++) assert.equal((await loginRequest(app, 'jan', 'wrong password!!')).statusCode, 401);
  const locked = await loginRequest(app, 'jan');
  assert.equal(locked.statusCode, 429);
  assert.equal(locked.json<{ code: string }>().code, 'LOGIN_LOCKED');
  assert.ok(Date.parse(locked.json<{ retryAt: string }>().retryAt) > Date.now());
  assert.ok(Number(locked.headers['retry-after']) > 0);
  // The lock does not spill: the officer on another network logs in; another account from here too.
  assert.equal((await loginRequest(app, 'jan', PASSWORD, '203.0.113.9')).statusCode, 200);
  await addStaff(app, 'ewa', 'officer', 'kmp-olsztyn');
  assert.equal((await loginRequest(app, 'ewa')).statusCode, 200);
});

test('twenty failures from one network lock that network for every account', async (t) => {
  const app = await build(t);
  await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  for (let i = 0; i < 20; i++) await loginRequest(app, `guess-${i}`, 'wrong password!!', '198.51.100.20');
  assert.equal((await loginRequest(app, 'jan', PASSWORD, '198.51.100.20')).json<{ code: string }>().code, 'LOGIN_LOCKED');
  assert.equal((await loginRequest(app, 'jan', PASSWORD, '198.51.100.21')).statusCode, 200);
});

test('state-changing staff requests need this site as Origin or Referer', async (t) => {
  const app = await build(t);
  await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  const session = await logIn(app, 'jan');
  const logout = (headers: Record<string, string>) => app.inject({ method: 'DELETE', url: '/api/v1/staff/session', headers: { cookie: session, ...headers } });
  const foreign: Record<string, string>[] = [{}, { origin: 'https://evil.example' }, { referer: 'https://evil.example/page' }];
  for (const headers of foreign) {
    const refused = await logout(headers);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json<{ code: string }>().code, 'CSRF_REJECTED');
  }
  const foreignLogin = await app.inject({ method: 'POST', url: '/api/v1/staff/session', headers: { origin: 'https://evil.example' }, payload: { login: 'jan', password: PASSWORD } });
  assert.equal(foreignLogin.statusCode, 403);
  assert.equal((await logout({ referer: 'http://localhost/admin/' })).statusCode, 204);
});

test('no CORS on staff routes: a preflight is refused without Access-Control headers', async (t) => {
  const app = await build(t);
  const preflight = await app.inject({ method: 'OPTIONS', url: '/api/v1/staff/session', headers: { origin: 'https://evil.example' } });
  assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  assert.equal(preflight.statusCode, 404);
});

test('npm run staff -- add creates an admin who can log in; bad input exits 1', async (t) => {
  const database = await cliDatabase(t);
  const run = promisify(execFile);
  const env = { ...process.env, ...database.env, KMZB_STAFF_PASSWORD: 'a long enough secret' };
  const cli = (args: string[], extra: Record<string, string> = {}) => run(process.execPath, ['--import', 'tsx', 'server/staff-cli.ts', ...args], { env: { ...env, ...extra } });
  await cli(['add', '--login', 'jan', '--name', 'Jan Kowalski', '--role', 'admin', '--unit', 'kwp-olsztyn']);
  await assert.rejects(cli(['add', '--login', 'ewa', '--name', 'Ewa', '--role', 'admin', '--unit', 'kwp-olsztyn'], { KMZB_STAFF_PASSWORD: 'short' }), (error: { code: number; stderr: string }) => error.code === 1 && /12 characters/.test(error.stderr));
  await assert.rejects(cli(['add', '--login', 'ewa', '--name', 'Ewa', '--role', 'chief', '--unit', 'kwp-olsztyn']), { code: 1 });
  const listed = await cli(['list']);
  assert.match(listed.stdout, /jan\tadmin\tkwp-olsztyn\tactive/);
  const app = await database.buildApp();
  const login = await loginRequest(app, 'jan', 'a long enough secret');
  assert.equal(login.statusCode, 200, login.body);
  assert.equal(login.json<{ role: string; unit: { id: string } }>().unit.id, 'kwp-olsztyn');
});
