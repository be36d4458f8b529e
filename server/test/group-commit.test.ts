import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { GroupCommit } from '../db/group-commit.js';
import { tempDir } from './helpers.js';

test('concurrent writes share one commit; a failing one rolls back alone', async (t) => {
  const db = new BetterSqlite3(join(tempDir(t), 'g.sqlite'));
  t.after(() => db.close());
  db.exec('CREATE TABLE t (n INTEGER NOT NULL UNIQUE)');
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const writes = new GroupCommit(db);
  const results = await Promise.allSettled([
    writes.run(() => insert.run(1).changes),
    writes.run(() => {
      insert.run(2);
      insert.run(1); // duplicate: this unit fails after writing 2
    }),
    writes.run(() => insert.run(3).changes),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual(db.prepare('SELECT n FROM t ORDER BY n').pluck().all(), [1, 3], 'the failed unit left nothing');
  assert.equal(db.inTransaction, false);
});

test('work queued later goes into a later batch, and results come back in order', async (t) => {
  const db = new BetterSqlite3(join(tempDir(t), 'g.sqlite'));
  t.after(() => db.close());
  db.exec('CREATE TABLE t (n INTEGER)');
  const writes = new GroupCommit(db, 2);
  const values = await Promise.all([1, 2, 3, 4, 5].map((n) => writes.run(() => db.prepare('INSERT INTO t VALUES (?) RETURNING n').pluck().get(n))));
  assert.deepEqual(values, [1, 2, 3, 4, 5]);
  assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 5);
});

test('whenIdle resolves once every queued unit is committed, and at once when nothing is queued', async (t) => {
  const db = new BetterSqlite3(join(tempDir(t), 'g.sqlite'));
  t.after(() => db.close());
  db.exec('CREATE TABLE t (n INTEGER)');
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const writes = new GroupCommit(db, 2);
  await writes.whenIdle();
  // Five units in batches of two: three commits, none of the caller's promises awaited.
  for (let n = 1; n <= 5; n++) void writes.run(() => insert.run(n));
  assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 0);
  await writes.whenIdle();
  assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 5);
  assert.equal(db.inTransaction, false);
});
