import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { openStore, StoreOpenError, withoutPassword } from '../open-store.js';

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('PostgreSQL unreachable: StoreOpenError naming the database without its password, with the network code', async () => {
  const url = `postgres://kmzb:s3cret@127.0.0.1:${await closedPort()}/kmzb`;
  await assert.rejects(openStore({ dbPath: 'unused.sqlite', databaseUrl: url }), (error: Error) => {
    assert.ok(error instanceof StoreOpenError, String(error));
    assert.equal(error.code, 'ECONNREFUSED');
    assert.match(error.message, /cannot use the PostgreSQL database postgres:\/\/kmzb:\*\*\*@127\.0\.0\.1:\d+\/kmzb \(KMZB_DATABASE_URL\)/);
    assert.ok(!error.message.includes('s3cret'));
    return true;
  });
});

test('withoutPassword keeps everything but the password', () => {
  assert.equal(withoutPassword('postgres://kmzb:s3cret@db.example:5432/kmzb?sslmode=require'), 'postgres://kmzb:***@db.example:5432/kmzb?sslmode=require');
  assert.equal(withoutPassword('postgres://db.example/kmzb'), 'postgres://db.example/kmzb');
  assert.equal(withoutPassword('not a url'), 'postgres://…');
});
