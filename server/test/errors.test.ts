import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { build, TEST_STORE } from './helpers.js';
import { endTestSql, sqlOf } from './test-sql.js';

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

/**
 * The database goes away under a running app: SQLite's connection is closed; PostgreSQL's
 * database refuses new connections and the open ones are ended.
 */
async function loseDatabase(app: FastifyInstance): Promise<void> {
  if (TEST_STORE === 'sqlite') {
    app.db.close();
    return;
  }
  const name = await sqlOf(app).value<string>('SELECT current_database()');
  await endTestSql(app);
  // From the cluster's admin database (a database cannot disallow connections to itself).
  const admin = new pg.Client({ connectionString: process.env.KMZB_TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  } finally {
    await admin.end();
  }
}

test('an unexpected failure is a 500 INTERNAL_ERROR that reveals nothing', async (t) => {
  const app = await build(t);
  await loseDatabase(app);
  const response = await app.inject('/healthz');
  assert.equal(response.statusCode, 500);
  const body = response.json();
  assert.deepEqual(Object.keys(body).sort(), ['code', 'error', 'message', 'statusCode']);
  assert.equal(body.code, 'INTERNAL_ERROR');
  assert.equal(body.error, 'Internal Server Error');
  assert.doesNotMatch(body.message, /database|sqlite|connection|at /i);
});
