import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_COST_LOG2, hashPassword, needsRehash, passwordCost } from '../staff/passwords.js';
import { build } from './helpers.js';
import { countOf } from './pg-b-helpers.js';
import { addStaff, loginRequest, PASSWORD, SAME_ORIGIN } from './staff-helpers.js';

/** How many password checks a batch of attempts got: every checked guess leaves a login.failure audit entry. */
function checkedFailures(app: Awaited<ReturnType<typeof build>>): Promise<number> {
  return countOf(app, "SELECT count(*) FROM audit_log WHERE action = 'login.failure'");
}

test('40 parallel wrong passwords against one account get at most 5 checked guesses', async (t) => {
  const app = await build(t);
  await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  const answers = await Promise.all(Array.from({ length: 40 }, () => loginRequest(app, 'jan', 'wrong password!!', '198.51.100.50')));
  const codes = answers.map((a) => a.statusCode);
  assert.equal(codes.filter((c) => c === 401).length, 5, codes.join(','));
  assert.equal(codes.filter((c) => c === 429).length, 35);
  assert.equal(await checkedFailures(app), 5);
});

test('parallel guesses from rotating X-Forwarded-For behind a trusted proxy stop at the account budget', async (t) => {
  const app = await build(t, { trustProxy: true });
  await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  // The officer logged in from the station's network before: that network is trusted for the account.
  const station = '192.0.2.10';
  const viaProxy = (ip: string, password: string) => app.inject({
    method: 'POST', url: '/api/v1/staff/session', remoteAddress: '127.0.0.1',
    headers: { origin: SAME_ORIGIN, 'x-forwarded-for': ip }, payload: { login: 'jan', password },
  });
  assert.equal((await viaProxy(station, PASSWORD)).statusCode, 200);
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => viaProxy(`203.0.113.${i + 1}`, 'wrong password!!')));
  assert.equal(answers.filter((a) => a.statusCode === 401).length, 10, 'the per-account budget (10) holds across networks');
  assert.equal(await checkedFailures(app), 10);
  // A new network, even with the right password, waits; the trusted station is not locked out.
  const fresh = await viaProxy('198.51.100.99', PASSWORD);
  assert.equal(fresh.statusCode, 429);
  assert.equal(fresh.json<{ code: string }>().code, 'LOGIN_LOCKED');
  assert.equal((await viaProxy(station, PASSWORD)).statusCode, 200);
});

test('an anonymous attacker cannot lock out an officer on another network', async (t) => {
  const app = await build(t);
  await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  assert.equal((await loginRequest(app, 'jan', PASSWORD, '192.0.2.20')).statusCode, 200);
  for (let i = 0; i < 8; i++) await loginRequest(app, 'jan', 'wrong password!!', '198.51.100.60');
  assert.equal((await loginRequest(app, 'jan', PASSWORD, '198.51.100.60')).statusCode, 429, "the attacker's network is locked");
  assert.equal((await loginRequest(app, 'jan', PASSWORD, '192.0.2.20')).statusCode, 200, "the officer's is not");
  assert.equal((await loginRequest(app, 'jan', PASSWORD, '192.0.2.21')).statusCode, 200, 'nor a new one while the budget lasts');
});

test('a hash made at the old scrypt cost verifies and is rehashed at the current cost on login', async (t) => {
  const app = await build(t);
  const id = await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  const staff = app.store.staff;
  const old = await hashPassword(PASSWORD, { N: passwordCost().N / 2, r: 8, p: 1 });
  await app.store.unit((tx) => tx.staff.update(id, { passwordHash: old }));
  assert.ok(needsRehash(old));
  assert.equal((await loginRequest(app, 'jan', 'wrong password!!')).statusCode, 401);
  assert.equal((await staff.findByLogin('jan'))!.passwordHash, old, 'a wrong password changes nothing');
  assert.equal((await loginRequest(app, 'jan')).statusCode, 200);
  const rehashed = (await staff.findByLogin('jan'))!.passwordHash;
  assert.notEqual(rehashed, old);
  assert.ok(rehashed.startsWith(`scrypt$${passwordCost().N}$8$1$`), rehashed);
  assert.equal(DEFAULT_COST_LOG2, 17, 'production hashes: N = 2^17');
  assert.ok(!needsRehash(rehashed));
  assert.equal((await loginRequest(app, 'jan')).statusCode, 200, 'the new hash verifies');
});
