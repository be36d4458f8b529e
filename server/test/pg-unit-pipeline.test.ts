/**
 * PostgreSQL's pipelined batches (pg-unit-pipeline.ts): units that ask for everything at once
 * (Store.unit's oneRoundTrip) start before the answers of the unit before them, and still
 * settle with the outcome of running one after another: a failed unit takes back the ones
 * started after it, a unit that asks for more takes them back too, and they run again.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { PgDb } from '../store/postgres/pg-db.js';
import { PgMail } from '../store/postgres/pg-mail.js';
import { PgUnitQueue } from '../store/postgres/pg-unit.js';
import type { StoreUnit } from '../store/store.js';
import { ago, openPg, pgSkip, report } from './store-contract-harness.js';

const pgTest = (name: string, body: (t: TestContext) => Promise<void>) => test(`postgres: ${name}`, { skip: pgSkip, timeout: 60_000 }, body);

const entry = { at: '2026-01-01T00:00:00.000Z', staffId: null, action: 'test', targetType: 'unit' as const, targetId: 'pl', unitId: 'pl' };
const figure = (count: number) => ({ teryt: '2862', month: '2025-01', category: 'theft' as const, count });
const once = { oneRoundTrip: true };

pgTest('units that ask for everything at once start early; one that throws is rolled back alone; the ones after it run again', async (t) => {
  const h = await openPg(t);
  const order: string[] = [];
  const runs = new Map<number, number>();
  const results = await Promise.allSettled([1, 2, 3, 4].map((n) => h.store.unit(async (tx) => {
    runs.set(n, (runs.get(n) ?? 0) + 1);
    order.push(`begin ${n}`);
    await Promise.all([tx.audit.append({ ...entry, action: `unit ${n}` }), tx.crimeStats.write([figure(n)], entry.at, 'x')]);
    order.push(`end ${n}`);
    // As the daily rule refuses: after the answers, with the writes already made.
    if (n === 2) throw new Error('the second refuses');
    return n;
  }, once)));
  assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value : 'refused')), [1, 'refused', 3, 4]);
  assert.ok(order.indexOf('begin 2') < order.indexOf('end 1'), `the second began before the first had its answers: ${order}`);
  assert.ok(runs.get(3)! >= 2 && runs.get(4)! >= 2, `the units after the refused one ran again: ${[...runs]}`);
  assert.equal(runs.get(1), 1);
  const actions = (await h.store.audit.list(['pl'], false, 10, 0)).rows.map((row) => row.action);
  assert.deepEqual(actions, ['unit 4', 'unit 3', 'unit 1'], 'what the refused unit and the taken-back runs wrote is gone');
  assert.equal(await h.store.crimeStats.find('2862', '2025-01', 'theft'), 4, 'the last unit wrote last');
});

pgTest('a unit that asks for more after its answers takes back the units started after it, which see its writes when they run again', async (t) => {
  const h = await openPg(t);
  const a = report();
  const seen: (string | undefined)[] = [];
  const first = h.store.unit(async (tx) => {
    await tx.audit.append({ ...entry, action: 'first wave' });
    // A second wave: sent after the second unit started, so that one is taken back first.
    await tx.reports.insert(a);
    return 'first';
  }, once);
  const second = h.store.unit(async (tx) => {
    const [found] = await Promise.all([tx.reports.find(a.id), tx.audit.append({ ...entry, action: 'second' })]);
    seen.push(found?.id);
    return 'second';
  }, once);
  assert.deepEqual(await Promise.all([first, second]), ['first', 'second']);
  assert.deepEqual(seen, [undefined, a.id], 'run early, the second did not see the report; run again, it did');
  const actions = (await h.store.audit.list(['pl'], false, 10, 0)).rows.map((row) => row.action);
  assert.deepEqual(actions, ['second', 'first wave'], 'the early run of the second left nothing');
});

pgTest('a server error in one unit fails the statements sent after it; only that unit is refused', async (t) => {
  const h = await openPg(t);
  const a = report();
  const insertOf = (r: ReturnType<typeof report>) => (tx: StoreUnit) => Promise.all([tx.reports.insert(r), tx.audit.append({ ...entry, action: r.id })]);
  const results = await Promise.allSettled([
    h.store.unit(insertOf(a), once),
    h.store.unit(insertOf({ ...a, createdAt: ago(1) }), once), // the same id: 23505
    h.store.unit(insertOf(report()), once), // its statements follow the failed one (25P02), then run again
    h.store.unit(insertOf(report()), once),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  assert.equal((results[1] as PromiseRejectedResult).reason.code, '23505');
  assert.equal(await h.store.reports.count(), 3);
  assert.equal(await h.value('SELECT count(*) FROM audit_log'), 3);
});

pgTest('a batch of units that ask for everything at once is sent whole before the first answer comes back', async (t) => {
  const h = await openPg(t, { max: 1 });
  // The statements PostgreSQL answers, in the order it ran them, through the units' handles.
  const ran: string[] = [];
  const results = await Promise.all([1, 2, 3].map((n) => h.store.unit(async (tx) => {
    ran.push(`sent ${n}`);
    await tx.audit.append({ ...entry, action: `unit ${n}` });
    ran.push(`answered ${n}`);
  }, once)));
  assert.equal(results.length, 3);
  // Every unit was sent before the first answer came back: one round trip for the batch.
  assert.deepEqual(ran.slice(0, 3), ['sent 1', 'sent 2', 'sent 3']);
  assert.deepEqual(ran.slice(3), ['answered 1', 'answered 2', 'answered 3']);
});

pgTest('a batch plans its statements once per connection (generic plans); outside it PostgreSQL chooses', async (t) => {
  const h = await openPg(t);
  // The store's own queue on the store's pool, with the connection itself as the unit's handle.
  const queue = new PgUnitQueue<PgDb>(h.pool, (db) => db);
  const mode = async (db: PgDb) => (await db.query<{ mode: string }>({ text: "SELECT current_setting('plan_cache_mode') AS mode" })).rows[0]!.mode;
  assert.deepEqual(await Promise.all([queue.run(mode), queue.run(mode, 0, true)]), ['force_generic_plan', 'force_generic_plan']);
  // SET LOCAL: gone with the batch's transaction, from the connection the pool hands out next.
  assert.equal(await mode(h.pool), 'auto');
});

pgTest("the digest's rows, a range over a scope's reports, are planned as PostgreSQL chooses; the batch's mode comes back after them", async (t) => {
  const h = await openPg(t);
  const queue = new PgUnitQueue<PgDb>(h.pool, (db) => db);
  const sent: string[] = [];
  // The unit's connection, watched: what goes out, in order (a set_config by the mode it sets).
  const watched = (db: PgDb): PgDb => ({
    query: ((config: { name?: string; values?: unknown[] }) => {
      sent.push(config.name ?? String(config.values?.[1]));
      return db.query(config as never);
    }) as PgDb['query'],
  });
  const mode = async (db: PgDb) => (await db.query<{ mode: string }>({ text: "SELECT current_setting('plan_cache_mode') AS mode" })).rows[0]!.mode;
  const [during, after] = await queue.run(async (db) => {
    await new PgMail(watched(db)).digestCandidates(['pl'], '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
    return [sent.length, await mode(db)] as const;
  });
  assert.equal(during, 3);
  assert.deepEqual(sent, ['auto', 'kmzb_mail_digest_rows', 'force_generic_plan'], 'the digest statement goes out with PostgreSQL choosing its plan');
  assert.equal(after, 'force_generic_plan', "the batch's mode is back for the units after it");
});
