import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../db/open.js';
import { OTHERS_CHECK_MS, ReportMapRepository } from '../db/report-map-repository.js';
import { build } from './helpers.js';
import { getMap, idsOf, plant } from './map-helpers.js';

test("the map's data version moves at once on this process's writes, and within OTHERS_CHECK_MS on another's", async (t) => {
  const app = await build(t);
  const repository = new ReportMapRepository(app.db);
  const start = 1_000_000;
  const before = repository.dataVersion(start);
  assert.equal(repository.dataVersion(start + 1), before, 'nothing written: the same version');

  const id = await plant(app);
  const afterOwn = repository.dataVersion(start + 2);
  assert.notEqual(afterOwn, before, 'a write of this connection shows without waiting');

  // Another process (here another connection) changes a report, e.g. `npm run seed:demo`.
  const other = openDatabase(app.db.name);
  t.after(() => other.close());
  other.prepare('UPDATE reports SET confirmations = confirmations + 1 WHERE id = ?').run(id);
  assert.equal(repository.dataVersion(start + 3), afterOwn, 'read at most every OTHERS_CHECK_MS');
  assert.notEqual(repository.dataVersion(start + 2 + OTHERS_CHECK_MS), afterOwn, 'seen once the interval has passed');
});

test('a cached map answer is rebuilt after a write of this process, on the next request', async (t) => {
  const app = await build(t);
  const first = await plant(app);
  assert.deepEqual(idsOf((await getMap(app, 'unit=kpp-wejherowo')).map), [first]);
  const second = await plant(app);
  assert.deepEqual(idsOf((await getMap(app, 'unit=kpp-wejherowo')).map), [first, second].sort());
});
