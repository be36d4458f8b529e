/**
 * copyFromStdin (server/store/postgres/pg-copy.ts): COPY FROM STDIN through node-pg's query
 * objects. Rows arrive whatever the chunking; a source that fails fails the COPY with its own
 * error; a server that refuses a row while the source still has more stops the source (closed,
 * not left half-read) and rejects with the server's error; the connection is usable after each.
 */
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import type pg from 'pg';
import { copyFromStdin } from '../store/postgres/pg-copy.js';
import { createPgPool } from '../store/postgres/pool.js';
import { pgUnavailableReason, stopOwnCluster, testDatabase } from './pg-cluster.js';

const skip = pgUnavailableReason() ?? false;
after(stopOwnCluster);

async function client(t: TestContext): Promise<pg.PoolClient> {
  const db = await testDatabase({ migrated: false });
  const pool = createPgPool({ connectionString: db.url, max: 1 });
  const connection = await pool.connect();
  t.after(async () => {
    connection.release();
    await pool.end();
    await db.drop();
  });
  await connection.query('CREATE TABLE t (n integer NOT NULL, s text)');
  return connection;
}

test('rows arrive whatever the chunks, and the server\'s count comes back', { skip }, async (t) => {
  const c = await client(t);
  const text = Array.from({ length: 1000 }, (_, i) => `${i}\tline ${i} \\t tab\\\\\n`).join('') + '1000\t\\N\n';
  // Chunks cut anywhere, across lines and escapes.
  const chunks = function* () {
    for (let at = 0; at < text.length; at += 7) yield Buffer.from(text.slice(at, at + 7));
  };
  assert.equal(await copyFromStdin(c, 'COPY t (n, s) FROM STDIN', chunks()), 1001);
  const { rows } = await c.query<{ n: number; s: string | null }>('SELECT n, s FROM t WHERE n IN (7, 1000) ORDER BY n');
  assert.deepEqual(rows, [{ n: 7, s: 'line 7 \t tab\\' }, { n: 1000, s: null }]);
});

test('a source that throws fails the COPY with its own error; nothing is kept, the connection goes on', { skip }, async (t) => {
  const c = await client(t);
  const chunks = function* () {
    yield Buffer.from('1\ta\n2\tb\n');
    throw new Error('the source broke');
  };
  await assert.rejects(copyFromStdin(c, 'COPY t (n, s) FROM STDIN', chunks()), /the source broke/);
  assert.equal((await c.query('SELECT count(*)::int AS n FROM t')).rows[0].n, 0);
});

test('a row the server refuses stops a source that has more, closes it, and rejects with the server\'s error', { skip }, async (t) => {
  const c = await client(t);
  let handedOut = 0;
  let closed = false;
  // A bad first row, then far more than the socket buffers: the source is still being read when the error comes.
  const chunks = function* () {
    try {
      yield Buffer.from('not a number\tx\n');
      for (; handedOut < 2000; handedOut++) yield Buffer.from(`${handedOut}\t${'y'.repeat(64 * 1024)}\n`);
    } finally {
      closed = true;
    }
  };
  const error = await copyFromStdin(c, 'COPY t (n, s) FROM STDIN', chunks()).then(() => assert.fail('accepted'), (e: unknown) => e as { code?: string });
  assert.equal(error.code, '22P02');
  assert.ok(closed, 'the source was closed');
  assert.ok(handedOut < 2000, `the source was stopped (${handedOut} of 2000 chunks read)`);
  assert.equal((await c.query('SELECT count(*)::int AS n FROM t')).rows[0].n, 0);
});
