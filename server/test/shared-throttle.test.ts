// The write throttle shared by instances on PostgreSQL (server/http/shared-throttle.ts over
// server/store/postgres/pg-throttle.ts): two Fastify instances on one database count a client
// together, per route, in windows that end; the table holds no client address.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { sharedThrottleStore } from '../http/shared-throttle.js';
import type { PgDb } from '../store/postgres/pg-db.js';
import { PgThrottle } from '../store/postgres/pg-throttle.js';
import { createPgPool } from '../store/postgres/pool.js';
import { pgUnavailableReason, stopOwnCluster, testDatabase } from './pg-cluster.js';

const skip = pgUnavailableReason() ?? false;
after(stopOwnCluster);

async function instance(url: string, timeWindow: number, secret: Buffer): Promise<FastifyInstance> {
  const pool = createPgPool(url);
  const app = Fastify();
  app.addHook('onClose', () => pool.end());
  await app.register(rateLimit, { global: false, max: 3, timeWindow, store: sharedThrottleStore(new PgThrottle(pool), secret) });
  app.post('/reports', { config: { rateLimit: {} } }, async () => ({ ok: true }));
  app.post('/confirmations', { config: { rateLimit: {} } }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

test('two instances throttle a client together, each route apart, until the window ends', { skip }, async (t) => {
  const db = await testDatabase();
  const secret = Buffer.alloc(32, 7);
  // Long enough that the first writes fall in one window on a loaded machine.
  const window = 3000;
  const [a, b] = [await instance(db.url, window, secret), await instance(db.url, window, secret)];
  // The pools end before the database is dropped (a drop terminates open connections).
  t.after(async () => {
    await Promise.all([a.close(), b.close()]);
    await db.drop();
  });
  const post = (app: FastifyInstance, url: string, ip = '198.51.100.7') => app.inject({ method: 'POST', url, remoteAddress: ip });

  const codes = [];
  for (const app of [a, b, a, b]) codes.push((await post(app, '/reports')).statusCode);
  assert.deepEqual(codes, [200, 200, 200, 429], 'the fourth write in the window is refused, whichever instance gets it');
  const refused = await post(a, '/reports');
  assert.equal(refused.statusCode, 429);
  const retryAfter = Number(refused.headers['retry-after']);
  assert.ok(retryAfter >= 1 && retryAfter <= window / 1000, `retry-after ${retryAfter} s is what is left of the window`);
  assert.equal((await post(b, '/confirmations')).statusCode, 200, 'another route counts apart');
  assert.equal((await post(b, '/reports', '203.0.113.9')).statusCode, 200, 'another client counts apart');

  const reader = createPgPool(db.url);
  const rows = await reader.query<{ key: string; windowStart: string }>('SELECT key, window_start AS "windowStart" FROM write_throttle')
    .finally(() => reader.end());
  assert.ok(rows.rows.length >= 3);
  assert.ok(rows.rows.every((r) => !r.key.includes('198.51') && !r.key.includes('203.0')), 'no client address is stored');

  // Every window began at its first hit (the instances' clock when it was counted, however late
  // a loaded machine ran the request): wait until the last of them has ended.
  const lastStart = Math.max(...rows.rows.map((r) => Number(r.windowStart)));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastStart + window + 50 - Date.now())));
  assert.equal((await post(b, '/reports')).statusCode, 200, 'a new window starts after the last one ended');
});

test('hits that arrive together go out in one statement, each counted in turn', { skip }, async (t) => {
  const db = await testDatabase();
  const pool = createPgPool(db.url);
  t.after(async () => {
    await pool.end();
    await db.drop();
  });
  const sent: string[] = [];
  const counting: PgDb = {
    query: (config) => {
      sent.push(config.text);
      return pool.query(config);
    },
  };
  const throttle = new PgThrottle(counting);
  const now = Date.now();
  const [a, b] = await Promise.all([
    Promise.all(Array.from({ length: 5 }, () => throttle.hit('a', 60_000, now))),
    Promise.all(Array.from({ length: 2 }, () => throttle.hit('b', 60_000, now))),
  ]);
  assert.deepEqual(a.map((hit) => hit.count), [1, 2, 3, 4, 5], 'the hits of one key in arrival order');
  assert.deepEqual(b.map((hit) => hit.count), [1, 2]);
  assert.ok([...a, ...b].every((hit) => hit.windowStart === now));
  assert.equal(sent.length, 1, 'one statement for the seven hits');

  // The next turn adds to the same window; after the window, a key starts again at 1.
  assert.equal((await throttle.hit('a', 60_000, now + 1000)).count, 6);
  const later = await Promise.all([throttle.hit('a', 60_000, now + 60_000), throttle.hit('a', 60_000, now + 60_000)]);
  assert.deepEqual(later.map((hit) => [hit.count, hit.windowStart]), [[1, now + 60_000], [2, now + 60_000]]);
  assert.equal(sent.length, 3);
});
