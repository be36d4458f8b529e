import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from './helpers.js';

test('an unknown route is 404 ROUTE_NOT_FOUND in the common error shape', async (t) => {
  const app = await build(t);
  for (const [method, url] of [['GET', '/api/v1/nothing'], ['POST', '/api/v1/units'], ['GET', '/nope']] as const) {
    const response = await app.inject({ method, url });
    assert.equal(response.statusCode, 404, url);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    assert.deepEqual(response.json(), {
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      error: 'Not Found',
      message: `No route for ${method} ${url}`,
    });
  }
});

test('GET /healthz answers ok when the database answers', async (t) => {
  const app = await build(t);
  const response = await app.inject('/healthz');
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json(), { status: 'ok' });
  assert.equal(response.headers['access-control-allow-origin'], undefined, 'only the public API is open to other origins');
});

test('an unexpected failure is a 500 INTERNAL_ERROR that reveals nothing', async (t) => {
  const app = await build(t);
  app.db.close(); // the database goes away under a running app
  const response = await app.inject('/healthz');
  assert.equal(response.statusCode, 500);
  const body = response.json();
  assert.deepEqual(Object.keys(body).sort(), ['code', 'error', 'message', 'statusCode']);
  assert.equal(body.code, 'INTERNAL_ERROR');
  assert.equal(body.error, 'Internal Server Error');
  assert.doesNotMatch(body.message, /database|sqlite|connection|at /i);
});
