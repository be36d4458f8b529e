/**
 * The harness of the store port's contract (store-contract*.test.ts), which runs the same assertions on both adapters: sqliteStore on a temporary
 * file migrated and seeded as the app does (helpers.ts's seeded template), and pgStore on a
 * PostgreSQL test database (pg-cluster.ts) seeded by pgSeedIfEmpty from the same shipped data.
 * Every method of every part of the port, units of work included (commit,
 * rollback, savepoints, handles refused afterwards, two instances on one database under the
 * daily rule). Then what only PostgreSQL has: the batch lock across instances, retries on
 * serialization failures, one transaction per batch, the unit timeout, the export's connection.
 * The PostgreSQL half is skipped only when PostgreSQL is not installed (pgUnavailableReason).
 */
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
import type { Store, StoreUnit } from '../store/store.js';
import type { PublicSelection } from '../store/public-reports.js';
import { buildUnitSeeds, type UnitSeed } from '../geo/unit-seeds.js';
import { pgSeedIfEmpty } from '../store/postgres/pg-seed.js';
import { pgStore } from '../store/postgres/pg-store.js';
import { type PgUnitOptions } from '../store/postgres/pg-unit.js';
import { createPgPool } from '../store/postgres/pool.js';
import { cleanups, seededTemplate, tempDir, toPg } from './helpers.js';

export { cleanups, toPg };
import { pgUnavailableReason, stopOwnCluster, testDatabase } from './pg-cluster.js';

export const pgSkip = pgUnavailableReason() ?? false;
after(stopOwnCluster);

/** What both adapters have: the whole port. */
export type ContractStore = Store;

export interface Harness {
  store: ContractStore;
  /** Runs a statement written with `?` placeholders directly on the database (set-up the port has no method for). */
  exec(sql: string, params?: unknown[]): Promise<void>;
  /** First column of the first row of a query (`?` placeholders). */
  value(sql: string, params?: unknown[]): Promise<unknown>;
  /** Another instance on the same database (its own connection or pool). */
  another(): Promise<ContractStore>;
}


export const STAFF = "INSERT INTO staff (id, login, display_name, role, unit_id, password_hash, created_at) VALUES ('x', 'admin', 'Admin', 'admin', 'pl', '-', '2026-01-01')";

export async function openSqlite(t: TestContext): Promise<Harness> {
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

export let pgSeeds: UnitSeed[] | undefined;

export async function openPg(t: TestContext, options: PgUnitOptions & { max?: number } = {}): Promise<Harness & { pool: pg.Pool; url: string }> {
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
  pgSeeds ??= buildUnitSeeds(data);
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

export const STORES = [
  { name: 'sqlite', open: openSqlite, skip: false as const },
  { name: 'postgres', open: (t: TestContext) => openPg(t), skip: pgSkip },
];

/** The same test on both stores. */
export function contract(name: string, body: (h: Harness, t: TestContext) => Promise<void>): void {
  for (const kind of STORES) {
    test(`${kind.name}: ${name}`, { skip: kind.skip }, async (t) => body(await kind.open(t), t));
  }
}

// --- Data -------------------------------------------------------------------------------------------

export const NOW = new Date('2026-01-15T12:00:00.000Z');
export const DAY = 24 * 60 * 60 * 1000;
export const ago = (days: number, from = NOW): string => new Date(from.getTime() - days * DAY).toISOString();

export let idCounter = 0;
export function reportId(): string {
  return `r${String(++idCounter).padStart(9, '0')}`;
}

export function report(over: Partial<ReportInsert> = {}): ReportInsert {
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

export async function insert(h: Harness, ...reports: ReportInsert[]): Promise<void> {
  await h.store.unit(async (tx) => {
    for (const r of reports) await tx.reports.insert(r);
  });
}

/** A status change as staff make it: a history entry and the report's status and time. */
export async function changeStatus(h: Harness, id: string, status: Status, at: string, note: string | null = null): Promise<void> {
  await h.exec('INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id) VALUES (?, ?, ?, ?, ?, NULL)',
    [id, at, status, note, 'internal']);
  await h.exec('UPDATE reports SET status = ?, updated_at = ? WHERE id = ?', [status, at, id]);
}

export const hash = (byte: number): Buffer => Buffer.alloc(32, byte);

/** A public selection of every category, at NOW (the public reports' and units' tests). */
export async function selection(h: Harness, over: Partial<PublicSelection> = {}): Promise<PublicSelection> {
  const categories = (await h.store.categories.all()).map(({ code, visibility }) => ({ code, visibility }));
  return { categories, now: NOW, ...over };
}

/** A queued mail (the mail tests and the units' tests). */
export const mail = (over: Partial<Parameters<StoreUnit['mail']['enqueue']>[0]> = {}) => ({
  kind: 'new_report' as const, recipient: 'admin@example.org', staffId: 'x' as string | null, reportId: null as string | null,
  subject: 'Nowe zgłoszenie', text: 'tekst', html: '<p>tekst</p>', createdAt: ago(1), ...over,
});
