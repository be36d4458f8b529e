import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteUnits } from '../db/sqlite-unit.js';
import type { StoreUnit } from '../store/store.js';
import { tempDir } from './helpers.js';

// Group commit of the SQLite units of work (sqlite-unit.ts); these units write with plain SQL.
const NO_TX = {} as StoreUnit;

test('concurrent writes share one commit; a failing one rolls back alone', async (t) => {
  const db = new BetterSqlite3(join(tempDir(t), 'g.sqlite'));
  t.after(() => db.close());
  db.exec('CREATE TABLE t (n INTEGER NOT NULL UNIQUE)');
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const writes = new SqliteUnits(db, NO_TX);
  const results = await Promise.allSettled([
    writes.run(async () => insert.run(1).changes),
    writes.run(async () => {
      insert.run(2);
      insert.run(1); // duplicate: this unit fails after writing 2
    }),
    writes.run(async () => insert.run(3).changes),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual(db.prepare('SELECT n FROM t ORDER BY n').pluck().all(), [1, 3], 'the failed unit left nothing');
  assert.equal(db.inTransaction, false);
});

test('work queued later goes into a later batch, and results come back in order', async (t) => {
  const db = new BetterSqlite3(join(tempDir(t), 'g.sqlite'));
  t.after(() => db.close());
  db.exec('CREATE TABLE t (n INTEGER)');
  const writes = new SqliteUnits(db, NO_TX, 2);
  const values = await Promise.all([1, 2, 3, 4, 5].map((n) => writes.run(async () => db.prepare('INSERT INTO t VALUES (?) RETURNING n').pluck().get(n))));
  assert.deepEqual(values, [1, 2, 3, 4, 5]);
  assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 5);
});

test('whenIdle resolves once every queued unit is committed, and at once when nothing is queued', async (t) => {
  const db = new BetterSqlite3(join(tempDir(t), 'g.sqlite'));
  t.after(() => db.close());
  db.exec('CREATE TABLE t (n INTEGER)');
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const writes = new SqliteUnits(db, NO_TX, 2);
  await writes.whenIdle();
  // Five units in batches of two: three commits, none of the caller's promises awaited.
  for (let n = 1; n <= 5; n++) void writes.run(async () => insert.run(n));
  assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 0);
  await writes.whenIdle();
  assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 5);
  assert.equal(db.inTransaction, false);
});

test('a batch stays within its byte budget: photo-sized units commit in transactions of their own', async (t) => {
  const file = join(tempDir(t), 'g.sqlite');
  const db = new BetterSqlite3(file);
  const reader = new BetterSqlite3(file, { readonly: true });
  t.after(() => {
    reader.close();
    db.close();
  });
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (n INTEGER)');
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const count = reader.prepare('SELECT count(*) FROM t').pluck();
  const writes = new SqliteUnits(db, NO_TX, 256, 4 * 1024 * 1024);
  // What another connection sees while each unit runs: only what earlier transactions committed.
  const seen: number[] = [];
  const unit = (n: number, bytes: number) => writes.run(async () => (seen.push(count.get() as number), insert.run(n)), bytes);
  await Promise.all([unit(1, 3_000_000), unit(2, 3_000_000), unit(3, 10), unit(4, 10), unit(5, 6_000_000), unit(6, 10)]);
  // 1 alone (2 would pass 4 MB); 2 with 3 and 4; 5 alone (above the budget by itself); then 6.
  assert.deepEqual(seen, [0, 1, 1, 1, 4, 5]);
});

test('by default a batch carries at most 1 MiB of photos: two stored photos of 600 KB commit apart', async (t) => {
  const file = join(tempDir(t), 'g.sqlite');
  const db = new BetterSqlite3(file);
  const reader = new BetterSqlite3(file, { readonly: true });
  t.after(() => {
    reader.close();
    db.close();
  });
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (n INTEGER)');
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const count = reader.prepare('SELECT count(*) FROM t').pluck();
  const writes = new SqliteUnits(db, NO_TX);
  const seen: number[] = [];
  const unit = (n: number, bytes: number) => writes.run(async () => (seen.push(count.get() as number), insert.run(n)), bytes);
  await Promise.all([unit(1, 600_000), unit(2, 600_000), unit(3, 10)]);
  // 1 alone (with 2 it would pass 1 MiB); 2 with 3.
  assert.deepEqual(seen, [0, 1, 1]);
});
