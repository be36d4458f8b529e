import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { build } from './helpers.js';

/** A logger destination that keeps every JSON line. */
function logLines(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n')) if (text.trim()) lines.push(JSON.parse(text) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

test('one JSON line per request, carrying the id that the answer returns in X-Request-Id', async (t) => {
  const { stream, lines } = logLines();
  const app = await build(t, { logger: { level: 'info', stream } });
  const before = lines.length;
  const units = await app.inject({ url: '/api/v1/units' });
  const missing = await app.inject({ url: '/no/such/page' });
  const requestLines = lines.slice(before).filter((line) => line.reqId !== undefined);

  assert.equal(requestLines.length, 2, JSON.stringify(requestLines));
  const [first, second] = requestLines as [Record<string, any>, Record<string, any>];
  assert.match(units.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
  assert.notEqual(units.headers['x-request-id'], missing.headers['x-request-id']);
  assert.equal(first.reqId, units.headers['x-request-id']);
  assert.equal(first.msg, 'request completed');
  assert.equal(first.req.method, 'GET');
  assert.equal(first.req.url, '/api/v1/units');
  assert.equal(first.res.statusCode, 200);
  assert.equal(first.route, '/api/v1/units');
  assert.equal(typeof first.responseTime, 'number');
  assert.equal(first.level, 30);
  assert.equal(second.reqId, missing.headers['x-request-id']);
  assert.equal(second.res.statusCode, 404);
  assert.equal(second.route, null, 'no route pattern for an unknown path');
});

test('an id set by the reverse proxy is kept; anything that does not look like an id is replaced', async (t) => {
  const app = await build(t);
  const fromProxy = await app.inject({ url: '/healthz', headers: { 'x-request-id': '4f1c9a0e8b7d6c5a4f1c9a0e8b7d6c5a' } });
  assert.equal(fromProxy.headers['x-request-id'], '4f1c9a0e8b7d6c5a4f1c9a0e8b7d6c5a');
  for (const bad of ['short', 'has spaces in it', 'x'.repeat(65), '"quoted";drop']) {
    const response = await app.inject({ url: '/healthz', headers: { 'x-request-id': bad } });
    assert.match(response.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/, bad);
  }
});
