import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from './helpers.js';
import { OLSZTYN, postReport } from './report-helpers.js';
import { addStaff, loginRequest } from './staff-helpers.js';
import { redactUrl } from '../http/log-serializers.js';

/** Builds the app with an info-level logger writing into an array (the default level of `npm start`). */
async function withCapturedLog(t: Parameters<typeof build>[0], options: Parameters<typeof build>[1] = {}) {
  const lines: string[] = [];
  const app = await build(t, { ...options, logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } as never });
  return { app, log: () => lines.join('') };
}

test('the log holds no raw client IP and no tracking token, yet tells clients apart', async (t) => {
  const { app, log } = await withCapturedLog(t);
  const created = await postReport(app, { ...OLSZTYN, category: 'vandalism' }, { ip: '203.0.113.77' });
  assert.equal(created.statusCode, 201);
  const { id, trackingToken } = created.json<{ id: string; trackingToken: string }>();
  const read = await app.inject({ url: `/api/v1/reports/${id}?token=${trackingToken}`, remoteAddress: '203.0.113.77' });
  assert.equal(read.statusCode, 200);
  await app.inject({ url: `/api/v1/reports/${id}?lang=pl&Token=${trackingToken}&x=1`, remoteAddress: '2001:db8:1:2::99' });
  await app.inject({ url: `/api/v1/nothing?token=${trackingToken}`, remoteAddress: '198.51.100.200' });
  await addStaff(app, 'jan', 'officer', 'kmp-olsztyn');
  await loginRequest(app, 'jan', 'wrong password!!', '198.51.100.201');

  const text = log();
  assert.match(text, /"url":"\/api\/v1\/reports\/[^"]+\?token=\[Redacted\]"/, 'the request line is there, redacted');
  assert.match(text, /lang=pl&Token=\[Redacted\]&x=1/);
  for (const secret of ['203.0.113.77', '2001:db8:1:2', '198.51.100.200', '198.51.100.201', trackingToken, 'wrong password!!']) {
    assert.ok(!text.includes(secret), `the log contains ${secret}`);
  }
  assert.doesNotMatch(text, /remoteAddress|remotePort/);
  const clients = new Set([...text.matchAll(/"client":"([^"]+)"/g)].map((m) => m[1]));
  assert.ok(clients.size >= 4, 'each network has its own keyed tag');
});

test('behind a trusted proxy the forwarded address stays out of the log too', async (t) => {
  const { app, log } = await withCapturedLog(t, { trustProxy: true });
  await app.inject({ url: '/api/v1/units', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '192.0.2.234' } });
  assert.ok(!log().includes('192.0.2.234'));
});

test('redactUrl keeps everything but the secret values', () => {
  assert.equal(redactUrl('/a/b'), '/a/b');
  assert.equal(redactUrl('/r/1?token=abc'), '/r/1?token=[Redacted]');
  assert.equal(redactUrl('/r/1?a=1&trackingToken=abc&b'), '/r/1?a=1&trackingToken=[Redacted]&b');
  assert.equal(redactUrl('/r/1?%74oken=abc'), '/r/1?%74oken=[Redacted]');
  assert.equal(redactUrl('/r?device_id=abc&api_key=k'), '/r?device_id=[Redacted]&api_key=[Redacted]');
});
