import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from './helpers.js';
import { OLSZTYN, newDevice } from './report-helpers.js';
import { addStaff, logIn, PASSWORD, staffInject } from './staff-helpers.js';

test('the effective config inherits each field from the nearest unit that sets it', async (t) => {
  const app = await build(t);
  await addStaff(app, 'boss', 'admin', 'pl');
  const session = await logIn(app, 'boss');
  const put = (unit: string, payload: Record<string, unknown>) => staffInject(app, session, { method: 'PUT', url: `/api/v1/staff/units/${unit}/config`, payload });
  assert.equal((await put('pl', { defaultLang: 'en' })).statusCode, 200);
  assert.equal((await put('kwp-olsztyn', { accentColor: '#AA0000', timeWindowDays: 7 })).statusCode, 200);
  assert.equal((await put('kmp-olsztyn', { timeWindowDays: 90, enabledCategories: ['illegal_parking'] })).statusCode, 200);
  const config = (await app.inject({ method: 'GET', url: '/api/v1/units/kmp-olsztyn/widget-config' })).json<Record<string, unknown>>();
  assert.deepEqual(config, {
    unit: 'kmp-olsztyn', enabledCategories: ['illegal_parking'], defaultView: 'map', timeWindowDays: 90, defaultLang: 'en',
    accentColor: '#aa0000', photosEnabled: true,
  });
  // Clearing a field (absent in the PUT) inherits again.
  await put('kmp-olsztyn', {});
  const cleared = (await app.inject({ method: 'GET', url: '/api/v1/units/kmp-olsztyn/widget-config' })).json<{ timeWindowDays: number; enabledCategories: string[] }>();
  assert.equal(cleared.timeWindowDays, 7);
  assert.equal(cleared.enabledCategories.length, 24);
});

test('null in a PUT clears a field like an absent one (not coerced into a list of one empty code)', async (t) => {
  const app = await build(t);
  await addStaff(app, 'boss', 'admin', 'pl');
  const session = await logIn(app, 'boss');
  const put = (payload: Record<string, unknown>) =>
    staffInject(app, session, { method: 'PUT', url: '/api/v1/staff/units/kmp-olsztyn/config', payload });
  assert.equal((await put({ enabledCategories: ['speeding'], allowedOrigins: ['https://olsztyn.example.pl'] })).statusCode, 200);
  const reply = await put({ enabledCategories: null, allowedOrigins: null, accentColor: null });
  assert.equal(reply.statusCode, 200, reply.body);
  const config = reply.json<{ effective: { enabledCategories: string[]; allowedOrigins: null } }>().effective;
  assert.equal(config.enabledCategories.length, 24);
  assert.equal(config.allowedOrigins, null);
});

test('bad config values are refused with their codes', async (t) => {
  const app = await build(t);
  await addStaff(app, 'hq', 'admin', 'kwp-olsztyn');
  const session = await logIn(app, 'hq');
  const put = async (payload: Record<string, unknown>, unit = 'kmp-olsztyn') =>
    (await staffInject(app, session, { method: 'PUT', url: `/api/v1/staff/units/${unit}/config`, payload })).json<{ code: string }>().code;
  assert.equal(await put({ enabledCategories: ['not_a_category'] }), 'UNKNOWN_CATEGORY');
  assert.equal(await put({ accentColor: 'red' }), 'INVALID_COLOR');
  assert.equal(await put({ allowedOrigins: ['https://ok.example/path'] }), 'INVALID_ORIGIN');
  assert.equal(await put({ allowedOrigins: ['ftp://ok.example'] }), 'INVALID_ORIGIN');
  assert.equal(await put({ accentColor: '#123456' }, 'kwp-gdansk'), 'OUT_OF_SCOPE');
});

test('allowed origins restrict report writes from other sites; same origin and unconfigured units stay open', async (t) => {
  const app = await build(t, { reportLimits: { perNetwork: 1000 } });
  const send = (origin: string, ip: string) => app.inject({
    method: 'POST', url: '/api/v1/reports', headers: { origin, 'KMZB-Device': newDevice() },
    remoteAddress: ip, payload: { ...OLSZTYN, category: 'illegal_parking' },
  });
  assert.equal((await send('https://anyone.example', '192.0.2.10')).statusCode, 201);
  await addStaff(app, 'hq', 'admin', 'kwp-olsztyn');
  const session = await logIn(app, 'hq');
  await staffInject(app, session, { method: 'PUT', url: '/api/v1/staff/units/kwp-olsztyn/config', payload: { allowedOrigins: ['https://olsztyn.policja.gov.pl'] } });
  const refused = await send('https://anyone.example', '192.0.2.11');
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json<{ code: string }>().code, 'ORIGIN_NOT_ALLOWED');
  assert.equal(refused.headers['access-control-allow-origin'], '*');
  assert.equal((await send('https://olsztyn.policja.gov.pl', '192.0.2.12')).statusCode, 201);
  assert.equal((await send('http://localhost', '192.0.2.13')).statusCode, 201);
});

test('admins manage staff of their subtree only, cannot disable themselves, and every change is audited', async (t) => {
  const app = await build(t);
  const hqId = await addStaff(app, 'hq', 'admin', 'kwp-olsztyn');
  const session = await logIn(app, 'hq');
  const call = (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) => staffInject(app, session, { method, url, payload });
  const above = await call('POST', '/api/v1/staff/accounts', { login: 'up', displayName: 'Up', role: 'admin', unit: 'pl', password: PASSWORD });
  assert.equal(above.json<{ code: string }>().code, 'OUT_OF_SCOPE');
  const short = await call('POST', '/api/v1/staff/accounts', { login: 'ewa', displayName: 'Ewa', role: 'officer', unit: 'kmp-olsztyn', password: 'short' });
  assert.equal(short.json<{ code: string }>().code, 'PASSWORD_TOO_SHORT');
  const created = await call('POST', '/api/v1/staff/accounts', { login: 'ewa', displayName: 'Ewa', role: 'officer', unit: 'kmp-olsztyn', password: PASSWORD });
  assert.equal(created.statusCode, 201);
  const ewa = await logIn(app, 'ewa');
  const disabled = await call('PATCH', `/api/v1/staff/accounts/${created.json<{ id: string }>().id}`, { disabled: true });
  assert.equal(disabled.json<{ disabled: boolean }>().disabled, true);
  assert.equal((await staffInject(app, ewa, { method: 'GET', url: '/api/v1/staff/me' })).statusCode, 401);
  assert.equal((await call('PATCH', `/api/v1/staff/accounts/${hqId}`, { disabled: true })).json<{ code: string }>().code, 'CANNOT_DISABLE_SELF');
  const other = await addStaff(app, 'gdansk', 'officer', 'kmp-gdansk');
  assert.equal((await call('PATCH', `/api/v1/staff/accounts/${other}`, { role: 'admin' })).json<{ code: string }>().code, 'OUT_OF_SCOPE');
  const audit = (await staffInject(app, session, { method: 'GET', url: '/api/v1/staff/audit' })).json<{ entries: { action: string }[] }>();
  const actions = audit.entries.map((e) => e.action);
  for (const action of ['login.success', 'staff.create', 'staff.update']) assert.ok(actions.includes(action), action);
  assert.ok(!JSON.stringify(audit).includes(PASSWORD));
});
