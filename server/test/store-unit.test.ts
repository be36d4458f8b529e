import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../db/open.js';
import { seedIfEmpty } from '../db/seed.js';
import { sqliteStore } from '../db/sqlite-store.js';
import { UnitLeftTheStoreError } from '../db/sqlite-unit.js';
import { loadShippedData } from '../shipped-data.js';
import { tempDir } from './helpers.js';

// Store.unit on SQLite (server/db/sqlite-unit.ts): atomic units of work over the port.

function open(t: TestContext) {
  const db = openDatabase(join(tempDir(t), 'unit.sqlite'));
  t.after(() => db.close());
  seedIfEmpty(db, () => loadShippedData());
  // Figures name the admin who imported them.
  db.prepare("INSERT INTO staff (id, login, display_name, role, unit_id, password_hash, created_at) VALUES ('x', 'admin', 'Admin', 'admin', 'pl', '-', '2026-01-01')").run();
  return { db, store: sqliteStore(db) };
}

const figure = (count: number) => ({ teryt: '2862', month: '2025-01', category: 'theft' as const, count });
const entry = { at: '2026-01-01T00:00:00.000Z', staffId: null, action: 'test', targetType: 'unit' as const, targetId: 'pl', unitId: 'pl' };

test('a unit commits everything it wrote, and a unit that throws leaves nothing', async (t) => {
  const { db, store } = open(t);
  await store.unit(async (tx) => {
    await tx.crimeStats.write([figure(5)], entry.at, 'x');
    await tx.audit.append(entry);
  });
  assert.equal(await store.crimeStats.find('2862', '2025-01', 'theft'), 5);
  await assert.rejects(store.unit(async (tx) => {
    await tx.crimeStats.write([figure(7)], entry.at, 'x');
    assert.equal(await tx.crimeStats.find('2862', '2025-01', 'theft'), 7, 'the unit sees its own write');
    await tx.audit.append(entry);
    throw new Error('refused');
  }), /refused/);
  assert.equal(await store.crimeStats.find('2862', '2025-01', 'theft'), 5);
  assert.equal(db.prepare('SELECT count(*) FROM audit_log').pluck().get(), 1);
  assert.equal(db.inTransaction, false);
});

test('units started together run one after the other', async (t) => {
  const { store } = open(t);
  const order: string[] = [];
  await Promise.all([1, 2, 3].map((n) => store.unit(async (tx) => {
    order.push(`begin ${n}`);
    await tx.crimeStats.write([figure(n)], entry.at, 'x');
    order.push(`end ${n}`);
  })));
  assert.deepEqual(order, ['begin 1', 'end 1', 'begin 2', 'end 2', 'begin 3', 'end 3']);
  assert.equal(await store.crimeStats.find('2862', '2025-01', 'theft'), 3);
});

test('a unit that awaits something other than the store is rolled back and refused', async (t) => {
  const { db, store } = open(t);
  await assert.rejects(store.unit(async (tx) => {
    await tx.crimeStats.write([figure(9)], entry.at, 'x');
    await sleep(5);
  }), UnitLeftTheStoreError);
  assert.equal(await store.crimeStats.find('2862', '2025-01', 'theft'), undefined);
  assert.equal(db.inTransaction, false);
  // The store still works afterwards.
  await store.unit((tx) => tx.crimeStats.write([figure(1)], entry.at, 'x'));
  assert.equal(await store.crimeStats.find('2862', '2025-01', 'theft'), 1);
});

test('units handed in together share one transaction; one that throws rolls back alone', async (t) => {
  const { db, store } = open(t);
  // Another connection sees only what is committed: while the batch runs, not even unit 1.
  const reader = new BetterSqlite3(db.name, { readonly: true });
  t.after(() => reader.close());
  const committed = () => reader.prepare('SELECT count(*) FROM audit_log').pluck().get();
  const seenByOthers: unknown[] = [];
  const results = await Promise.allSettled([1, 2, 3].map((n) => store.unit(async (tx) => {
    await tx.audit.append({ ...entry, action: `unit ${n}` });
    seenByOthers.push(committed());
    if (n === 2) throw new Error('the second refuses');
    return n;
  })));
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual(seenByOthers, [0, 0, 0], 'one commit at the end of the batch');
  assert.deepEqual(db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all(), ['unit 1', 'unit 3']);
  assert.equal(committed(), 2);
});

test('a unit that never comes back does not hold the writer: its batch is refused and later units run', async (t) => {
  const { db, store } = open(t);
  let handle: Parameters<Parameters<typeof store.unit>[0]>[0] | undefined;
  const stuck = store.unit(async (tx) => {
    handle = tx;
    await tx.audit.append(entry);
    await new Promise(() => {}); // never settles
  });
  await assert.rejects(stuck, UnitLeftTheStoreError);
  assert.equal(db.inTransaction, false);
  await assert.rejects(handle!.audit.append(entry), UnitLeftTheStoreError, 'its handles refuse calls after the batch');
  await store.unit((tx) => tx.audit.append({ ...entry, action: 'later' }));
  assert.deepEqual(db.prepare('SELECT action FROM audit_log').pluck().all(), ['later']);
});
