/** The store port's contract, part 3: the data version and units of work on both stores, then what only PostgreSQL has (the batch lock, retries, one transaction per batch, the unit timeout, the export's connection). (Harness and helpers: store-contract-harness.ts.) */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test, type TestContext } from 'node:test';
import type pg from 'pg';
import type { StoreUnit } from '../store/store.js';
import { pgSeedIfEmpty } from '../store/postgres/pg-seed.js';
import { pgStore } from '../store/postgres/pg-store.js';
import { UNIT_LOCK, UnitOverError, UnitTimeoutError } from '../store/postgres/pg-unit.js';
import { pgSkip, type Harness, openSqlite, openPg, contract, NOW, ago, reportId, report, insert, changeStatus, hash, selection, mail } from './store-contract-harness.js';

// --- Data version ------------------------------------------------------------------------------------------

contract('dataVersion changes when a write commits, from this instance or another', async (h) => {
  const v1 = await h.store.dataVersion();
  assert.equal(typeof v1, 'string');
  await insert(h, report());
  const v2 = await h.store.dataVersion();
  assert.notEqual(v2, v1);
  const other = await h.another();
  await other.unit((tx) => tx.audit.append({ at: NOW.toISOString(), staffId: null, action: 'x', targetType: 'unit', targetId: null, unitId: 'pl' }));
  const v3 = await h.store.dataVersion();
  assert.notEqual(v3, v2, "another instance's commit");
  assert.notEqual(await other.dataVersion(), v2);
});

// --- Units of work -----------------------------------------------------------------------------------------

const entry = { at: '2026-01-01T00:00:00.000Z', staffId: null, action: 'test', targetType: 'unit' as const, targetId: 'pl', unitId: 'pl' };
const figure = (count: number) => ({ teryt: '2862', month: '2025-01', category: 'theft' as const, count });

contract('a unit commits everything it wrote; one that throws leaves nothing and rethrows', async (h) => {
  const value = await h.store.unit(async (tx) => {
    await tx.crimeStats.write([figure(5)], entry.at, 'x');
    await tx.audit.append(entry);
    return 'done';
  });
  assert.equal(value, 'done');
  assert.equal(await h.store.crimeStats.find('2862', '2025-01', 'theft'), 5);
  const refusal = new Error('refused');
  await assert.rejects(h.store.unit(async (tx) => {
    await tx.crimeStats.write([figure(7)], entry.at, 'x');
    assert.equal(await tx.crimeStats.find('2862', '2025-01', 'theft'), 7, 'the unit sees its own write');
    await tx.reports.insert(report());
    assert.equal(await tx.reports.count(), 1);
    await tx.audit.append(entry);
    throw refusal;
  }), (error) => error === refusal);
  assert.equal(await h.store.crimeStats.find('2862', '2025-01', 'theft'), 5);
  assert.equal(await h.value('SELECT count(*) FROM audit_log'), 1);
  assert.equal(await h.store.reports.count(), 0);
  assert.equal(await h.value('SELECT count(*) FROM stats_counts WHERE n <> 0'), 0, 'the aggregates rolled back with the report');
});

contract('units handed in together: each in its savepoint, one that throws rolls back alone, in order', async (h) => {
  const order: string[] = [];
  const results = await Promise.allSettled([1, 2, 3, 4].map((n) => h.store.unit(async (tx) => {
    order.push(`begin ${n}`);
    await tx.audit.append({ ...entry, action: `unit ${n}` });
    await tx.crimeStats.write([figure(n)], entry.at, 'x');
    order.push(`end ${n}`);
    if (n === 2) throw new Error('the second refuses');
    return n;
  })));
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value : undefined)), [1, undefined, 3, 4]);
  assert.deepEqual(order, ['begin 1', 'end 1', 'begin 2', 'end 2', 'begin 3', 'end 3', 'begin 4', 'end 4'], 'one at a time');
  const actions = [];
  for (const row of (await h.store.audit.list(['pl'], false, 10, 0)).rows) actions.push(row.action);
  assert.deepEqual(actions, ['unit 4', 'unit 3', 'unit 1']);
  assert.equal(await h.store.crimeStats.find('2862', '2025-01', 'theft'), 4);
  await h.store.drain();
});

contract("a unit's handles refuse calls once it is over", async (h) => {
  let handle: StoreUnit | undefined;
  await h.store.unit(async (tx) => {
    handle = tx;
    await tx.audit.append(entry);
  });
  await assert.rejects(handle!.audit.append({ ...entry, action: 'late' }));
  await assert.rejects(handle!.reports.insert(report()));
  await assert.rejects(handle!.dailyActions.record(hash(1), 'device', 'report', entry.at));
  await assert.rejects(handle!.crimeStats.write([figure(1)], entry.at, 'x'));
  await assert.rejects(handle!.staff.updateEmail('x', 'late@example.org'));
  await assert.rejects(handle!.staffSessions.recordFailure('login:late', entry.at));
  await assert.rejects(handle!.unitConfigs.save('pl', { enabledCategories: null, defaultView: null, timeWindowDays: null, defaultLang: null,
    accentColor: null, photosEnabled: true, allowedOrigins: null }, entry.at));
  await assert.rejects(handle!.mail.enqueue({ kind: 'digest', recipient: 'a@example.org', staffId: null, reportId: null, subject: 's', text: 't', html: 'h', createdAt: entry.at }));
  await assert.rejects(handle!.staffReports.changeStatus('zzzzzzzzzz', 1, 'confirmed', entry.at, 'x'));
  await h.store.drain();
  assert.equal(await h.value('SELECT count(*) FROM audit_log'), 1);
  assert.equal(await h.value('SELECT email FROM staff WHERE id = ?', ['x']), null);
  assert.equal(await h.value('SELECT count(*) FROM login_failures'), 0);
  assert.equal(await h.value('SELECT count(*) FROM unit_configs'), 0);
  assert.equal(await h.value('SELECT count(*) FROM mail_queue'), 0);
  assert.equal(await h.store.reports.count(), 0);
});

contract('drain resolves once every unit handed in has settled', async (h) => {
  await h.store.drain();
  const settled: number[] = [];
  for (let n = 0; n < 5; n++) void h.store.unit((tx) => tx.audit.append(entry)).then(() => settled.push(n));
  await h.store.drain();
  // Resolutions run as microtasks right after the batch settles: give them one turn.
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(settled, [0, 1, 2, 3, 4]);
  assert.equal(await h.value('SELECT count(*) FROM audit_log'), 5);
});

/** The daily rule as the report desk runs it: read the device's times, refuse the second, record. */
function dailyRuleUnit(device: Buffer, at: string) {
  return async (tx: StoreUnit): Promise<'admitted'> => {
    const times = await tx.dailyActions.timesSince([device, hash(0xee)], ago(1));
    if (times.length >= 1) throw new Error('REPORT_LIMIT_REACHED');
    const id = reportId();
    if (await tx.reports.isIdTaken(id)) throw new Error('taken');
    await tx.reports.insert(report({ id, createdAt: at }));
    await tx.dailyActions.record(device, 'device', 'report', at);
    return 'admitted';
  };
}

/** The same as the report desk runs it now: checked and recorded in one call, the report inserted unless its id is taken. */
function dailyRuleUnitInOneCall(device: Buffer, at: string) {
  return async (tx: StoreUnit): Promise<'admitted'> => {
    const { recorded } = await tx.dailyActions.admitAndRecord({
      device: [device, hash(0xee)], network: [randomBytes(32), hash(0xef)], after: ago(1), perDevice: 1, perNetwork: 1000, action: 'report', at,
    });
    if (!recorded) throw new Error('REPORT_LIMIT_REACHED');
    while (!(await tx.reports.insertUnlessTaken(report({ id: reportId(), createdAt: at }))));
    return 'admitted';
  };
}

/** As the report desk runs it: the rule and the insert asked for together, in one round trip. */
function dailyRuleUnitAsTheDesk(device: Buffer, at: string) {
  return async (tx: StoreUnit): Promise<'admitted'> => {
    const insert = async () => {
      while (!(await tx.reports.insertUnlessTaken(report({ id: reportId(), createdAt: at }))));
    };
    const [{ recorded }] = await Promise.all([tx.dailyActions.admitAndRecord({
      device: [device, hash(0xee)], network: [randomBytes(32), hash(0xef)], after: ago(1), perDevice: 1, perNetwork: 1000, action: 'report', at,
    }), insert()]);
    if (!recorded) throw new Error('REPORT_LIMIT_REACHED');
    return 'admitted';
  };
}

// The last two say they ask for everything at once (the second wrongly: it awaits the rule
// first), so on PostgreSQL the units after them start early and are taken back when needed.
for (const [how, unit, oneRoundTrip] of [
  ['', dailyRuleUnit, false], [' (admitAndRecord, insertUnlessTaken)', dailyRuleUnitInOneCall, true], [' (both at once, as the desk)', dailyRuleUnitAsTheDesk, true],
] as const) contract(`two instances on one database: the daily rule admits one action per device, whatever the interleaving${how}`, async (h) => {
  const other = await h.another();
  const stores = [h.store, other];
  for (let round = 0; round < 3; round++) {
    const device = hash(0x10 + round);
    const attempts = Array.from({ length: 24 }, (_, i) => stores[i % 2]!.unit(unit(device, ago(0.01 * (round + 1))), { oneRoundTrip }));
    const results = await Promise.allSettled(attempts);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, `round ${round}: one admitted`);
    assert.ok(results.every((r) => r.status === 'fulfilled' || /REPORT_LIMIT_REACHED/.test(String(r.reason))));
    assert.equal(await h.value('SELECT count(*) FROM daily_actions WHERE key_hash = ?', [device]), 1);
  }
  assert.equal(await h.store.reports.count(), 3);
});

// --- PostgreSQL only -------------------------------------------------------------------------------------

const pgTest = (name: string, body: (t: TestContext) => Promise<void>) => test(`postgres: ${name}`, { skip: pgSkip, timeout: 60_000 }, body);

pgTest('units and areas equal to SQLite\'s, seeded from the same data', async (t) => {
  const [lite, pgh] = [await openSqlite(t), await openPg(t)];
  const sortUnits = async (h: Harness) => (await h.store.units.all())
    .map((u) => ({ ...u, powiats: [...u.powiats].sort((a, b) => a.teryt.localeCompare(b.teryt)) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  assert.deepEqual(await sortUnits(pgh), await sortUnits(lite));
  for (const id of ['pl', 'kwp-wroclaw', 'kmp-legnica', 'ksp']) {
    assert.deepEqual(await pgh.store.units.area(id), await lite.store.units.area(id), id);
  }
  assert.equal(await pgSeedIfEmpty(pgh.pool, () => assert.fail('not read again')), 0, 'seeding a seeded database does nothing');
});

pgTest('a batch holds the advisory lock: another instance\'s unit waits until it commits', async (t) => {
  const h = await openPg(t);
  const other = await h.another();
  const events: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const first = h.store.unit(async (tx) => {
    events.push('first begins');
    await tx.dailyActions.record(hash(7), 'device', 'report', ago(0.1));
    await gate; // PostgreSQL lets a unit await other things (SQLite refuses it)
    events.push('first ends');
  });
  while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const second = other.unit(async (tx) => {
    events.push('second begins');
    return tx.dailyActions.timesSince([hash(7), hash(8)], ago(1));
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(events, ['first begins'], 'the second batch waits for the lock');
  const locks = await h.value(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = ? AND objid = ? AND granted`,
    [UNIT_LOCK.classId, UNIT_LOCK.objectId]);
  assert.equal(locks, 1);
  assert.equal(await h.value(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = ? AND NOT granted`, [UNIT_LOCK.objectId]), 1);
  open();
  await first;
  assert.deepEqual(await second, [ago(0.1)], "the second sees the first's commit");
  assert.deepEqual(events, ['first begins', 'first ends', 'second begins']);
});

pgTest('units handed in together share one transaction', async (t) => {
  const h = await openPg(t);
  await h.exec(`CREATE TABLE seen_tx (txid bigint NOT NULL)`);
  await h.exec(`CREATE FUNCTION note_tx() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO seen_tx VALUES (txid_current()); RETURN NULL; END $$`);
  await h.exec('CREATE TRIGGER note_tx AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION note_tx()');
  await Promise.all(Array.from({ length: 20 }, (_, i) => h.store.unit((tx) => tx.audit.append({ ...entry, action: `u${i}` }))));
  assert.equal(await h.value('SELECT count(DISTINCT txid) FROM seen_tx'), 1);
  assert.equal(await h.value('SELECT count(*) FROM audit_log'), 20);
  // More than maxBatch: several transactions.
  await h.exec('DELETE FROM seen_tx');
  await Promise.all(Array.from({ length: 130 }, (_, i) => h.store.unit((tx) => tx.audit.append({ ...entry, action: `v${i}` }))));
  assert.equal(await h.value('SELECT count(DISTINCT txid) FROM seen_tx'), 3, '64 units per transaction');
});

pgTest('a serialization failure or deadlock runs the whole batch again', async (t) => {
  const h = await openPg(t);
  // Fails the first audit insert with 40001 (a sequence is not rolled back, so only once).
  await h.exec('CREATE SEQUENCE fail_once');
  await h.exec(`CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF nextval('fail_once') = 1 THEN RAISE EXCEPTION 'injected' USING ERRCODE = '40001'; END IF; RETURN NEW; END $$`);
  await h.exec('CREATE TRIGGER fail_once BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_once()');
  const runs: number[] = [];
  const results = await Promise.all([1, 2].map((n) => h.store.unit(async (tx) => {
    runs.push(n);
    await tx.crimeStats.write([{ teryt: '0262', month: '2025-01', category: 'theft', count: n }], entry.at, 'x');
    await tx.audit.append({ ...entry, action: `unit ${n}` });
    return n;
  })));
  assert.deepEqual(results, [1, 2]);
  assert.deepEqual(runs, [1, 1, 2], 'the batch ran again from its first unit');
  assert.equal(await h.value('SELECT count(*) FROM audit_log'), 2);
  // A failure that persists refuses the batch's units after the attempts.
  await h.exec(`CREATE OR REPLACE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = '40P01'; END $$`);
  let attempts = 0;
  await assert.rejects(h.store.unit(async (tx) => {
    attempts++;
    await tx.audit.append(entry);
  }), (error: { code?: string }) => error.code === '40P01');
  assert.equal(attempts, 5);
});

pgTest('a unit whose statement failed is rolled back even if it caught the error; the rest of its batch commits', async (t) => {
  const h = await openPg(t);
  const results = await Promise.allSettled([
    h.store.unit((tx) => tx.audit.append({ ...entry, action: 'before' })),
    h.store.unit(async (tx) => {
      await tx.audit.append({ ...entry, action: 'swallowed' });
      await tx.reports.insert(report({ unitId: 'no-such-unit' })).catch(() => undefined);
      return 'carried on';
    }),
    h.store.unit((tx) => tx.audit.append({ ...entry, action: 'after' })),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.equal((results[1] as PromiseRejectedResult).reason.code, '23503', 'the foreign key violation');
  assert.deepEqual((await h.store.audit.list(['pl'], false, 10, 0)).rows.map((r) => r.action), ['after', 'before']);
});

pgTest('a unit that never settles is timed out and refused; its handles refuse later calls; later units run', async (t) => {
  const h = await openPg(t);
  const store = pgStore(h.pool, { unitTimeoutMs: 200 });
  let handle: StoreUnit | undefined;
  const stuck = store.unit(async (tx) => {
    handle = tx;
    await tx.audit.append({ ...entry, action: 'stuck' });
    await new Promise(() => {});
  });
  const next = store.unit((tx) => tx.audit.append({ ...entry, action: 'next' }));
  await assert.rejects(stuck, UnitTimeoutError);
  await next;
  await assert.rejects(handle!.audit.append(entry), UnitOverError);
  assert.deepEqual((await h.store.audit.list(['pl'], false, 10, 0)).rows.map((r) => r.action), ['next']);
});

pgTest('a batch pipelines its connection: statements asked for together run in order in the unit\'s savepoint; a failure among them rolls the unit back; the pool gets its clients back unpipelined', async (t) => {
  const h = await openPg(t, { max: 2 });
  const seen = (what: string) => h.store.unit((tx) => tx.audit.append({ ...entry, action: what }));
  const results = await Promise.allSettled([
    seen('first'),
    // Three statements at once: they run in the order asked for, in this unit's savepoint.
    h.store.unit(async (tx) => Promise.all([
      tx.audit.append({ ...entry, action: 'together 1' }),
      tx.crimeStats.write([figure(3)], entry.at, 'x'),
      tx.audit.append({ ...entry, action: 'together 2' }),
    ]).then(() => 'ok')),
    // The second of three fails (a foreign key): the third fails after it (25P02), the unit is rolled back, with its first.
    h.store.unit(async (tx) => {
      await Promise.all([
        tx.audit.append({ ...entry, action: 'rolled back 1' }),
        tx.reports.insert(report({ unitId: 'no-such-unit' })),
        tx.audit.append({ ...entry, action: 'rolled back 2' }),
      ]);
    }),
    // A refusal after a write issued together with a read: nothing of it stays.
    h.store.unit(async (tx) => {
      const [, found] = await Promise.all([tx.audit.append({ ...entry, action: 'refused' }), tx.crimeStats.find('2862', '2025-01', 'theft')]);
      throw new Error(`refused after reading ${found}`);
    }),
    seen('last'),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
  assert.equal((results[2] as PromiseRejectedResult).reason.code, '23503', 'the first failure is the unit\'s error');
  assert.match(String((results[3] as PromiseRejectedResult).reason), /refused after reading 3/, 'the read saw the unit before it');
  assert.deepEqual((await h.store.audit.list(['pl'], false, 10, 0)).rows.map((r) => r.action), ['last', 'together 2', 'together 1', 'first']);
  assert.equal(await h.store.crimeStats.find('2862', '2025-01', 'theft'), 3);
  // The pool's clients are as they were (an export's cursor, other reads).
  const clients = await Promise.all([h.pool.connect(), h.pool.connect()]);
  for (const client of clients) {
    assert.equal((client as unknown as { pipeline: boolean }).pipeline, false);
    client.release();
  }
});

pgTest('a unit\'s statements asked for together leave in one write to the socket, with its savepoint', async (t) => {
  const h = await openPg(t, { max: 1 });
  // Counts the socket's flushes (each a system call) of the connections units check out.
  let flushes = 0;
  const connect = h.pool.connect.bind(h.pool) as (callback?: unknown) => Promise<pg.PoolClient>;
  const stream = (client: pg.PoolClient) => (client as unknown as { connection: { stream: Record<'_write' | '_writev', (...a: unknown[]) => unknown> } }).connection.stream;
  const spied = new Set<unknown>();
  // pool.query checks out with a callback: that form is left as it was.
  (h.pool as unknown as { connect: (callback?: unknown) => unknown }).connect = (callback?: unknown) => callback ? connect(callback) : spy();
  const spy = async () => {
    const client = await connect();
    const socket = stream(client);
    if (!spied.has(socket)) {
      spied.add(socket);
      for (const method of ['_write', '_writev'] as const) {
        const original = socket[method]!;
        socket[method] = function (this: unknown, ...args: unknown[]) {
          flushes++;
          return original.apply(this, args);
        };
      }
    }
    return client;
  };
  const store = pgStore(h.pool);
  await store.unit((tx) => tx.audit.append({ ...entry, action: 'warm-up' }));
  flushes = 0;
  await store.unit(async (tx) => Promise.all([
    tx.audit.append({ ...entry, action: 'one' }),
    tx.crimeStats.write([figure(4)], entry.at, 'x'),
    tx.audit.append({ ...entry, action: 'two' }),
  ]));
  // BEGIN with the lock, the savepoint with the three statements, COMMIT: three writes, not six.
  assert.equal(flushes, 3);
  assert.deepEqual((await h.store.audit.list(['pl'], false, 10, 0)).rows.map((r) => r.action), ['two', 'one', 'warm-up']);
});

pgTest('an export holds a connection of its own and gives it back on close', async (t) => {
  const h = await openPg(t, { max: 1 });
  await insert(h, report(), report());
  const cursor = await h.store.publicReports.openExport(await selection(h));
  assert.equal(h.pool.idleCount, 0);
  assert.equal((await cursor.next(1)).length, 1);
  await cursor.close();
  // With one connection in the pool, this would wait for ever had the export kept it.
  assert.equal(await h.store.reports.count(), 2);
  assert.equal(await h.value(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`), 0);
});

pgTest('ids taken under the same id in two units of one batch: the second is refused alone', async (t) => {
  const h = await openPg(t);
  const a = report();
  const results = await Promise.allSettled([insert(h, a), insert(h, { ...a, trackingHash: randomBytes(32) })]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected']);
  assert.equal((results[1] as PromiseRejectedResult).reason.code, '23505');
  assert.equal(await h.store.reports.count(), 1);
});

pgTest('mail claimed by two instances at once: each mail by one of them (FOR UPDATE SKIP LOCKED)', async (t) => {
  const h = await openPg(t);
  const other = await h.another();
  await h.store.unit(async (tx) => {
    for (let n = 0; n < 40; n++) await tx.mail.enqueue(mail({ subject: `m${n}`, createdAt: ago(1 - n / 1000) }));
  });
  for (let round = 0; round < 2; round++) {
    const claims = await Promise.all([h.store, other, h.store, other].map((s) => s.mail.claimDue(ago(0), ago(-1), 10)));
    const ids = claims.flat().map((m) => m.id);
    assert.equal(ids.length, new Set(ids).size, `round ${round}: no mail claimed twice`);
    if (round === 0) assert.equal(ids.length, 40, 'every due mail claimed once');
    else assert.equal(ids.length, 0, 'leased');
  }
});
