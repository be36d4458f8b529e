import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../db/open.js';
import { OTHERS_CHECK_MS } from '../store/report-map.js';
import { build, TEST_STORE } from './helpers.js';
import { getMap, idsOf, plant } from './map-helpers.js';
import { sqlOf } from './test-sql.js';

test("the map's data version moves at once on this process's writes, and within OTHERS_CHECK_MS on another's", async (t) => {
  const app = await build(t);
  const map = app.store.reportMap;
  const version = (nowMs: number) => Promise.resolve(map.unitVersion('kpp-wejherowo', nowMs));
  const start = 1_000_000;
  const before = await version(start);
  assert.equal(await version(start + 1), before, 'nothing written: the same version');

  const id = await plant(app);
  const afterOwn = await version(start + 2);
  assert.notEqual(afterOwn, before, 'a write of this process shows without waiting');

  // Another process (here another connection) changes a report, e.g. `npm run seed:demo` or a
  // second instance on the same PostgreSQL database.
  if (TEST_STORE === 'sqlite') {
    const other = openDatabase(app.db.name);
    t.after(() => other.close());
    other.prepare('UPDATE reports SET confirmations = confirmations + 1 WHERE id = ?').run(id);
  } else {
    assert.equal(await sqlOf(app).run('UPDATE reports SET confirmations = confirmations + 1 WHERE id = ?', id), 1);
  }
  assert.equal(await version(start + 3), afterOwn, 'read at most every OTHERS_CHECK_MS');
  assert.notEqual(await version(start + 2 + OTHERS_CHECK_MS), afterOwn, 'seen once the interval has passed');
});

test('a cached map answer is rebuilt after a write of this process, on the next request', async (t) => {
  const app = await build(t);
  const first = await plant(app);
  assert.deepEqual(idsOf((await getMap(app, 'unit=kpp-wejherowo')).map), [first]);
  const second = await plant(app);
  assert.deepEqual(idsOf((await getMap(app, 'unit=kpp-wejherowo')).map), [first, second].sort());
});
