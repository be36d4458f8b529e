/**
 * The store port's contract: the same assertions on both adapters, sqliteStore on a temporary
 * file migrated and seeded as the app does (helpers.ts's seeded template), and pgStore on a
 * PostgreSQL test database (pg-cluster.ts) seeded by pgSeedIfEmpty from the same shipped data.
 * Every method of every part of the port, units of work included (commit,
 * rollback, savepoints, handles refused afterwards, two instances on one database under the
 * daily rule). Then what only PostgreSQL has: the batch lock across instances, retries on
 * serialization failures, one transaction per batch, the unit timeout, the export's connection.
 * The PostgreSQL half is skipped only when PostgreSQL is not installed (pgUnavailableReason).
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, test, type TestContext } from 'node:test';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { Status } from '../../common/catalogue.js';
import { openDatabase } from '../db/open.js';
import { sqliteStore } from '../db/sqlite-store.js';
import { loadShippedData } from '../shipped-data.js';
import type { ReportInsert } from '../store/reports.js';
import type { PublicSelection } from '../store/public-reports.js';
import type { Store, StoreUnit } from '../store/store.js';
import { buildPgUnitSeeds, pgSeedIfEmpty, type PgUnitSeed } from '../store/postgres/pg-seed.js';
import { pgStore } from '../store/postgres/pg-store.js';
import { UNIT_LOCK, UnitOverError, UnitTimeoutError, type PgUnitOptions } from '../store/postgres/pg-unit.js';
import { createPgPool } from '../store/postgres/pool.js';
import { seededTemplate, tempDir } from './helpers.js';
import { pgUnavailableReason, stopOwnCluster, testDatabase } from './pg-cluster.js';

const pgSkip = pgUnavailableReason() ?? false;
after(stopOwnCluster);

/** What both adapters have: the whole port. */
type ContractStore = Store;

interface Harness {
  store: ContractStore;
  /** Runs a statement written with `?` placeholders directly on the database (set-up the port has no method for). */
  exec(sql: string, params?: unknown[]): Promise<void>;
  /** First column of the first row of a query (`?` placeholders). */
  value(sql: string, params?: unknown[]): Promise<unknown>;
  /** Another instance on the same database (its own connection or pool). */
  another(): Promise<ContractStore>;
}

/** Clean-ups run last registered first when the test ends (pools closed before their database is dropped). */
function cleanups(t: TestContext): (work: () => unknown) => void {
  const stack: (() => unknown)[] = [];
  t.after(async () => {
    for (const work of stack.reverse()) await work();
  });
  return (work) => void stack.push(work);
}

function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const STAFF = "INSERT INTO staff (id, login, display_name, role, unit_id, password_hash, created_at) VALUES ('x', 'admin', 'Admin', 'admin', 'pl', '-', '2026-01-01')";

async function openSqlite(t: TestContext): Promise<Harness> {
  const dir = tempDir(t, 'kmzb-contract-');
  const path = join(dir, 'store.sqlite');
  copyFileSync(seededTemplate(), path);
  const defer = cleanups(t);
  const open = (): Database => {
    const db = openDatabase(path);
    defer(() => db.close());
    return db;
  };
  const db = open();
  db.prepare(STAFF).run();
  return {
    store: sqliteStore(db),
    exec: async (sql, params = []) => void db.prepare(sql).run(...params),
    value: async (sql, params = []) => db.prepare(sql).pluck().get(...params),
    another: async () => sqliteStore(open()),
  };
}

let pgSeeds: PgUnitSeed[] | undefined;

async function openPg(t: TestContext, options: PgUnitOptions & { max?: number } = {}): Promise<Harness & { pool: pg.Pool; url: string }> {
  const defer = cleanups(t);
  const db = await testDatabase();
  defer(() => db.drop());
  const pools: pg.Pool[] = [];
  const open = (): pg.Pool => {
    const pool = createPgPool({ connectionString: db.url, max: options.max ?? 10 });
    pools.push(pool);
    defer(() => pool.end());
    return pool;
  };
  const pool = open();
  const data = loadShippedData();
  pgSeeds ??= buildPgUnitSeeds(data);
  await pgSeedIfEmpty(pool, () => data, pgSeeds);
  await pool.query(STAFF);
  const stores: Store[] = [];
  const make = (p: pg.Pool): Store => {
    const store = pgStore(p, options);
    stores.push(store);
    return store;
  };
  // Every unit settled before the pools end.
  defer(() => Promise.all(stores.map((s) => s.drain())));
  return {
    pool,
    url: db.url,
    store: make(pool),
    exec: async (sql, params = []) => void (await pool.query(toPg(sql), params)),
    value: async (sql, params = []) => {
      const { rows } = await pool.query({ text: toPg(sql), values: params, rowMode: 'array' });
      return (rows[0] as unknown[] | undefined)?.[0];
    },
    another: async () => make(open()),
  };
}

const STORES = [
  { name: 'sqlite', open: openSqlite, skip: false as const },
  { name: 'postgres', open: (t: TestContext) => openPg(t), skip: pgSkip },
];

/** The same test on both stores. */
function contract(name: string, body: (h: Harness, t: TestContext) => Promise<void>): void {
  for (const kind of STORES) {
    test(`${kind.name}: ${name}`, { skip: kind.skip }, async (t) => body(await kind.open(t), t));
  }
}

// --- Data -------------------------------------------------------------------------------------------

const NOW = new Date('2026-01-15T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number, from = NOW): string => new Date(from.getTime() - days * DAY).toISOString();

let idCounter = 0;
function reportId(): string {
  return `r${String(++idCounter).padStart(9, '0')}`;
}

function report(over: Partial<ReportInsert> = {}): ReportInsert {
  return {
    id: reportId(),
    unitId: 'kmp-legnica',
    category: 'vandalism',
    lon: 16.16,
    lat: 51.21,
    trackingHash: randomBytes(32),
    createdAt: ago(5),
    ...over,
  };
}

async function insert(h: Harness, ...reports: ReportInsert[]): Promise<void> {
  await h.store.unit(async (tx) => {
    for (const r of reports) await tx.reports.insert(r);
  });
}

/** A status change as staff make it: a history entry and the report's status and time. */
async function changeStatus(h: Harness, id: string, status: Status, at: string, note: string | null = null): Promise<void> {
  await h.exec('INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id) VALUES (?, ?, ?, ?, ?, NULL)',
    [id, at, status, note, 'internal']);
  await h.exec('UPDATE reports SET status = ?, updated_at = ? WHERE id = ?', [status, at, id]);
}

const hash = (byte: number): Buffer => Buffer.alloc(32, byte);

// --- Units and categories --------------------------------------------------------------------------

contract('units: all with their powiats and boxes, areas one at a time', async (h) => {
  const units = await h.store.units.all();
  const data = loadShippedData();
  assert.equal(units.length, 1 + data.headquarters.length + data.units.length);
  const byId = new Map(units.map((u) => [u.id, u]));
  const pl = byId.get('pl')!;
  assert.equal(pl.kind, 'national');
  assert.equal(pl.parent, null);
  assert.equal(pl.acronym, 'KGP');
  assert.equal(pl.powiats.length, data.powiats.length);
  const legnica = byId.get('kmp-legnica')!;
  assert.deepEqual({ kind: legnica.kind, acronym: legnica.acronym, parent: legnica.parent }, { kind: 'county', acronym: 'KMP', parent: 'kwp-wroclaw' });
  assert.deepEqual(legnica.powiats.map((p) => p.teryt).sort(), ['0209', '0262']);
  assert.ok(legnica.powiats.every((p) => typeof p.name === 'string' && p.name.length > 0));
  const [minLon, minLat, maxLon, maxLat] = legnica.bbox;
  assert.ok(minLon < 16.16 && 16.16 < maxLon && minLat < 51.21 && 51.21 < maxLat, 'Legnica lies in its box');
  const area = await h.store.units.area('kmp-legnica');
  assert.ok(area && (area.type === 'Polygon' || area.type === 'MultiPolygon'));
  assert.equal(await h.store.units.area('no-such-unit'), undefined);
});

contract('categories: the 24 in their official order with names and visibility', async (h) => {
  const categories = await h.store.categories.all();
  assert.equal(categories.length, 24);
  assert.deepEqual(categories[0], {
    code: 'vandalism', domain: 'order', names: { pl: 'Akty wandalizmu', en: 'Acts of vandalism', uk: 'Акти вандалізму' }, visibility: 'always',
  });
  assert.equal(categories.at(-1)!.code, 'begging');
  assert.equal(categories.find((c) => c.code === 'drug_use')!.visibility, 'never');
  assert.equal(categories.find((c) => c.code === 'dangerous_entertainment')!.visibility, 'confirmed');
});

// --- Reports ------------------------------------------------------------------------------------------

contract('reports: insert, find, history, isIdTaken, count', async (h) => {
  assert.equal(await h.store.reports.count(), 0);
  const a = report({
    description: 'Zniszczona wiata', eventAt: ago(6), recurrence: { days: ['mon'], times: ['evening'] } as ReportInsert['recurrence'],
    photos: [{ mime: 'image/jpeg', bytes: Buffer.from([1, 2, 3]) }, { mime: 'image/png', bytes: Buffer.from([4, 5]) }],
    source: 'citizen', staffId: undefined,
  });
  const b = report({ category: 'speeding', status: 'verifying', source: 'police', staffId: 'x', demo: true });
  await insert(h, a, b);
  assert.equal(await h.store.reports.count(), 2);
  assert.equal(await h.store.reports.isIdTaken(a.id), true);
  assert.equal(await h.store.reports.isIdTaken('zzzzzzzzzz'), false);
  assert.deepEqual(await h.store.reports.find(a.id), {
    id: a.id, unitId: 'kmp-legnica', category: 'vandalism', visibility: 'always', status: 'new', open: true,
    lon: 16.16, lat: 51.21, createdAt: a.createdAt, updatedAt: a.createdAt, confirmations: 0, trackingHash: a.trackingHash,
  });
  const found = await h.store.reports.find(b.id);
  assert.equal(found!.status, 'verifying');
  assert.equal(found!.open, true);
  assert.equal(await h.store.reports.find('zzzzzzzzzz'), undefined);
  assert.deepEqual(await h.store.reports.history(a.id), [{ at: a.createdAt, status: 'new' }]);
  assert.deepEqual(await h.store.reports.history(b.id), [{ at: b.createdAt, status: 'new' }], 'the first entry is new whatever the status');
  assert.deepEqual(await h.store.reports.history('zzzzzzzzzz'), []);
  // What the port does not read back, the rows hold.
  assert.equal(await h.value('SELECT count(*) FROM report_photos WHERE report_id = ?', [a.id]), 2);
  assert.equal(await h.value('SELECT mime FROM report_photos WHERE report_id = ? AND ordinal = 2', [a.id]), 'image/png');
  assert.deepEqual(await h.value('SELECT bytes FROM report_photos WHERE report_id = ? AND ordinal = 1', [a.id]), Buffer.from([1, 2, 3]));
  assert.equal(await h.value('SELECT recurrence FROM reports WHERE id = ?', [a.id]), JSON.stringify(a.recurrence));
  assert.equal(await h.value('SELECT description FROM reports WHERE id = ?', [a.id]), 'Zniszczona wiata');
  assert.equal(await h.value('SELECT event_at FROM reports WHERE id = ?', [a.id]), a.eventAt);
  assert.equal(await h.value('SELECT demo FROM reports WHERE id = ?', [b.id]), 1);
  assert.equal(await h.value('SELECT source FROM reports WHERE id = ?', [b.id]), 'police');
  assert.equal(await h.value('SELECT staff_id FROM report_history WHERE report_id = ?', [b.id]), 'x');
  assert.equal(await h.value('SELECT recurrence FROM reports WHERE id = ?', [b.id]), null);
  // A taken id is refused, and the unit writes nothing of it.
  await assert.rejects(insert(h, report({ id: a.id })));
  assert.equal(await h.store.reports.count(), 2);
  // The history in time order, public notes only.
  await changeStatus(h, a.id, 'verifying', ago(4), 'Sprawdzamy');
  await changeStatus(h, a.id, 'confirmed', ago(3));
  assert.deepEqual(await h.store.reports.history(a.id), [
    { at: a.createdAt, status: 'new' }, { at: ago(4), status: 'verifying', note: 'Sprawdzamy' }, { at: ago(3), status: 'confirmed' },
  ]);
  await changeStatus(h, b.id, 'eliminated', ago(1));
  assert.equal((await h.store.reports.find(b.id))!.open, false);
});

contract('reports: confirm counts and returns the new number', async (h) => {
  const a = report();
  await insert(h, a);
  assert.equal(await h.store.unit((tx) => tx.reports.confirm(a.id, ago(1), hash(1))), 1);
  assert.equal(await h.store.unit((tx) => tx.reports.confirm(a.id, ago(0), hash(2))), 2);
  assert.equal((await h.store.reports.find(a.id))!.confirmations, 2);
  assert.equal(await h.value('SELECT count(*) FROM confirmations WHERE report_id = ?', [a.id]), 2);
  await assert.rejects(h.store.unit((tx) => tx.reports.confirm('zzzzzzzzzz', ago(0), hash(3))));
  assert.equal(await h.value('SELECT count(*) FROM confirmations'), 2);
});

contract('reports: openInBox finds the open reports of a category in the box', async (h) => {
  const inside = report({ lon: 16.1600, lat: 51.2100 });
  const edge = report({ lon: 16.1700, lat: 51.2000 });
  const outside = report({ lon: 16.1900, lat: 51.2100 });
  const other = report({ lon: 16.1610, lat: 51.2110, category: 'speeding' });
  const closed = report({ lon: 16.1620, lat: 51.2090 });
  const verifying = report({ lon: 16.1630, lat: 51.2080 });
  await insert(h, inside, edge, outside, other, closed, verifying);
  await changeStatus(h, closed.id, 'not_confirmed', ago(1));
  await changeStatus(h, verifying.id, 'verifying', ago(1));
  const found = await h.store.reports.openInBox(16.15, 51.20, 16.17, 51.22, 'vandalism');
  assert.deepEqual(found.map((r) => r.id).sort(), [inside.id, edge.id, verifying.id].sort());
  const one = found.find((r) => r.id === verifying.id)!;
  assert.deepEqual(one, {
    id: verifying.id, category: 'vandalism', status: 'verifying', lon: 16.163, lat: 51.208,
    createdAt: verifying.createdAt, updatedAt: ago(1), confirmations: 0,
  });
  assert.deepEqual(await h.store.reports.openInBox(16.15, 51.20, 16.17, 51.22, 'begging'), []);
  assert.deepEqual(await h.store.reports.openInBox(20, 50, 21, 51, 'vandalism'), []);
});

// --- Daily actions ------------------------------------------------------------------------------------

contract('daily actions: times since, oldest first, under either hash; pruning', async (h) => {
  const [today, yesterday, other] = [hash(1), hash(2), hash(3)];
  await h.store.unit(async (tx) => {
    await tx.dailyActions.record(today, 'device', 'report', ago(0.1));
    await tx.dailyActions.record(yesterday, 'device', 'confirmation', ago(0.9));
    await tx.dailyActions.record(today, 'network', 'report', ago(2));
    await tx.dailyActions.record(other, 'network', 'confirmation', ago(0.5));
  });
  assert.deepEqual(await h.store.dailyActions.timesSince([today, yesterday], ago(1)), [ago(0.9), ago(0.1)]);
  assert.deepEqual(await h.store.dailyActions.timesSince([today, yesterday], ago(0.9)), [ago(0.1)], '`after` is exclusive');
  assert.deepEqual(await h.store.dailyActions.timesSince([today, yesterday], ago(3)), [ago(2), ago(0.9), ago(0.1)]);
  assert.deepEqual(await h.store.dailyActions.timesSince([hash(9), hash(8)], ago(3)), []);
  assert.equal(await h.store.unit((tx) => tx.dailyActions.pruneBefore(ago(0.9))), 2, 'at or before');
  assert.deepEqual(await h.store.dailyActions.timesSince([today, yesterday], ago(3)), [ago(0.1)]);
  assert.equal(await h.store.dailyActions.pruneBefore(ago(5)), 0);
});

// --- Statistics ---------------------------------------------------------------------------------------

contract('stats: rows and totals of a unit and its ancestors, kept by the store as reports are written', async (h) => {
  await insert(h,
    report({ createdAt: '2025-03-10T08:00:00.000Z', category: 'vandalism' }),
    report({ createdAt: '2025-03-10T09:00:00.000Z', category: 'speeding', source: 'police' }),
    report({ createdAt: '2025-03-20T09:00:00.000Z', category: 'vandalism' }),
    report({ createdAt: '2025-04-02T09:00:00.000Z', category: 'vandalism', unitId: 'kmp-jelenia-gora' }),
  );
  const hidden = report({ createdAt: '2025-03-21T09:00:00.000Z', category: 'begging' });
  await insert(h, hidden);
  await changeStatus(h, hidden.id, 'hidden', '2025-03-22T09:00:00.000Z');
  const verified = report({ createdAt: '2025-03-11T00:00:00.000Z', category: 'vandalism' });
  await insert(h, verified);
  await changeStatus(h, verified.id, 'verifying', '2025-03-11T05:30:00.000Z');
  await changeStatus(h, verified.id, 'eliminated', '2025-03-14T00:00:00.000Z');

  const march = { from: '2025-03', to: '2025-03' };
  const sorted = (rows: unknown[][]) => rows.map((r) => r.join('|')).sort();
  assert.deepEqual(sorted(await h.store.stats.rows('kmp-legnica', [], march)), sorted([
    ['M2025-03', 'status', 'new', 3], ['M2025-03', 'status', 'eliminated', 1], ['M2025-03', 'status', 'hidden', 1],
    ['M2025-03', 'category', 'vandalism', 3], ['M2025-03', 'category', 'speeding', 1],
    ['M2025-03', 'source', 'citizen', 3], ['M2025-03', 'source', 'police', 1],
    ['M2025-03', 'verified', '5', 1], ['M2025-03', 'closed', '72', 1],
  ]));
  const days = [{ from: '2025-03-10', to: '2025-03-10' }];
  assert.deepEqual(sorted(await h.store.stats.rows('kmp-legnica', days, null)), sorted([
    ['D2025-03-10', 'status', 'new', 2], ['D2025-03-10', 'category', 'vandalism', 1], ['D2025-03-10', 'category', 'speeding', 1],
    ['D2025-03-10', 'source', 'citizen', 1], ['D2025-03-10', 'source', 'police', 1],
  ]));
  assert.equal(await h.store.stats.total('kmp-legnica', [], march), 4, 'hidden reports are not counted');
  assert.equal(await h.store.stats.total('kmp-legnica', days, march), 6, 'day runs and the month run add up');
  assert.equal(await h.store.stats.total('kwp-wroclaw', [], { from: '2025-03', to: '2025-04' }), 5, 'an ancestor sums its subtree');
  assert.equal(await h.store.stats.total('pl', [{ from: '2025-04-01', to: '2025-04-30' }], null), 1);
  assert.equal(await h.store.stats.total('kmp-walbrzych', [], march), 0);
  assert.deepEqual(await h.store.stats.rows('kmp-walbrzych', [], march), []);
  // Rows whose count fell to 0 are left out.
  await changeStatus(h, verified.id, 'hidden', '2025-03-15T00:00:00.000Z');
  const after = await h.store.stats.rows('kmp-legnica', [], march);
  assert.ok(!after.some(([, dim, key]) => dim === 'status' && key === 'eliminated'));
  assert.ok(after.every(([, , , n]) => typeof n === 'number' && n > 0));
  assert.equal(await h.store.stats.total('kmp-legnica', [], march), 3);
});

// --- Crime statistics ------------------------------------------------------------------------------------

contract('crime stats: write (insert or replace), find, inPeriod, powiat codes and scopes', async (h) => {
  await h.store.unit((tx) => tx.crimeStats.write([
    { teryt: '0262', month: '2025-01', category: 'theft', count: 5 },
    { teryt: '0262', month: '2025-02', category: 'theft', count: 6 },
    { teryt: '0209', month: '2025-01', category: 'burglary', count: 2 },
    { teryt: '0265', month: '2025-01', category: 'theft', count: 9 },
    { teryt: '0262', month: '2025-01', category: 'theft', count: 7 }, // the later of one key wins
  ], '2026-01-01T00:00:00.000Z', 'x'));
  assert.equal(await h.store.crimeStats.find('0262', '2025-01', 'theft'), 7);
  assert.equal(await h.store.crimeStats.find('0262', '2025-03', 'theft'), undefined);
  await h.store.unit((tx) => tx.crimeStats.write([{ teryt: '0262', month: '2025-01', category: 'theft', count: 0 }], '2026-01-02T00:00:00.000Z', 'x'));
  assert.equal(await h.store.crimeStats.find('0262', '2025-01', 'theft'), 0);
  assert.equal(await h.value("SELECT imported_at FROM crime_stats WHERE teryt = '0262' AND month = '2025-01'"), '2026-01-02T00:00:00.000Z');
  await h.store.unit((tx) => tx.crimeStats.write([], '2026-01-03T00:00:00.000Z', 'x'));
  const key = (r: { teryt: string; month: string; category: string; count: number }) => `${r.teryt} ${r.month} ${r.category} ${r.count}`;
  assert.deepEqual((await h.store.crimeStats.inPeriod('kmp-legnica', '2025-01', '2025-01')).map(key).sort(), ['0209 2025-01 burglary 2', '0262 2025-01 theft 0']);
  assert.deepEqual((await h.store.crimeStats.inPeriod('kmp-legnica', '2025-01', '2025-12')).map(key).sort(),
    ['0209 2025-01 burglary 2', '0262 2025-01 theft 0', '0262 2025-02 theft 6']);
  assert.equal((await h.store.crimeStats.inPeriod('kwp-wroclaw', '2025-01', '2025-12')).length, 4);
  assert.deepEqual(await h.store.crimeStats.inPeriod('kmp-legnica', '2024-01', '2024-12'), []);
  const codes = await h.store.crimeStats.powiatCodes();
  assert.equal(codes.size, loadShippedData().powiats.length);
  assert.ok(codes.has('0262') && codes.has('1465'));
  assert.deepEqual([...await h.store.crimeStats.powiatsOf(['kmp-legnica', 'kmp-walbrzych'])].sort(), ['0209', '0221', '0262', '0265']);
  assert.deepEqual([...await h.store.crimeStats.powiatsOf(['kmp-legnica', 'kwp-wroclaw'])].length, 30, 'distinct');
  assert.deepEqual(await h.store.crimeStats.powiatsOf([]), new Set());
  const powiats = await h.store.crimeStats.unitPowiats('kmp-legnica');
  assert.deepEqual(powiats.map((p) => p.teryt), ['0209', '0262'], 'TERYT order');
  assert.ok(powiats.every((p) => p.name.length > 0));
  assert.deepEqual(await h.store.crimeStats.unitPowiats('no-such-unit'), []);
  // A figure of no powiat is refused, and its unit leaves nothing.
  await assert.rejects(h.store.unit((tx) => tx.crimeStats.write([
    { teryt: '0265', month: '2025-05', category: 'theft', count: 1 }, { teryt: '9999', month: '2025-05', category: 'theft', count: 1 },
  ], '2026-01-01T00:00:00.000Z', 'x')));
  assert.equal(await h.store.crimeStats.find('0265', '2025-05', 'theft'), undefined);
});

// --- Audit ------------------------------------------------------------------------------------------------

contract('audit: append and list, scoped, filtered and paged, newest first', async (h) => {
  const base = { staffId: 'x', targetType: 'report' as const };
  await h.store.unit(async (tx) => {
    await tx.audit.append({ ...base, at: '2026-01-01T00:00:01.000Z', action: 'report.status', targetId: 'r000000001', unitId: 'kmp-legnica', before: { status: 'new' }, after: { status: 'verifying' } });
    await tx.audit.append({ ...base, at: '2026-01-01T00:00:02.000Z', action: 'report.note', targetId: 'r000000001', unitId: 'kmp-legnica' });
    await tx.audit.append({ ...base, at: '2026-01-01T00:00:03.000Z', action: 'report.status', targetId: 'r000000002', unitId: 'kmp-walbrzych' });
    await tx.audit.append({ at: '2026-01-01T00:00:04.000Z', staffId: null, action: 'login.failed', targetType: 'staff', targetId: null, unitId: null });
    await tx.audit.append({ ...base, at: '2026-01-01T00:00:05.000Z', action: 'unit.config', targetType: 'unit', targetId: 'kmp-legnica', unitId: 'kmp-legnica' });
  });
  const all = await h.store.audit.list(['kmp-legnica', 'kmp-walbrzych'], true, 10, 0);
  assert.equal(all.total, 5);
  assert.deepEqual(all.rows.map((r) => r.at.slice(-6, -5)), ['5', '4', '3', '2', '1']);
  const first = all.rows.at(-1)!;
  assert.equal(typeof first.seq, 'number');
  assert.deepEqual({ ...first, seq: 0 }, {
    seq: 0, at: '2026-01-01T00:00:01.000Z', staffId: 'x', staffName: 'Admin', action: 'report.status', targetType: 'report',
    targetId: 'r000000001', unitId: 'kmp-legnica', before: '{"status":"new"}', after: '{"status":"verifying"}',
  });
  assert.ok(all.rows.every((r, i) => i === 0 || r.seq < all.rows[i - 1]!.seq));
  const login = all.rows.find((r) => r.action === 'login.failed')!;
  assert.deepEqual([login.staffId, login.staffName, login.unitId, login.before, login.after], [null, null, null, null, null]);
  assert.equal((await h.store.audit.list(['kmp-legnica', 'kmp-walbrzych'], false, 10, 0)).total, 4, 'not national: no entries of no unit');
  assert.equal((await h.store.audit.list(['kmp-legnica'], false, 10, 0)).total, 3);
  assert.equal((await h.store.audit.list([], true, 10, 0)).total, 1);
  assert.equal((await h.store.audit.list([], false, 10, 0)).total, 0);
  const page = await h.store.audit.list(['kmp-legnica', 'kmp-walbrzych'], true, 2, 1);
  assert.equal(page.total, 5);
  assert.deepEqual(page.rows.map((r) => r.at.slice(-6, -5)), ['4', '3']);
  const filtered = async (filter: Parameters<ContractStore['audit']['list']>[4]) =>
    (await h.store.audit.list(['kmp-legnica', 'kmp-walbrzych'], true, 10, 0, filter)).rows.map((r) => r.at.slice(-6, -5));
  assert.deepEqual(await filtered({ staffId: 'x' }), ['5', '3', '2', '1']);
  assert.deepEqual(await filtered({ reportId: 'r000000001' }), ['2', '1']);
  assert.deepEqual(await filtered({ reportId: 'kmp-legnica' }), [], 'a report filter matches report targets only');
  assert.deepEqual(await filtered({ action: 'report.status' }), ['3', '1']);
  assert.deepEqual(await filtered({ action: 'report.status', reportId: 'r000000002', staffId: 'x' }), ['3']);
  assert.deepEqual(await filtered({ staffId: 'nobody' }), []);
  assert.deepEqual(await filtered({ staffId: undefined, reportId: undefined, action: undefined }), ['5', '4', '3', '2', '1']);
  // Outside a unit too (the adapters write at once).
  await h.store.audit.append({ ...base, at: '2026-01-01T00:00:06.000Z', action: 'x', targetId: null, unitId: 'pl' });
  assert.equal((await h.store.audit.list(['pl'], false, 10, 0)).total, 1);
});

// --- Public reports --------------------------------------------------------------------------------------

/** Reports around the visibility rule's edges, at NOW. */
async function visibilityFixture(h: Harness) {
  const r = {
    fresh: report({ createdAt: ago(1) }),
    eliminated29: report({ createdAt: ago(40) }),
    eliminatedAtCut: report({ createdAt: ago(41) }),
    eliminated31: report({ createdAt: ago(42) }),
    notConfirmed6: report({ createdAt: ago(20) }),
    notConfirmed8: report({ createdAt: ago(21) }),
    prank: report({ createdAt: ago(2) }),
    hidden: report({ createdAt: ago(3) }),
    unconfirmedOnly: report({ createdAt: ago(4), category: 'dangerous_entertainment' }),
    confirmedOnly: report({ createdAt: ago(6), category: 'dangerous_entertainment' }),
    never: report({ createdAt: ago(7), category: 'drug_use' }),
    elsewhere: report({ createdAt: ago(8), unitId: 'kmp-walbrzych', lon: 16.28, lat: 50.77 }),
    older: report({ createdAt: ago(100), category: 'speeding' }),
  };
  await insert(h, ...Object.values(r));
  await changeStatus(h, r.eliminated29.id, 'confirmed', ago(35));
  await changeStatus(h, r.eliminated29.id, 'eliminated', ago(29), 'Usunięte');
  await changeStatus(h, r.eliminatedAtCut.id, 'eliminated', ago(30));
  await changeStatus(h, r.eliminated31.id, 'eliminated', ago(31));
  await changeStatus(h, r.notConfirmed6.id, 'not_confirmed', ago(6));
  await changeStatus(h, r.notConfirmed8.id, 'not_confirmed', ago(8));
  await changeStatus(h, r.prank.id, 'prank', ago(1));
  await changeStatus(h, r.hidden.id, 'hidden', ago(1));
  await changeStatus(h, r.confirmedOnly.id, 'verifying', ago(5), 'Jedziemy');
  await changeStatus(h, r.confirmedOnly.id, 'confirmed', ago(4));
  await changeStatus(h, r.never.id, 'confirmed', ago(6));
  await changeStatus(h, r.elsewhere.id, 'confirmed', ago(2), 'Potwierdzone na miejscu');
  await changeStatus(h, r.older.id, 'forwarded', ago(90));
  return r;
}

async function selection(h: Harness, over: Partial<PublicSelection> = {}): Promise<PublicSelection> {
  const categories = (await h.store.categories.all()).map(({ code, visibility }) => ({ code, visibility }));
  return { categories, now: NOW, ...over };
}

contract('public reports: status labels', async (h) => {
  const labels = await h.store.publicReports.statusLabels();
  assert.equal(labels.size, 8);
  assert.equal(labels.get('new'), 'Nowe');
  assert.equal(labels.get('prank'), 'Żart lub pomyłka');
});

contract('public reports: newest, under the visibility rule and the selection, with the latest public note', async (h) => {
  const r = await visibilityFixture(h);
  const visible = [r.fresh, r.confirmedOnly, r.elsewhere, r.notConfirmed6, r.eliminated29, r.eliminatedAtCut, r.older];
  const newest = await h.store.publicReports.newest(await selection(h), 50);
  assert.deepEqual(newest.map((x) => x.id), visible.map((x) => x.id), 'newest first; windows, categories and statuses applied');
  const noted = newest.find((x) => x.id === r.eliminated29.id)!;
  assert.deepEqual(noted, {
    id: r.eliminated29.id, category: 'vandalism', status: 'eliminated', createdAt: r.eliminated29.createdAt, updatedAt: ago(29),
    lon: 16.16, lat: 51.21, confirmations: 0, unit: 'kmp-legnica', note: 'Usunięte',
  });
  assert.equal(newest.find((x) => x.id === r.confirmedOnly.id)!.note, 'Jedziemy', 'the latest public note, not the latest entry');
  assert.equal(newest.find((x) => x.id === r.fresh.id)!.note, null);
  assert.deepEqual((await h.store.publicReports.newest(await selection(h), 2)).map((x) => x.id), [r.fresh.id, r.confirmedOnly.id]);
  const ids = async (over: Partial<PublicSelection>) => (await h.store.publicReports.newest(await selection(h, over), 50)).map((x) => x.id);
  assert.deepEqual(await ids({ units: ['kmp-walbrzych'] }), [r.elsewhere.id]);
  assert.deepEqual(await ids({ units: [] }), []);
  assert.deepEqual(await ids({ ids: [r.fresh.id, r.prank.id, r.older.id] }), [r.fresh.id, r.older.id]);
  assert.deepEqual(await ids({ statuses: ['eliminated', 'forwarded'] }), [r.eliminated29.id, r.eliminatedAtCut.id, r.older.id]);
  assert.deepEqual(await ids({ statuses: [] }), []);
  assert.deepEqual(await ids({ since: ago(8), until: ago(1) }), [r.confirmedOnly.id, r.elsewhere.id], 'since inclusive, until exclusive');
  assert.deepEqual(await ids({ categories: [{ code: 'speeding', visibility: 'always' }] }), [r.older.id]);
  assert.deepEqual(await ids({ categories: [] }), []);
  assert.deepEqual(await ids({ categories: [{ code: 'drug_use', visibility: 'always' }] }), [r.never.id], "the caller's visibility decides");
  assert.deepEqual(await ids({ now: new Date(NOW.getTime() + DAY) }),
    visible.filter((x) => x !== r.eliminatedAtCut).map((x) => x.id), 'a day later the report at the cut has faded');
});

contract('public reports: recently confirmed, each at its latest confirmation, only while public', async (h) => {
  const r = await visibilityFixture(h);
  const confirmed = await h.store.publicReports.recentlyConfirmed(await selection(h), 50);
  // never (drug_use) was confirmed but is never public.
  assert.deepEqual(confirmed.map((x) => [x.id, x.confirmedAt]), [
    [r.elsewhere.id, ago(2)], [r.confirmedOnly.id, ago(4)], [r.eliminated29.id, ago(35)],
  ]);
  assert.equal(confirmed[0]!.unit, 'kmp-walbrzych');
  assert.equal(confirmed[2]!.status, 'eliminated');
  // Confirmed again later: counted once, at the latest.
  await changeStatus(h, r.confirmedOnly.id, 'verifying', ago(1));
  await changeStatus(h, r.confirmedOnly.id, 'confirmed', ago(0.5));
  const again = await h.store.publicReports.recentlyConfirmed(await selection(h), 50);
  assert.deepEqual(again.map((x) => [x.id, x.confirmedAt]), [
    [r.confirmedOnly.id, ago(0.5)], [r.elsewhere.id, ago(2)], [r.eliminated29.id, ago(35)],
  ]);
  assert.deepEqual((await h.store.publicReports.recentlyConfirmed(await selection(h, { units: ['kmp-legnica'] }), 1)).map((x) => x.id), [r.confirmedOnly.id]);
  // A confirmed report later marked a prank drops out.
  await changeStatus(h, r.elsewhere.id, 'prank', ago(0.1));
  assert.deepEqual((await h.store.publicReports.recentlyConfirmed(await selection(h), 50)).map((x) => x.id), [r.confirmedOnly.id, r.eliminated29.id]);
});

contract('public reports: an export reads one snapshot in batches, ordered by unit, creation and id', async (h) => {
  const r = await visibilityFixture(h);
  // Same unit and time: id order, whatever the order of writing or of the other columns.
  const sameTime = [report({ createdAt: ago(9), lon: 16.17 }), report({ createdAt: ago(9), lon: 16.15 })];
  await insert(h, sameTime[1]!, sameTime[0]!);
  const expected = [r.older, r.eliminated31, r.eliminatedAtCut, r.eliminated29, r.notConfirmed8, r.notConfirmed6, ...sameTime, r.confirmedOnly, r.fresh, r.elsewhere]
    .filter((x) => ![r.eliminated31, r.notConfirmed8].includes(x));
  const cursor = await h.store.publicReports.openExport(await selection(h));
  const got = await cursor.next(3);
  assert.equal(got.length, 3);
  // Written after the export began: not in it.
  await insert(h, report({ createdAt: ago(0.5) }), report({ createdAt: ago(200), unitId: 'kmp-jelenia-gora' }));
  for (;;) {
    const batch = await cursor.next(4);
    got.push(...batch);
    if (batch.length < 4) break;
  }
  assert.deepEqual(await cursor.next(4), []);
  await cursor.close();
  await cursor.close();
  assert.deepEqual(await cursor.next(4), [], 'a closed cursor gives nothing');
  assert.deepEqual(got.map((x) => x.id), expected.map((x) => x.id));
  assert.deepEqual(got.find((x) => x.id === r.older.id), {
    id: r.older.id, category: 'speeding', status: 'forwarded', createdAt: r.older.createdAt, updatedAt: ago(90),
    lon: 16.16, lat: 51.21, confirmations: 0, unit: 'kmp-legnica',
  });
  const period = await h.store.publicReports.openExport(await selection(h, { units: ['kmp-legnica'], since: ago(10), until: ago(1) }));
  assert.deepEqual((await period.next(100)).map((x) => x.id), [...sameTime, r.confirmedOnly].map((x) => x.id));
  await period.close();
  const empty = await h.store.publicReports.openExport(await selection(h, { units: [] }));
  assert.deepEqual(await empty.next(10), []);
  await empty.close();
  // Closed before reading anything.
  await (await h.store.publicReports.openExport(await selection(h))).close();
});

// --- Staff ------------------------------------------------------------------------------------------------

const account = (id: string, login: string, unitId: string, over: Partial<Parameters<StoreUnit['staff']['insert']>[0]> = {}) => ({
  id, login, displayName: `Name ${id}`, role: 'officer' as const, unitId, passwordHash: `hash-${id}`, createdAt: '2026-01-02T00:00:00.000Z', ...over,
});

contract('staff: insert, find, findByLogin case-insensitively, listIn and listAll by login, the updates', async (h) => {
  await h.store.unit(async (tx) => {
    await tx.staff.insert(account('s1', 'Zofia', 'kmp-legnica', { email: 'zofia@example.org' }));
    await tx.staff.insert(account('s2', 'bartek', 'kmp-walbrzych'));
    await tx.staff.insert(account('s3', 'Celina', 'kwp-wroclaw', { role: 'admin', email: null }));
  });
  assert.deepEqual(await h.store.staff.find('s1'), {
    id: 's1', login: 'Zofia', displayName: 'Name s1', role: 'officer', unitId: 'kmp-legnica', createdAt: '2026-01-02T00:00:00.000Z',
    disabledAt: null, email: 'zofia@example.org', mailLang: 'pl', notifyNewReports: false, notifyDigest: false,
  });
  assert.equal(await h.store.staff.find('nobody'), undefined);
  const byLogin = await h.store.staff.findByLogin('ZOFIA');
  assert.equal(byLogin!.id, 's1');
  assert.equal(byLogin!.login, 'Zofia', 'as written');
  assert.equal(byLogin!.passwordHash, 'hash-s1');
  assert.equal((await h.store.staff.findByLogin('celina'))!.role, 'admin');
  assert.equal(await h.store.staff.findByLogin('zofi'), undefined);
  assert.deepEqual((await h.store.staff.listAll()).map((s) => s.login), ['admin', 'bartek', 'Celina', 'Zofia'], 'by login, case ignored');
  assert.deepEqual((await h.store.staff.listIn(['kmp-legnica', 'kwp-wroclaw'])).map((s) => s.id), ['s3', 's1']);
  assert.deepEqual(await h.store.staff.listIn([]), []);
  // A login taken in another case is refused.
  await assert.rejects(h.store.unit((tx) => tx.staff.insert(account('s4', 'BARTEK', 'pl'))));
  assert.equal(await h.store.staff.find('s4'), undefined);

  await h.store.unit((tx) => tx.staff.updateEmail('s2', 'bartek@example.org'));
  assert.equal((await h.store.staff.find('s2'))!.email, 'bartek@example.org');
  await h.store.staff.updateEmail('s2', null);
  assert.equal((await h.store.staff.find('s2'))!.email, null);
  await h.store.unit((tx) => tx.staff.updateMail('s2', { email: 'b@example.org', mailLang: 'uk', notifyNewReports: true, notifyDigest: false }));
  assert.deepEqual(await h.store.staff.find('s2').then((s) => s && [s.email, s.mailLang, s.notifyNewReports, s.notifyDigest]),
    ['b@example.org', 'uk', true, false]);
  await h.store.staff.updateMail('s2', { email: null, mailLang: 'en', notifyNewReports: false, notifyDigest: true });
  assert.deepEqual(await h.store.staff.find('s2').then((s) => s && [s.email, s.mailLang, s.notifyNewReports, s.notifyDigest]),
    [null, 'en', false, true]);

  const before = (await h.store.staff.findByLogin('zofia'))!;
  await h.store.unit((tx) => tx.staff.update('s1', { displayName: 'Zofia K.', disabledAt: '2026-01-03T00:00:00.000Z' }));
  assert.deepEqual(await h.store.staff.findByLogin('zofia'), { ...before, displayName: 'Zofia K.', disabledAt: '2026-01-03T00:00:00.000Z' });
  await h.store.staff.update('s1', {});
  assert.equal((await h.store.staff.find('s1'))!.disabledAt, '2026-01-03T00:00:00.000Z', 'undefined leaves a field alone');
  await h.store.staff.update('s1', { role: 'admin', unitId: 'kwp-wroclaw', passwordHash: 'new-hash', disabledAt: null });
  assert.deepEqual(await h.store.staff.findByLogin('zofia'), {
    ...before, displayName: 'Zofia K.', role: 'admin', unitId: 'kwp-wroclaw', passwordHash: 'new-hash', disabledAt: null,
  });
});

// --- Staff sessions and login failures ---------------------------------------------------------------------

contract('staff sessions: create, find with the account, touch, revoke, revoke all, remove expired', async (h) => {
  await h.store.unit((tx) => tx.staff.insert(account('s1', 'zofia', 'kmp-legnica')));
  const t = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();
  await h.store.unit(async (tx) => {
    await tx.staffSessions.create(hash(1), 'x', t(0), t(1), t(12));
    await tx.staffSessions.create(hash(2), 'x', t(0), t(2), t(3));
    await tx.staffSessions.create(hash(3), 's1', t(0), t(1), t(12));
  });
  await h.store.staffSessions.create(hash(4), 's1', t(0), t(5), t(12));
  assert.deepEqual(await h.store.staffSessions.find(hash(1)), {
    staffId: 'x', createdAt: t(0), idleExpiresAt: t(1), absoluteExpiresAt: t(12), disabledAt: null,
  });
  assert.equal(await h.store.staffSessions.find(hash(9)), undefined);
  await h.store.staff.update('s1', { disabledAt: t(0.5) });
  assert.equal((await h.store.staffSessions.find(hash(3)))!.disabledAt, t(0.5), "the account's state comes with the session");
  await h.store.unit((tx) => tx.staffSessions.touch(hash(1), t(4)));
  assert.equal((await h.store.staffSessions.find(hash(1)))!.idleExpiresAt, t(4));
  await h.store.staffSessions.touch(hash(9), t(4));
  await h.store.unit((tx) => tx.staffSessions.revoke(hash(1)));
  assert.equal(await h.store.staffSessions.find(hash(1)), undefined);
  assert.ok(await h.store.staffSessions.find(hash(2)));
  await h.store.staffSessions.revokeAllOf('s1');
  assert.equal(await h.store.staffSessions.find(hash(3)), undefined);
  assert.equal(await h.store.staffSessions.find(hash(4)), undefined);
  await h.store.unit(async (tx) => {
    await tx.staffSessions.create(hash(5), 'x', t(0), t(6), t(7)); // idle expiry at the instant
    await tx.staffSessions.create(hash(6), 'x', t(0), t(8), t(6)); // absolute expiry at the instant
    await tx.staffSessions.create(hash(7), 'x', t(0), t(7), t(8));
    await tx.staffSessions.removeExpired(t(6));
  });
  assert.deepEqual(await Promise.all([2, 5, 6, 7].map(async (n) => (await h.store.staffSessions.find(hash(n))) !== undefined)),
    [false, false, false, true], 'at or before either expiry');
  await h.store.staffSessions.removeExpired(t(100));
  assert.equal(await h.store.staffSessions.find(hash(7)), undefined);
});

contract('login failures: record (with its id), take back, list newest first, clear, prune apart from trusted networks', async (h) => {
  const key = 'login:zofia';
  const ids = await h.store.unit(async (tx) => [
    await tx.staffSessions.recordFailure(key, ago(3)),
    await tx.staffSessions.recordFailure(key, ago(2)),
    await tx.staffSessions.recordFailure(key, ago(1)),
    await tx.staffSessions.recordFailure('ip:10.0.0.1', ago(1)),
  ]);
  assert.ok(ids.every((id) => typeof id === 'number'));
  assert.equal(new Set(ids).size, 4);
  const trusted = await h.store.staffSessions.recordFailure('trusted:x:10.0.0', ago(10));
  assert.ok(typeof trusted === 'number' && !ids.includes(trusted));
  await h.store.staffSessions.recordFailure('trusted:x:10.0.1', ago(0.5));
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(4)), [ago(1), ago(2), ago(3)]);
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(2)), [ago(1)], '`since` is exclusive');
  assert.deepEqual(await h.store.staffSessions.failures('login:nobody', ago(4)), []);
  await h.store.unit((tx) => tx.staffSessions.removeFailure(ids[1]!));
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(4)), [ago(1), ago(3)]);
  await h.store.staffSessions.removeFailure(ids[1]!);
  await h.store.unit((tx) => tx.staffSessions.pruneFailuresBefore(ago(1)));
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(4)), [], 'at or before');
  assert.deepEqual(await h.store.staffSessions.failures('ip:10.0.0.1', ago(4)), []);
  assert.deepEqual(await h.store.staffSessions.failures('trusted:x:10.0.0', ago(30)), [ago(10)], 'trusted networks outlive the window');
  await h.store.staffSessions.recordFailure(key, ago(0.2));
  await h.store.staffSessions.recordFailure('ip:10.0.0.1', ago(0.2));
  await h.store.unit((tx) => tx.staffSessions.pruneTrustedBefore(ago(0.5)));
  assert.deepEqual(await h.store.staffSessions.failures('trusted:x:10.0.0', ago(30)), []);
  assert.deepEqual(await h.store.staffSessions.failures('trusted:x:10.0.1', ago(30)), [], 'at or before');
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(30)), [ago(0.2)], 'failures are not trusted networks');
  await h.store.unit((tx) => tx.staffSessions.clearFailures(key));
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(30)), []);
  assert.deepEqual(await h.store.staffSessions.failures('ip:10.0.0.1', ago(30)), [ago(0.2)]);
  await h.store.staffSessions.clearFailures('ip:10.0.0.1');
  assert.equal(await h.value('SELECT count(*) FROM login_failures'), 0);
});

// --- Unit configs --------------------------------------------------------------------------------------------

contract('unit configs: all, save (insert or replace), JSON and flags read back as written', async (h) => {
  assert.deepEqual(await h.store.unitConfigs.all(), new Map());
  const legnica = {
    enabledCategories: ['vandalism', 'speeding'], defaultView: 'map' as const, timeWindowDays: 30 as const, defaultLang: 'en' as const,
    accentColor: '#12ab34', photosEnabled: false, allowedOrigins: ['https://legnica.example.org'],
  };
  const inherit = {
    enabledCategories: null, defaultView: null, timeWindowDays: null, defaultLang: null, accentColor: null, photosEnabled: null, allowedOrigins: null,
  };
  await h.store.unit(async (tx) => {
    await tx.unitConfigs.save('kmp-legnica', legnica, '2026-01-01T00:00:00.000Z');
    await tx.unitConfigs.save('kwp-wroclaw', inherit, '2026-01-01T00:00:00.000Z');
  });
  assert.deepEqual(await h.store.unitConfigs.all(), new Map<string, unknown>([['kmp-legnica', legnica], ['kwp-wroclaw', inherit]]));
  assert.equal(await h.value("SELECT enabled_categories FROM unit_configs WHERE unit_id = 'kmp-legnica'"), '["vandalism","speeding"]');
  const changed = { ...inherit, photosEnabled: true, enabledCategories: [] };
  await h.store.unitConfigs.save('kmp-legnica', changed, '2026-01-02T00:00:00.000Z');
  assert.deepEqual((await h.store.unitConfigs.all()).get('kmp-legnica'), changed);
  assert.equal(await h.value("SELECT updated_at FROM unit_configs WHERE unit_id = 'kmp-legnica'"), '2026-01-02T00:00:00.000Z');
  assert.equal(await h.value('SELECT count(*) FROM unit_configs'), 2);
  // A value the schema refuses leaves the unit's other writes out.
  await assert.rejects(h.store.unit(async (tx) => {
    await tx.unitConfigs.save('kmp-walbrzych', legnica, '2026-01-03T00:00:00.000Z');
    await tx.unitConfigs.save('kmp-legnica', { ...legnica, accentColor: 'red' }, '2026-01-03T00:00:00.000Z');
  }));
  assert.equal((await h.store.unitConfigs.all()).size, 2);
});

// --- Staff reports -------------------------------------------------------------------------------------------

/** Reports around the queue's overdue thresholds (read by ago(2), verified by ago(7)), in Legnica unless said. */
async function queueFixture(h: Harness) {
  const r = {
    fresh: report({ createdAt: ago(1) }),
    lateRead: report({ createdAt: ago(3) }),
    lateVerify: report({ createdAt: ago(8) }),
    lateBoth: report({ createdAt: ago(10) }),
    done: report({ createdAt: ago(20) }),
    elsewhere: report({ createdAt: ago(0.5), unitId: 'kmp-walbrzych' }),
    police: report({ createdAt: ago(4), category: 'speeding', source: 'police' }),
    sameTime: report({ createdAt: ago(1) }),
  };
  await insert(h, ...Object.values(r));
  await changeStatus(h, r.lateVerify.id, 'verifying', ago(7.5));
  await changeStatus(h, r.done.id, 'confirmed', ago(19));
  await changeStatus(h, r.sameTime.id, 'confirmed', ago(0.9));
  return r;
}

contract('staff reports: the queue, overdue first (oldest first), then newest first; filters, paging and total', async (h) => {
  const r = await queueFixture(h);
  const base = { units: ['kmp-legnica'], overdueOnly: false, readBy: ago(2), verifyBy: ago(7), limit: 50, offset: 0 };
  const ids = async (over: Partial<typeof base> & Partial<Parameters<StoreUnit['staffReports']['list']>[0]> = {}) => {
    const { total, rows } = await h.store.staffReports.list({ ...base, ...over });
    return { total, ids: rows.map((row) => row.id) };
  };
  const all = await h.store.staffReports.list(base);
  assert.equal(all.total, 7);
  assert.deepEqual(all.rows.map((row) => row.id),
    [r.lateBoth, r.lateVerify, r.police, r.lateRead, r.fresh, r.sameTime, r.done].map((x) => x.id));
  const flags = (x: { id: string }) => all.rows.filter((row) => row.id === x.id).map((row) => [row.overdueRead, row.overdueVerify])[0];
  assert.deepEqual([r.lateBoth, r.lateVerify, r.lateRead, r.fresh, r.done].map(flags),
    [[true, true], [false, true], [true, false], [false, false], [false, false]]);
  assert.deepEqual(all.rows.find((row) => row.id === r.lateVerify.id), {
    id: r.lateVerify.id, category: 'vandalism', status: 'verifying', unit: 'kmp-legnica', source: 'citizen',
    createdAt: ago(8), updatedAt: ago(7.5), confirmations: 0, lon: 16.16, lat: 51.21, version: 1, overdueRead: false, overdueVerify: true,
  });
  assert.deepEqual(await ids({ status: 'new' }), { total: 4, ids: [r.lateBoth, r.police, r.lateRead, r.fresh].map((x) => x.id) });
  assert.deepEqual(await ids({ category: 'speeding' }), { total: 1, ids: [r.police.id] });
  assert.deepEqual(await ids({ source: 'police' }), { total: 1, ids: [r.police.id] });
  assert.deepEqual(await ids({ source: 'citizen', category: 'vandalism', status: 'confirmed' }), { total: 2, ids: [r.sameTime.id, r.done.id] });
  assert.deepEqual(await ids({ since: ago(4) }), { total: 4, ids: [r.police, r.lateRead, r.fresh, r.sameTime].map((x) => x.id) }, 'since inclusive');
  assert.deepEqual(await ids({ until: ago(8) }), { total: 3, ids: [r.lateBoth, r.lateVerify, r.done].map((x) => x.id) }, 'until inclusive');
  assert.deepEqual(await ids({ overdueOnly: true }), { total: 4, ids: [r.lateBoth, r.lateVerify, r.police, r.lateRead].map((x) => x.id) });
  assert.deepEqual(await ids({ limit: 2, offset: 1 }), { total: 7, ids: [r.lateVerify.id, r.police.id] });
  assert.deepEqual(await ids({ offset: 10 }), { total: 7, ids: [] });
  assert.deepEqual(await ids({ units: ['kmp-legnica', 'kmp-walbrzych'], since: ago(1) }), { total: 3, ids: [r.elsewhere, r.fresh, r.sameTime].map((x) => x.id) });
  assert.deepEqual(await ids({ units: [] }), { total: 0, ids: [] });
  // Later thresholds: nothing is late, newest first throughout.
  assert.deepEqual((await ids({ readBy: ago(100), verifyBy: ago(100) })).ids,
    [r.fresh, r.sameTime, r.lateRead, r.police, r.lateVerify, r.lateBoth, r.done].map((x) => x.id));
});

contract('staff reports: find, photos, photo bytes, history with staff names', async (h) => {
  const a = report({
    description: 'Opis', eventAt: ago(6), recurrence: { days: ['fri'] } as ReportInsert['recurrence'],
    photos: [{ mime: 'image/jpeg', bytes: Buffer.from([1, 2, 3]) }, { mime: 'image/png', bytes: Buffer.from([4, 5]) }],
  });
  const b = report({ source: 'police', staffId: 'x' });
  await insert(h, a, b);
  assert.deepEqual(await h.store.staffReports.find(a.id), {
    id: a.id, category: 'vandalism', status: 'new', unit: 'kmp-legnica', source: 'citizen', createdAt: a.createdAt, updatedAt: a.createdAt,
    confirmations: 0, lon: 16.16, lat: 51.21, version: 1, description: 'Opis', eventAt: ago(6), recurrence: '{"days":["fri"]}', duplicateOf: null,
  });
  assert.equal(await h.store.staffReports.find('zzzzzzzzzz'), undefined);
  assert.deepEqual(await h.store.staffReports.photos(a.id), [{ n: 1, mime: 'image/jpeg', bytes: 3 }, { n: 2, mime: 'image/png', bytes: 2 }]);
  assert.deepEqual(await h.store.staffReports.photos(b.id), []);
  assert.deepEqual(await h.store.staffReports.photoBytes(a.id, 2), { mime: 'image/png', bytes: Buffer.from([4, 5]) });
  assert.equal(await h.store.staffReports.photoBytes(a.id, 3), undefined);
  assert.deepEqual(await h.store.staffReports.history(b.id), [
    { at: b.createdAt, status: 'new', publicNote: null, internalNote: null, staffId: 'x', staffName: 'Admin' },
  ]);
  await changeStatus(h, a.id, 'verifying', ago(4), 'Sprawdzamy');
  assert.deepEqual(await h.store.staffReports.history(a.id), [
    { at: a.createdAt, status: 'new', publicNote: null, internalNote: null, staffId: null, staffName: null },
    { at: ago(4), status: 'verifying', publicNote: 'Sprawdzamy', internalNote: 'internal', staffId: null, staffName: null },
  ]);
  assert.deepEqual(await h.store.staffReports.history('zzzzzzzzzz'), []);
});

contract('staff reports: changeStatus and linkDuplicate check the version (false: stale, nothing written); confirmedAt', async (h) => {
  const original = report({ createdAt: ago(3) });
  const duplicate = report({ createdAt: ago(2), lon: 16.1601 });
  await insert(h, original, duplicate);
  assert.equal(await h.store.unit((tx) => tx.staffReports.changeStatus(original.id, 1, 'verifying', ago(1), 'x', 'Jedziemy', 'patrol 7')), true);
  assert.equal(await h.store.unit((tx) => tx.staffReports.changeStatus(original.id, 1, 'confirmed', ago(0.5), 'x')), false, 'stale');
  const found = (await h.store.staffReports.find(original.id))!;
  assert.deepEqual([found.status, found.version, found.updatedAt], ['verifying', 2, ago(1)]);
  assert.deepEqual((await h.store.staffReports.history(original.id)).slice(1), [
    { at: ago(1), status: 'verifying', publicNote: 'Jedziemy', internalNote: 'patrol 7', staffId: 'x', staffName: 'Admin' },
  ]);
  assert.equal(await h.store.staffReports.changeStatus(original.id, 2, 'confirmed', ago(0.5), 'x'), true);
  assert.deepEqual((await h.store.staffReports.history(original.id)).at(-1),
    { at: ago(0.5), status: 'confirmed', publicNote: null, internalNote: null, staffId: 'x', staffName: 'Admin' });
  assert.equal(await h.store.staffReports.changeStatus('zzzzzzzzzz', 1, 'confirmed', ago(0.5), 'x'), false);

  await h.store.unit((tx) => tx.reports.confirm(original.id, ago(2.5), hash(1)));
  await h.store.unit(async (tx) => {
    await tx.reports.confirm(duplicate.id, ago(1.5), hash(2));
    await tx.reports.confirm(duplicate.id, ago(0.2), hash(3));
  });
  assert.deepEqual(await h.store.staffReports.confirmedAt(duplicate.id), [ago(1.5), ago(0.2)]);
  assert.equal(await h.store.unit((tx) => tx.staffReports.linkDuplicate(duplicate.id, 2, original.id, 2, ago(0.1), 'x', undefined, 'same bench')), false, 'stale');
  assert.equal((await h.store.staffReports.find(duplicate.id))!.confirmations, 2);
  assert.equal(await h.store.unit((tx) => tx.staffReports.linkDuplicate(duplicate.id, 1, original.id, 2, ago(0.1), 'x', 'Duplikat', 'same bench')), true);
  const dup = (await h.store.staffReports.find(duplicate.id))!;
  assert.deepEqual([dup.status, dup.confirmations, dup.duplicateOf, dup.version, dup.updatedAt], ['hidden', 0, original.id, 2, ago(0.1)]);
  const orig = (await h.store.staffReports.find(original.id))!;
  assert.deepEqual([orig.status, orig.confirmations, orig.version, orig.duplicateOf], ['confirmed', 3, 4, null]);
  assert.deepEqual(await h.store.staffReports.confirmedAt(original.id), [ago(2.5), ago(1.5), ago(0.2)], 'moved, oldest first');
  assert.deepEqual(await h.store.staffReports.confirmedAt(duplicate.id), []);
  assert.deepEqual((await h.store.staffReports.history(duplicate.id)).at(-1),
    { at: ago(0.1), status: 'hidden', publicNote: 'Duplikat', internalNote: 'same bench', staffId: 'x', staffName: 'Admin' });
  assert.equal(await h.store.staffReports.linkDuplicate(duplicate.id, 1, original.id, 0, ago(0.05), 'x', undefined, 'again'), false);
  assert.equal((await h.store.staffReports.history(duplicate.id)).length, 2);
});

contract('staff reports: openNear finds open reports in the box and the units, other than the report itself', async (h) => {
  const self = report({ lon: 16.1600, lat: 51.2100 });
  const near = report({ lon: 16.1605, lat: 51.2102 });
  const edge = report({ lon: 16.1700, lat: 51.2000, category: 'speeding' });
  const far = report({ lon: 16.1900, lat: 51.2100 });
  const closed = report({ lon: 16.1610, lat: 51.2090 });
  const otherUnit = report({ lon: 16.1620, lat: 51.2095, unitId: 'kmp-walbrzych' });
  await insert(h, self, near, edge, far, closed, otherUnit);
  await changeStatus(h, closed.id, 'eliminated', ago(1));
  await changeStatus(h, near.id, 'verifying', ago(1));
  const box = { minLon: 16.15, minLat: 51.20, maxLon: 16.17, maxLat: 51.22 };
  const found = await h.store.staffReports.openNear(self.id, box, ['kmp-legnica']);
  assert.deepEqual(found.map((x) => x.id).sort(), [near.id, edge.id].sort());
  assert.deepEqual(found.find((x) => x.id === near.id), { id: near.id, category: 'vandalism', status: 'verifying', lon: 16.1605, lat: 51.2102, createdAt: near.createdAt });
  assert.deepEqual((await h.store.staffReports.openNear(self.id, box, ['kmp-legnica', 'kmp-walbrzych'])).map((x) => x.id).sort(),
    [near.id, edge.id, otherUnit.id].sort());
  assert.deepEqual(await h.store.staffReports.openNear(self.id, box, []), []);
  assert.deepEqual(await h.store.staffReports.openNear(self.id, { minLon: 20, minLat: 50, maxLon: 21, maxLat: 51 }, ['kmp-legnica']), []);
});

// --- Mail ------------------------------------------------------------------------------------------------------

const mail = (over: Partial<Parameters<StoreUnit['mail']['enqueue']>[0]> = {}) => ({
  kind: 'new_report' as const, recipient: 'admin@example.org', staffId: 'x' as string | null, reportId: null as string | null,
  subject: 'Nowe zgłoszenie', text: 'tekst', html: '<p>tekst</p>', createdAt: ago(1), ...over,
});

contract('mail queue: enqueue, claimDue (oldest due first, leased), sent, retryAt, givenUp, problems', async (h) => {
  const r = report();
  await insert(h, r);
  const citizen = mail({ kind: 'status_change', recipient: 'citizen@example.org', staffId: null, reportId: r.id, createdAt: ago(0.8), subject: 'Status' });
  await h.store.unit(async (tx) => {
    await tx.mail.enqueue(mail({ createdAt: ago(0.5), subject: 'second' }));
    await tx.mail.enqueue(mail({ createdAt: ago(1), subject: 'first' }));
    await tx.mail.enqueue(citizen);
  });
  await h.store.mail.enqueue(mail({ kind: 'digest', createdAt: ago(0.1), subject: 'digest' }));
  assert.deepEqual(await h.store.mail.claimDue(ago(2), ago(-1), 10), [], 'nothing due yet');
  const one = await h.store.unit((tx) => tx.mail.claimDue(ago(0.3), ago(0.2), 1));
  assert.deepEqual(one.map((m) => m.subject), ['first'], 'oldest due first');
  const { id: firstId, ...first } = one[0]!;
  assert.equal(typeof firstId, 'number');
  assert.deepEqual(first, { ...mail({ subject: 'first' }), attempts: 0 });
  const claimed = await h.store.mail.claimDue(ago(0.3), ago(0.2), 10);
  assert.deepEqual(claimed.map((m) => m.subject), ['second', 'Status'], 'by id');
  assert.ok(claimed[0]!.id < claimed[1]!.id);
  assert.deepEqual(claimed.find((m) => m.subject === 'Status'), { ...citizen, id: claimed[1]!.id, attempts: 0 });
  assert.deepEqual(await h.store.mail.claimDue(ago(0.3), ago(0.2), 10), [], 'leased');
  const statusId = claimed[1]!.id;
  const secondId = claimed[0]!.id;
  // The lease has run out (the sender died): due again, with the digest now.
  assert.deepEqual((await h.store.mail.claimDue(ago(0.05), ago(-1), 10)).map((m) => m.subject), ['second', 'first', 'Status', 'digest']);

  await h.store.unit((tx) => tx.mail.retryAt(firstId, ago(-2), 'timeout'));
  await h.store.mail.retryAt(statusId, ago(-2), 'refused');
  await h.store.unit((tx) => tx.mail.givenUp(statusId, ago(0.01), 'refused again'));
  await h.store.mail.sent(secondId, ago(0.01));
  assert.equal(await h.value('SELECT recipient FROM mail_queue WHERE id = ?', [statusId]), '', "a citizen's address is blanked when given up");
  assert.equal(await h.value('SELECT recipient FROM mail_queue WHERE id = ?', [secondId]), 'admin@example.org', "a staff address is kept");
  assert.deepEqual(await h.store.mail.problems(ago(1)), [
    { id: statusId, unitId: 'kmp-legnica', kind: 'status_change', recipient: '', staffId: null, subject: 'Status', attempts: 2,
      lastError: 'refused again', nextAttemptAt: ago(-2), failedAt: ago(0.01) },
    { id: firstId, unitId: 'pl', kind: 'new_report', recipient: 'admin@example.org', staffId: 'x', subject: 'first', attempts: 1,
      lastError: 'timeout', nextAttemptAt: ago(-2), failedAt: null },
  ], 'newest first; the unit of the account or of the report');
  assert.deepEqual((await h.store.mail.problems(ago(0.005))).map((m) => m.id), [firstId], 'given up on before `since`: left out');
  assert.deepEqual((await h.store.mail.problems(ago(1), 1)).map((m) => m.id), [statusId]);
  // Sent after a failure: no longer a problem, and its error is cleared.
  await h.store.mail.sent(firstId, ago(0.001));
  assert.deepEqual((await h.store.mail.problems(ago(1))).map((m) => m.id), [statusId]);
  assert.equal(await h.value('SELECT attempts FROM mail_queue WHERE id = ?', [firstId]), 2);
  assert.equal(await h.value('SELECT last_error FROM mail_queue WHERE id = ?', [firstId]), null);
  // Sent or given up on: never claimed again.
  assert.deepEqual((await h.store.mail.claimDue(ago(-3), ago(-4), 10)).map((m) => m.subject), ['digest']);
  // A citizen's mail sent: its address is blanked too.
  await h.store.mail.enqueue({ ...citizen, subject: 'Status 2' });
  const [statusTwo] = await h.store.mail.claimDue(ago(-3), ago(-5), 1);
  assert.equal(statusTwo!.subject, 'Status 2');
  await h.store.mail.sent(statusTwo!.id, ago(0));
  assert.equal(await h.value('SELECT recipient FROM mail_queue WHERE id = ?', [statusTwo!.id]), '');
});

contract('mail worker: watermark, reports since it, subscribers, digests claimed once, digest candidates', async (h) => {
  assert.equal(await h.store.mail.watermarkOf('reports'), 0);
  await h.store.unit((tx) => tx.mail.moveWatermark('reports', 5));
  assert.equal(await h.store.mail.watermarkOf('reports'), 5);
  await h.store.mail.moveWatermark('reports', 0);
  assert.equal(await h.store.mail.watermarkOf('reports'), 0);

  const r = {
    lateBoth: report({ createdAt: ago(10), category: 'speeding', source: 'police' }),
    demo: report({ createdAt: ago(9), demo: true }),
    lateVerify: report({ createdAt: ago(8) }),
    lateRead: report({ createdAt: ago(3) }),
    fresh: report({ createdAt: ago(1) }),
    done: report({ createdAt: ago(20) }),
    elsewhere: report({ createdAt: ago(12), unitId: 'kmp-walbrzych' }),
  };
  await insert(h, r.lateBoth, r.demo, r.lateVerify);
  await insert(h, r.lateRead, r.fresh, r.done, r.elsewhere);
  await changeStatus(h, r.lateVerify.id, 'verifying', ago(7.5));
  await changeStatus(h, r.done.id, 'confirmed', ago(19));
  const since = await h.store.mail.reportsSince(0, 50);
  assert.deepEqual(since.map((x) => x.id), [r.lateBoth, r.lateVerify, r.lateRead, r.fresh, r.done, r.elsewhere].map((x) => x.id), 'creation order, no demo');
  assert.ok(since.every((x, i) => typeof x.seq === 'number' && (i === 0 || x.seq > since[i - 1]!.seq)));
  const { seq, ...rest } = since[0]!;
  assert.deepEqual(rest, { id: r.lateBoth.id, unitId: 'kmp-legnica', category: 'speeding', source: 'police', createdAt: ago(10) });
  assert.deepEqual((await h.store.mail.reportsSince(seq, 2)).map((x) => x.id), [r.lateVerify.id, r.lateRead.id]);
  assert.deepEqual(await h.store.mail.reportsSince(since.at(-1)!.seq, 50), []);

  assert.deepEqual(await h.store.mail.digestCandidates(['kmp-legnica'], ago(2), ago(7)), [
    { id: r.lateBoth.id, unitId: 'kmp-legnica', category: 'speeding', status: 'new', createdAt: ago(10) },
    { id: r.lateVerify.id, unitId: 'kmp-legnica', category: 'vandalism', status: 'verifying', createdAt: ago(8) },
    { id: r.lateRead.id, unitId: 'kmp-legnica', category: 'vandalism', status: 'new', createdAt: ago(3) },
  ]);
  assert.deepEqual((await h.store.mail.digestCandidates(['kmp-legnica', 'kmp-walbrzych'], ago(100), ago(9))).map((x) => x.id),
    [r.elsewhere.id, r.lateBoth.id]);
  assert.deepEqual(await h.store.mail.digestCandidates([], ago(0), ago(0)), []);

  await h.store.unit(async (tx) => {
    await tx.staff.insert(account('s3', 'celina', 'kwp-wroclaw', { email: 'c@example.org' }));
    await tx.staff.insert(account('s1', 'zofia', 'kmp-legnica', { email: 'z@example.org' }));
    await tx.staff.insert(account('s2', 'bartek', 'kmp-walbrzych'));
    await tx.staff.insert(account('s4', 'dawid', 'pl', { email: 'd@example.org' }));
    await tx.staff.updateMail('s1', { email: 'z@example.org', mailLang: 'en', notifyNewReports: true, notifyDigest: true });
    await tx.staff.updateMail('s2', { email: null, mailLang: 'pl', notifyNewReports: true, notifyDigest: true });
    await tx.staff.updateMail('s3', { email: 'c@example.org', mailLang: 'uk', notifyNewReports: true, notifyDigest: false });
    await tx.staff.updateMail('s4', { email: 'd@example.org', mailLang: 'pl', notifyNewReports: true, notifyDigest: true });
    await tx.staff.update('s4', { disabledAt: ago(1) });
  });
  assert.deepEqual(await h.store.mail.newReportSubscribersList(), [
    { id: 's1', email: 'z@example.org', lang: 'en', unitId: 'kmp-legnica' },
    { id: 's3', email: 'c@example.org', lang: 'uk', unitId: 'kwp-wroclaw' },
  ], 'with an address, not disabled, by id');
  assert.deepEqual(await h.store.mail.digestSubscribersList(), [{ id: 's1', email: 'z@example.org', lang: 'en', unitId: 'kmp-legnica' }]);

  assert.equal(await h.store.unit((tx) => tx.mail.claimDigest('s1', '2026-01-15')), true);
  assert.equal(await h.store.unit((tx) => tx.mail.claimDigest('s1', '2026-01-15')), false, 'already sent');
  assert.equal(await h.store.mail.claimDigest('s1', '2026-01-16'), true);
  assert.equal(await h.store.mail.claimDigest('s3', '2026-01-15'), true);
  assert.equal(await h.store.mail.claimDigest('s3', '2026-01-15'), false);
  assert.equal(await h.value('SELECT count(*) FROM mail_digests'), 3);
});

contract("mail: citizens' addresses kept per report (replaced whole), read, forgotten", async (h) => {
  const [a, b] = [report(), report()];
  await insert(h, a, b);
  assert.equal(await h.store.mail.contact(a.id), undefined);
  await h.store.unit((tx) => tx.mail.keepContact(a.id, { email: 'a@example.org', lang: 'en', trackingUrl: 'https://x/t/1' }, ago(1)));
  await h.store.mail.keepContact(b.id, { email: 'b@example.org', lang: 'pl', trackingUrl: 'https://x/t/2' }, ago(1));
  assert.deepEqual(await h.store.mail.contact(a.id), { email: 'a@example.org', lang: 'en', trackingUrl: 'https://x/t/1' });
  await h.store.unit((tx) => tx.mail.keepContact(a.id, { email: 'a2@example.org', lang: 'uk', trackingUrl: 'https://x/t/3' }, ago(0.5)));
  assert.deepEqual(await h.store.mail.contact(a.id), { email: 'a2@example.org', lang: 'uk', trackingUrl: 'https://x/t/3' });
  assert.equal(await h.value('SELECT created_at FROM report_contacts WHERE report_id = ?', [a.id]), ago(0.5));
  assert.equal(await h.value('SELECT count(*) FROM report_contacts'), 2);
  await h.store.unit((tx) => tx.mail.forgetContact(a.id));
  assert.equal(await h.store.mail.contact(a.id), undefined);
  await h.store.mail.forgetContact(b.id);
  await h.store.mail.forgetContact(b.id);
  assert.equal(await h.store.mail.contact(b.id), undefined);
  // The address of no report is refused.
  await assert.rejects(h.store.unit((tx) => tx.mail.keepContact('zzzzzzzzzz', { email: 'z@example.org', lang: 'pl', trackingUrl: 'u' }, ago(0))));
});

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

contract('two instances on one database: the daily rule admits one action per device, whatever the interleaving', async (h) => {
  const other = await h.another();
  const stores = [h.store, other];
  for (let round = 0; round < 3; round++) {
    const device = hash(0x10 + round);
    const attempts = Array.from({ length: 24 }, (_, i) => stores[i % 2]!.unit(dailyRuleUnit(device, ago(0.01 * (round + 1)))));
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
