/**
 * The PostgreSQL baseline (server/store/postgres/migrations/001-baseline.sql) against SQLite's
 * migrations 001-023: the same deterministic sequence of ~700 writes (new reports in various
 * units, categories, days and years, status changes through history as the repositories make
 * them, hides and unhides, duplicates, confirmations, moves of unit, category, source, creation
 * time and point, direct changes of the verification times, multi-row statements, deletes,
 * new and removed units, the map's sweep) goes to a temporary SQLite file migrated by the
 * project's migrator and to a PostgreSQL test database, and every aggregate the triggers keep
 * (stats_counts, map_cells with its suffix buckets, map_national, map_versions, unit_ancestors)
 * must be equal row for row, rows whose count fell to 0 and updated_max included. map_versions
 * is compared after every write. A second PostgreSQL database gets the same writes many to a
 * transaction, each in a savepoint, as the store's units write them (with some rolled back):
 * its aggregates, folded once per transaction (migration 003), must be the same. Then the
 * backfill functions against SQLite's backfill sections. The migration runner's own tests
 * (lock, too new, a failing migration) are in pg-migrations.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Database } from 'better-sqlite3';
import pg from 'pg';
import { COUNTED_STATUSES, MapCellsRepository } from '../db/map-cells-repository.js';
import { openDatabase } from '../db/open.js';
import { migrationsDir, pgMigrationsDir } from '../paths.js';
import { PUBLIC_WINDOW } from '../../common/visibility.js';
import { createPgPool } from '../store/postgres/pool.js';
import { mulberry32 as random } from '../demo/random.js';
import { cleanups, tempDir, toPg } from './helpers.js';
import { pgUnavailableReason, stopOwnCluster, testDatabase } from './pg-cluster.js';

const skip = pgUnavailableReason() ?? false;
after(stopOwnCluster);

// --- Both stores --------------------------------------------------------------------------------

type Row = unknown[];

/**
 * A second PostgreSQL database that gets the writes of Both.tx as the store's units get them
 * (pg-unit.ts): many to a transaction, each in a savepoint (released, or rolled back when the
 * write failed), committed after a varying number of writes (1 to 64). Its aggregates, folded
 * once per transaction (migration 003), must equal those of the database written one write
 * per transaction.
 */
class Batched {
  private open = false;
  private steps = 0;
  private until = 0;

  constructor(readonly client: pg.PoolClient, private readonly size: () => number) {}

  async begin(): Promise<void> {
    if (!this.open) {
      await this.client.query('BEGIN');
      this.open = true;
      this.steps = 0;
      this.until = this.size();
    }
    await this.client.query('SAVEPOINT step');
  }

  async end(ok: boolean): Promise<void> {
    await this.client.query(ok ? 'RELEASE SAVEPOINT step' : 'ROLLBACK TO SAVEPOINT step; RELEASE SAVEPOINT step');
    if (++this.steps >= this.until) await this.commit();
  }

  async commit(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.client.query('COMMIT');
  }

  async rows(sql: string): Promise<Row[]> {
    return (await this.client.query({ text: sql, rowMode: 'array' })).rows as Row[];
  }
}

/** Thrown by a write that is meant to be rolled back (Both.tx with rollBack). */
class Abandoned extends Error {}

class Both {
  /** Set while Both.tx runs: its statements go to `batched` too. */
  private mirroring = false;

  constructor(readonly lite: Database, readonly pgc: pg.PoolClient, readonly batched?: Batched) {}

  /** Runs a statement on both (and, inside tx, on the batched database); they must change the same number of rows. */
  async run(sql: string, params: unknown[] = []): Promise<number> {
    const changes = this.lite.prepare(sql).run(...params).changes;
    const rowCount = (await this.pgc.query(toPg(sql), params)).rowCount ?? 0;
    assert.equal(rowCount, changes, `rows changed by ${sql} ${JSON.stringify(params)}`);
    if (this.mirroring && this.batched) {
      const batchedCount = (await this.batched.client.query(toPg(sql), params)).rowCount ?? 0;
      assert.equal(batchedCount, changes, `rows changed by ${sql} ${JSON.stringify(params)} in the batched database`);
    }
    return changes;
  }

  /** One transaction on each store (a savepoint in the batched database's open transaction); with rollBack, rolled back at the end. */
  async tx(work: () => Promise<void>, rollBack = false): Promise<void> {
    this.lite.exec('BEGIN');
    await this.pgc.query('BEGIN');
    await this.batched?.begin();
    this.mirroring = true;
    try {
      await work();
      if (rollBack) throw new Abandoned();
      this.lite.exec('COMMIT');
      await this.pgc.query('COMMIT');
      await this.batched?.end(true);
    } catch (error) {
      if (this.lite.inTransaction) this.lite.exec('ROLLBACK');
      await this.pgc.query('ROLLBACK');
      await this.batched?.end(false);
      if (!(error instanceof Abandoned)) throw error;
    } finally {
      this.mirroring = false;
    }
  }

  liteRows(sql: string): Row[] {
    return this.lite.prepare(sql).raw().all() as Row[];
  }

  async pgRows(sql: string): Promise<Row[]> {
    return (await this.pgc.query({ text: sql, rowMode: 'array' })).rows as Row[];
  }

  /** Commits the batched database's open transaction and compares its tables with PostgreSQL's (one write per transaction). */
  async compareBatched(tables: Record<string, string>, when: string): Promise<void> {
    if (!this.batched) return;
    await this.batched.commit();
    for (const [name, sql] of Object.entries(tables)) {
      assertSameRows(`${name} ${when}`, await this.pgRows(sql), await this.batched.rows(sql), ['one write per transaction', 'batched']);
    }
  }
}

async function pgArrays(client: pg.PoolClient, sql: string): Promise<Row[]> {
  return (await client.query({ text: sql, rowMode: 'array' })).rows as Row[];
}

const AGGREGATES = {
  stats_counts: 'SELECT unit_id, period, dim, key, n FROM stats_counts ORDER BY 1, 2, 3, 4',
  map_cells: 'SELECT period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max FROM map_cells ORDER BY 1, 2, 3, 4, 5, 6',
  map_national: 'SELECT period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max FROM map_national ORDER BY 1, 2, 3, 4, 5',
  map_versions: 'SELECT unit_id, version FROM map_versions ORDER BY 1',
  unit_ancestors: 'SELECT unit_id, ancestor_id FROM unit_ancestors ORDER BY 1, 2',
  map_cuts: 'SELECT status, window_days, cut FROM map_cuts ORDER BY 1',
} as const;

const SOURCE_TABLES = {
  reports: `SELECT id, unit_id, category, status, source, lon, lat, description, event_at, recurrence, created_at, updated_at,
    confirmations, demo, version, duplicate_of, first_verified_at, closed_at, grid_x, grid_y FROM reports ORDER BY id`,
  report_history: 'SELECT report_id, at, status, public_note, internal_note, staff_id FROM report_history ORDER BY 1, 2, 3, 4, 5, 6',
  confirmations: 'SELECT report_id, at FROM confirmations ORDER BY 1, 2',
  units: 'SELECT id, kind, parent_id FROM units ORDER BY 1',
} as const;

/** Equal row lists, or a failure naming the first rows that differ (not a diff of thousands). */
function assertSameRows(name: string, expected: Row[], actual: Row[], label = ['SQLite', 'PostgreSQL']): void {
  const a = expected.map((r) => JSON.stringify(r));
  const b = actual.map((r) => JSON.stringify(r));
  if (a.length === b.length && a.every((r, i) => r === b[i])) return;
  const inB = new Set(b);
  const inA = new Set(a);
  const onlyA = a.filter((r) => !inB.has(r)).slice(0, 8);
  const onlyB = b.filter((r) => !inA.has(r)).slice(0, 8);
  assert.fail(`${name}: ${a.length} rows in ${label[0]}, ${b.length} in ${label[1]}\n` +
    `only in ${label[0]}:\n  ${onlyA.join('\n  ')}\nonly in ${label[1]}:\n  ${onlyB.join('\n  ')}`);
}

async function compareTables(both: Both, tables: Record<string, string>, when: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, sql] of Object.entries(tables)) {
    const lite = both.liteRows(sql);
    assertSameRows(`${name} ${when}`, lite, await both.pgRows(sql));
    counts[name] = lite.length;
  }
  return counts;
}

// --- The writes ---------------------------------------------------------------------------------

const UNITS: [id: string, kind: string, acronym: string, parent: string | null][] = [
  ['pl', 'national', 'KGP', null],
  ['kwp-a', 'voivodeship', 'KWP', 'pl'],
  ['kwp-b', 'voivodeship', 'KSP', 'pl'],
  ['kmp-a1', 'county', 'KMP', 'kwp-a'],
  ['kpp-a2', 'county', 'KPP', 'kwp-a'],
  ['kmp-b1', 'county', 'KMP', 'kwp-b'],
];
const AREA = JSON.stringify({ type: 'Polygon', coordinates: [[[14, 49], [24, 49], [24, 55], [14, 55], [14, 49]]] });
const INSERT_UNIT = `INSERT INTO units (id, kind, acronym, name, short_name, seat, parent_id, area, min_lon, min_lat, max_lon, max_lat)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 14, 49, 24, 55)`;

const CATEGORIES = ['vandalism', 'illegal_dump', 'minors_at_risk', 'poaching', 'water_danger', 'dangerous_entertainment',
  'illegal_logging', 'street_racing', 'illegal_parking', 'rail_track_crossing', 'rail_level_crossing', 'road_infrastructure',
  'greenery_damage', 'homeless_in_need', 'quads_in_forest', 'speeding', 'public_drinking', 'drug_use', 'stray_dogs',
  'grass_burning', 'wildlife_collisions', 'animal_cruelty', 'traffic_organisation', 'begging'];
const STATUSES = ['new', 'verifying', 'confirmed', 'eliminated', 'forwarded', 'not_confirmed', 'prank', 'hidden'];
const SOURCES = ['citizen', 'debate', 'contact', 'police'];

const INSERT_REPORT = `INSERT INTO reports (id, unit_id, category, status, source, lon, lat, description, event_at, recurrence,
  tracking_hash, created_at, updated_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_HISTORY = 'INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id) VALUES (?, ?, ?, ?, ?, ?)';

interface Model {
  id: string;
  unit: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  demo: boolean;
  /** Reports naming this one in duplicate_of: it cannot be deleted while there are any. */
  referenced: number;
  duplicateOf?: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The writes, deterministic from the seed; each one a transaction on both stores. */
class Workload {
  readonly reports = new Map<string, Model>();
  readonly tally = new Map<string, number>();
  private units = UNITS.filter(([, kind]) => kind !== 'national').map(([id]) => id);
  private next = 0;

  constructor(private readonly both: Both, private readonly rnd: () => number) {}

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rnd() * list.length)]!;
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.rnd() * (max - min + 1));
  }

  private live(filter: (r: Model) => boolean = () => true): Model | undefined {
    const list = [...this.reports.values()].filter(filter);
    return list.length ? this.pick(list) : undefined;
  }

  /** Creation times: mostly the two years around the cuts, some anywhere from 2014 to 2027, a few far ahead. */
  private createdAt(): string {
    const roll = this.rnd();
    if (roll < 0.03) return this.pick(['2015-12-31T23:59:59.999Z', '2016-01-01T00:00:00.000Z', '2061-03-04T05:06:07.089Z', '2014-07-01T12:00:00.000Z']);
    const [from, to] = roll < 0.65 ? ['2024-06-01', '2026-06-30'] : ['2014-10-01', '2027-02-28'];
    const ms = Date.parse(`${from}T00:00:00Z`) + Math.floor(this.rnd() * (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)));
    // Some exactly at midnight (a day's first millisecond).
    return new Date(this.rnd() < 0.05 ? Math.floor(ms / DAY) * DAY : ms).toISOString();
  }

  /** A time after `from`: within hours, days, months or more (the duration buckets' three resolutions). */
  private later(from: string): string {
    const spans = [2 * HOUR, 71 * HOUR, 80 * DAY, 400 * DAY];
    return new Date(Date.parse(from) + Math.floor(this.rnd() * this.pick(spans))).toISOString();
  }

  private point(): [number, number] {
    const roll = this.rnd();
    // A cell's edge (0.439453125 is exact in binary), half a micro-degree (rounding), a negative longitude.
    if (roll < 0.05) return [-180 + this.int(440, 450) * 0.439453125, 49 + this.int(0, 5) * 0.2705543592739709];
    if (roll < 0.1) return [18 + this.int(0, 999_999) / 1e6 + 5e-7, 52 + this.int(0, 999_999) / 1e6 + 5e-7];
    if (roll < 0.12) return [-(this.int(1, 3_000_000) / 1e6 + 5e-7), 52.1];
    return [14.1 + this.rnd() * 10, 49 + this.rnd() * 5.8];
  }

  private count(name: string): void {
    this.tally.set(name, (this.tally.get(name) ?? 0) + 1);
  }

  private async insertReports(n: number): Promise<void> {
    const rows: unknown[][] = [];
    const models: Model[] = [];
    for (let i = 0; i < n; i++) {
      const id = `R${String(++this.next).padStart(9, '0')}`;
      const createdAt = this.createdAt();
      // Most start new; bench and migration loads write any status directly.
      const status = this.rnd() < 0.8 ? 'new' : this.pick(STATUSES);
      const updatedAt = status === 'new' ? createdAt : this.later(createdAt);
      const unit = this.rnd() < 0.05 ? this.pick(['pl', 'kwp-a', 'kwp-b']) : this.pick(this.units);
      const [lon, lat] = this.point();
      const hash = Buffer.alloc(32, this.next % 256);
      const demo = this.rnd() < 0.15;
      rows.push([id, unit, this.pick(CATEGORIES), status, this.pick(SOURCES), lon, lat,
        this.rnd() < 0.3 ? 'Opis zgłoszenia: żółta ławka' : null, null,
        this.rnd() < 0.1 ? JSON.stringify({ days: ['mon'], times: ['evening'] }) : null, hash, createdAt, updatedAt, demo ? 1 : 0]);
      models.push({ id, unit, status, createdAt, updatedAt, version: 1, demo, referenced: 0 });
    }
    const sql = `${INSERT_REPORT.slice(0, INSERT_REPORT.indexOf('VALUES'))}VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
    await this.both.run(sql, rows.flat());
    for (const m of models) {
      await this.both.run(INSERT_HISTORY, [m.id, m.createdAt, 'new', null, null, null]);
      this.reports.set(m.id, m);
    }
  }

  /** ReportsRepository.changeStatus: the history row first, then the report. */
  private async changeStatus(r: Model, status: string, at: string): Promise<void> {
    await this.both.run(INSERT_HISTORY, [r.id, at, status, this.rnd() < 0.3 ? 'Sprawdzone' : null, null, null]);
    await this.both.run('UPDATE reports SET status = ?, updated_at = ? WHERE id = ?', [status, at, r.id]);
    Object.assign(r, { status, updatedAt: at });
  }

  /** StaffReportsRepository.changeStatus: the version-checked update, then the history row. */
  private async staffStatus(r: Model, status: string, at: string, stale: boolean): Promise<void> {
    const changed = await this.both.run(
      'UPDATE reports SET status = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?',
      [status, at, r.id, stale ? r.version - 1 : r.version]);
    if (changed !== 1) return;
    await this.both.run(INSERT_HISTORY, [r.id, at, status, null, 'notatka', 'staff-1']);
    Object.assign(r, { status, updatedAt: at, version: r.version + 1 });
  }

  /**
   * Writes that are rolled back (Both.tx with rollBack): a new report with a status change and
   * a confirmation, changes of an existing one. The model is not touched.
   */
  async abandoned(): Promise<void> {
    const both = this.both;
    const id = `X${String(++this.next).padStart(9, '0')}`;
    const createdAt = this.createdAt();
    const [lon, lat] = this.point();
    await both.run(INSERT_REPORT, [id, this.pick(this.units), this.pick(CATEGORIES), 'new', 'citizen', lon, lat, null, null, null,
      Buffer.alloc(32, 9), createdAt, createdAt, 0]);
    await both.run(INSERT_HISTORY, [id, createdAt, 'new', null, null, null]);
    const at = this.later(createdAt);
    await both.run(INSERT_HISTORY, [id, at, 'confirmed', null, null, null]);
    await both.run("UPDATE reports SET status = 'confirmed', updated_at = ? WHERE id = ?", [at, id]);
    const r = this.live();
    if (r) {
      await both.run('UPDATE reports SET category = ?, confirmations = confirmations + 1 WHERE id = ?', [this.pick(CATEGORIES), r.id]);
      await both.run('UPDATE reports SET unit_id = ? WHERE id = ?', [this.pick(this.units), r.id]);
    }
  }

  async step(i: number): Promise<void> {
    const both = this.both;
    // Fixed points of the sequence: units come and go, demo reports are removed.
    if (i === 100) {
      this.count('unit insert');
      await both.run(INSERT_UNIT, ['kp-a1x', 'station', 'KP', 'KP A1X', 'KP A1X', 'A', 'kmp-a1', AREA]);
      this.units.push('kp-a1x');
      return;
    }
    if (i === 150) {
      this.count('unit insert');
      await both.run(INSERT_UNIT, ['kp-tmp', 'station', 'PP', 'PP tmp', 'PP tmp', 'T', 'kpp-a2', AREA]);
      return;
    }
    if (i === 420) {
      this.count('unit delete');
      await both.run("DELETE FROM units WHERE id = 'kp-tmp'");
      return;
    }
    if (i === 250 || i === 560) {
      this.count('delete demo');
      // Never an original of a duplicate (the foreign key would refuse it on both).
      for (const r of this.reports.values()) if (r.demo && r.referenced > 0) await both.run('UPDATE reports SET demo = 0 WHERE id = ?', [r.id]);
      for (const r of this.reports.values()) if (r.demo && r.referenced > 0) r.demo = false;
      const removed = [...this.reports.values()].filter((r) => r.demo);
      await both.run('DELETE FROM reports WHERE demo = 1');
      for (const r of removed) {
        this.reports.delete(r.id);
        if (r.duplicateOf) this.reports.get(r.duplicateOf)!.referenced--;
      }
      return;
    }

    const roll = this.rnd() * 100;
    const r = this.live();
    if (!r || roll < 30) {
      this.count('insert');
      return this.insertReports(1);
    }
    if (roll < 34) {
      this.count('insert x3');
      return this.insertReports(3);
    }
    const at = this.later(r.updatedAt);
    if (roll < 48) {
      this.count('status (history first)');
      return this.changeStatus(r, this.pick(STATUSES.filter((s) => s !== 'hidden')), at);
    }
    if (roll < 58) {
      this.count('status (staff, version)');
      return this.staffStatus(r, this.pick(STATUSES), at, this.rnd() < 0.15);
    }
    if (roll < 61) {
      this.count('history x2 in one statement');
      const [s1, s2] = [this.pick(STATUSES), this.pick(STATUSES)];
      await both.run('INSERT INTO report_history (report_id, at, status) VALUES (?, ?, ?), (?, ?, ?)', [r.id, at, s1, r.id, this.later(at), s2]);
      return;
    }
    if (roll < 65) {
      const hidden = this.live((x) => x.status === 'hidden');
      if (hidden && this.rnd() < 0.5) {
        this.count('unhide');
        return this.staffStatus(hidden, this.pick(['new', 'verifying', 'confirmed']), this.later(hidden.updatedAt), false);
      }
      this.count('hide');
      return this.staffStatus(r, 'hidden', at, false);
    }
    if (roll < 68) {
      // StaffReportsRepository.linkDuplicate.
      const original = this.live((x) => x.id !== r.id && !x.demo);
      if (!original) return;
      this.count('duplicate');
      const changed = await both.run(
        `UPDATE reports SET status = 'hidden', confirmations = 0, duplicate_of = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?`, [original.id, at, r.id, r.version]);
      if (!changed) return;
      const moved = (both.lite.prepare('SELECT count(*) FROM confirmations WHERE report_id = ?').pluck().get(r.id) as number);
      await both.run('UPDATE confirmations SET report_id = ? WHERE report_id = ?', [original.id, r.id]);
      await both.run('UPDATE reports SET confirmations = confirmations + ?, version = version + 1 WHERE id = ?', [moved, original.id]);
      await both.run(INSERT_HISTORY, [r.id, at, 'hidden', null, 'duplikat', 'staff-1']);
      if (r.duplicateOf) this.reports.get(r.duplicateOf)!.referenced--;
      Object.assign(r, { status: 'hidden', updatedAt: at, version: r.version + 1, duplicateOf: original.id });
      original.referenced++;
      original.version++;
      return;
    }
    if (roll < 73) {
      this.count('confirmation');
      await both.run('INSERT INTO confirmations (report_id, at, device_hash) VALUES (?, ?, ?)', [r.id, at, Buffer.alloc(32, 7)]);
      await both.run('UPDATE reports SET confirmations = confirmations + 1 WHERE id = ?', [r.id]);
      return;
    }
    if (roll < 76) {
      this.count('move unit');
      const unit = this.pick(this.units.filter((u) => u !== r.unit));
      await both.run('UPDATE reports SET unit_id = ? WHERE id = ?', [unit, r.id]);
      r.unit = unit;
      return;
    }
    if (roll < 79) {
      this.count('category');
      await both.run('UPDATE reports SET category = ? WHERE id = ?', [this.pick(CATEGORIES), r.id]);
      return;
    }
    if (roll < 81) {
      this.count('source');
      await both.run('UPDATE reports SET source = ? WHERE id = ?', [this.pick(SOURCES), r.id]);
      return;
    }
    if (roll < 83) {
      this.count('created_at');
      const createdAt = this.createdAt();
      await both.run('UPDATE reports SET created_at = ? WHERE id = ?', [createdAt, r.id]);
      r.createdAt = createdAt;
      return;
    }
    if (roll < 86) {
      this.count('point');
      await both.run('UPDATE reports SET lon = ?, lat = ? WHERE id = ?', [...this.point(), r.id]);
      return;
    }
    if (roll < 88) {
      this.count('updated_at only');
      // Sometimes a windowed report's, exactly at its status's cut (>=: in the window) or a millisecond before.
      const windowed = this.rnd() < 0.5 ? this.live((x) => x.status === 'eliminated' || x.status === 'not_confirmed') : undefined;
      const target = windowed ?? r;
      const cut = windowed && (both.lite.prepare('SELECT cut FROM map_cuts WHERE status = ?').pluck().get(windowed.status) as string);
      const time = cut ? new Date(Date.parse(cut) - this.int(0, 1)).toISOString() : at;
      await both.run('UPDATE reports SET updated_at = ? WHERE id = ?', [time, target.id]);
      target.updatedAt = time;
      return;
    }
    if (roll < 90) {
      this.count('status and category at once');
      const status = this.pick(STATUSES);
      await both.run('UPDATE reports SET status = ?, category = ?, updated_at = ? WHERE id = ?', [status, this.pick(CATEGORIES), at, r.id]);
      Object.assign(r, { status, updatedAt: at });
      return;
    }
    if (roll < 92) {
      this.count('status and verification time at once');
      const status = this.pick(STATUSES);
      await both.run('UPDATE reports SET status = ?, first_verified_at = ? WHERE id = ?', [status, this.later(r.createdAt), r.id]);
      r.status = status;
      return;
    }
    if (roll < 95) {
      this.count('times directly');
      // Another time, none, or one before creation (counted as 0 hours).
      const time = (): string | null => {
        const x = this.rnd();
        return x < 0.25 ? null : x < 0.35 ? new Date(Date.parse(r.createdAt) - HOUR).toISOString() : this.later(r.createdAt);
      };
      await both.run('UPDATE reports SET first_verified_at = ?, closed_at = ? WHERE id = ?', [time(), time(), r.id]);
      return;
    }
    if (roll < 96) {
      this.count('many at once');
      await both.run("UPDATE reports SET status = 'verifying', updated_at = ? WHERE unit_id = ? AND status = 'new'", [at, r.unit]);
      for (const x of this.reports.values()) if (x.unit === r.unit && x.status === 'new') Object.assign(x, { status: 'verifying', updatedAt: at });
      return;
    }
    const victim = this.live((x) => x.referenced === 0);
    if (!victim) return;
    this.count('delete');
    await both.run('DELETE FROM reports WHERE id = ?', [victim.id]);
    this.reports.delete(victim.id);
    if (victim.duplicateOf) this.reports.get(victim.duplicateOf)!.referenced--;
  }
}

/** MapCellsRepository.sweep on PostgreSQL: the same contribution the delete trigger takes out, per report that left its window. */
async function pgSweep(client: pg.PoolClient, now: Date): Promise<number> {
  let removed = 0;
  await client.query('BEGIN');
  const cuts = (await client.query<{ status: string; window_days: number; cut: string }>('SELECT status, window_days, cut FROM map_cuts')).rows;
  for (const { status, window_days: days, cut } of cuts) {
    const next = new Date(now.getTime() - days * 86_400_000).toISOString();
    if (next <= cut) continue;
    // As SQLite's two statements: the period buckets (whose changes are counted), then the suffix buckets.
    for (const suffixes of [false, true]) {
      const result = await client.query(`INSERT INTO map_cells AS m (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
        SELECT p.period, r.status, r.category, r.grid_x, r.grid_y, r.unit_id, -count(*), -sum(kmzb_micro(r.lon)), -sum(kmzb_micro(r.lat)), max(r.updated_at)
        FROM reports r CROSS JOIN LATERAL kmzb_map_periods(r.created_at) p (period)
        WHERE r.status = $1 AND r.updated_at >= $2 AND r.updated_at < $3 AND (p.period LIKE 'S%' OR p.period LIKE 'T%') = $4
        GROUP BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = m.n + excluded.n,
          sum_lon = m.sum_lon + excluded.sum_lon, sum_lat = m.sum_lat + excluded.sum_lat, updated_max = greatest(m.updated_max, excluded.updated_max)`,
      [status, cut, next, suffixes]);
      if (!suffixes) removed += result.rowCount ?? 0;
    }
    await client.query('UPDATE map_cuts SET cut = $1 WHERE status = $2', [next, status]);
  }
  await client.query('COMMIT');
  return removed;
}

function backfillSection(file: string): string {
  const sql = readFileSync(join(migrationsDir, file), 'utf8');
  return sql.slice(sql.indexOf('-- backfill:begin'), sql.indexOf('-- backfill:end'));
}

/**
 * The backfill functions against SQLite's backfill sections, both in a transaction rolled
 * back: kmzb_backfill_stats() (the times from history, then the counts) and
 * kmzb_backfill_map(false) (at the cuts as they are) rebuild exactly what migrations 015,
 * 020, 021 and 023 rebuild; and what the triggers kept holds the same non-zero counts.
 */
async function compareBackfills(both: Both, when: string): Promise<void> {
  const nonZero = (rows: Row[], nAt: number) => rows.filter((r) => r[nAt] !== 0);
  const triggered = {
    stats: nonZero(await both.pgRows(AGGREGATES.stats_counts), 4),
    cells: nonZero(await both.pgRows(AGGREGATES.map_cells), 6),
    national: nonZero(await both.pgRows(AGGREGATES.map_national), 5),
  };

  // Statistics, counts only (the reports' times as they are): what the triggers kept.
  await both.pgc.query('BEGIN');
  try {
    await both.pgc.query('SELECT kmzb_backfill_stats(false)');
    assertSameRows(`stats_counts ${when}, triggers vs kmzb_backfill_stats(false)`, triggered.stats, await both.pgRows(AGGREGATES.stats_counts), ['triggers', 'backfill']);
  } finally {
    await both.pgc.query('ROLLBACK');
  }

  // Statistics with the times from history: migration 015's section on SQLite, the function on PostgreSQL.
  const stats015 = backfillSection('015-stats-counts.sql');
  const splitAt = stats015.indexOf('CREATE TEMP TABLE stats_own');
  both.lite.exec('BEGIN');
  await both.pgc.query('BEGIN');
  try {
    both.lite.exec(stats015.slice(0, splitAt));
    both.lite.exec('DELETE FROM stats_counts');
    both.lite.exec(stats015.slice(splitAt));
    const total = (await both.pgc.query<{ n: number }>('SELECT kmzb_backfill_stats() AS n')).rows[0]!.n;
    const lite = both.liteRows(AGGREGATES.stats_counts);
    assert.equal(total, lite.length);
    assertSameRows(`stats_counts ${when}, migration 015's backfill`, lite, await both.pgRows(AGGREGATES.stats_counts));
    assertSameRows(`reports ${when}, migration 015's backfill`, both.liteRows(SOURCE_TABLES.reports), await both.pgRows(SOURCE_TABLES.reports));
  } finally {
    both.lite.exec('ROLLBACK');
    await both.pgc.query('ROLLBACK');
  }

  // The map at the current cuts: 020's section without its reset of the cuts, 021's, 024's, 023's.
  const map020 = backfillSection('020-map-cells.sql');
  const cutsEnd = map020.indexOf(';', map020.indexOf('INSERT INTO map_cuts')) + 1;
  const map020AtCuts = map020.slice(0, map020.indexOf('DELETE FROM map_cuts')) + map020.slice(cutsEnd);
  both.lite.exec('BEGIN');
  await both.pgc.query('BEGIN');
  try {
    both.lite.exec('DELETE FROM map_cells');
    both.lite.exec(map020AtCuts + backfillSection('021-map-suffixes.sql') + backfillSection('024-map-frontier.sql') +
      backfillSection('023-map-national.sql'));
    const total = (await both.pgc.query<{ n: number }>('SELECT kmzb_backfill_map(false) AS n')).rows[0]!.n;
    const cells = both.liteRows(AGGREGATES.map_cells);
    assert.equal(total, cells.length);
    assertSameRows(`map_cells ${when}, migrations 020, 021 and 024's backfill`, cells, await both.pgRows(AGGREGATES.map_cells));
    const national = both.liteRows(AGGREGATES.map_national);
    assertSameRows(`map_national ${when}, migration 023's backfill`, national, await both.pgRows(AGGREGATES.map_national));
    // The triggers' counts and sums are the backfill's; their updated_max only grew. (Keys the
    // backfill counted only from the frontier on are left at 0 in the suffix buckets by
    // migration 024's section, where the triggers never wrote them: a count of 0 reads as none.)
    const strip = (rows: Row[], at: number) => rows.map((r) => r.slice(0, at));
    const counted = (rows: Row[], n: number) => rows.filter((r) => r[n] !== 0 || !/^[ST]/.test(String(r[0])));
    assertSameRows(`map_cells ${when}, triggers vs backfill`, strip(triggered.cells, 9), strip(counted(cells, 6), 9), ['triggers', 'backfill']);
    assertSameRows(`map_national ${when}, triggers vs backfill`, strip(triggered.national, 8), strip(counted(national, 5), 8), ['triggers', 'backfill']);
    for (const [i, row] of counted(cells, 6).entries()) assert.ok(String(row[9]) <= String(triggered.cells[i]![9]), `updated_max of ${JSON.stringify(row)}`);
    // map_national follows deletes from map_cells and updates that move a key, as SQLite's row triggers do.
    for (const sql of ["DELETE FROM map_cells WHERE period >= 'S' AND period < 'U'", "UPDATE map_cells SET period = 'Q' || period WHERE period LIKE 'D2025-0%'"]) {
      await both.run(sql);
      assertSameRows(`map_national ${when}, after ${sql}`, both.liteRows(AGGREGATES.map_national), await both.pgRows(AGGREGATES.map_national));
    }
    // kmzb_backfill_map_national() alone: 023's backfill over a wrong copy.
    await both.pgc.query('UPDATE map_national SET n = 99');
    both.lite.exec(backfillSection('023-map-national.sql'));
    await both.pgc.query('SELECT kmzb_backfill_map_national()');
    assertSameRows(`map_national ${when}, kmzb_backfill_map_national()`, both.liteRows(AGGREGATES.map_national), await both.pgRows(AGGREGATES.map_national));
    // With the cuts reset to now (migration 020 at an upgrade): ISO times 30 and 7 days back.
    await both.pgc.query('SELECT kmzb_backfill_map(true)');
    const cuts = await both.pgRows(AGGREGATES.map_cuts);
    for (const [status, days, cut] of cuts as [string, number, string][]) {
      assert.match(cut, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(Math.abs(Date.now() - days * 86_400_000 - Date.parse(cut)) < 60_000, `${status} cut ${cut}`);
    }
    // unit_ancestors rebuilt from the units alone.
    const ancestors = await both.pgRows(AGGREGATES.unit_ancestors);
    await both.pgc.query('DELETE FROM unit_ancestors');
    await both.pgc.query('SELECT kmzb_backfill_unit_ancestors()');
    assertSameRows(`unit_ancestors ${when}, kmzb_backfill_unit_ancestors()`, ancestors, await both.pgRows(AGGREGATES.unit_ancestors), ['triggers', 'backfill']);
  } finally {
    both.lite.exec('ROLLBACK');
    await both.pgc.query('ROLLBACK');
  }
}

test('the same writes keep the same aggregates on SQLite and PostgreSQL, row for row', { skip }, async (t) => {
  const started = performance.now();
  const defer = cleanups(t);
  const lite = openDatabase(join(tempDir(t), 'kmzb.sqlite'));
  defer(() => lite.close());
  // The comparison is about results, not durability: no fsync per transaction.
  lite.pragma('synchronous = OFF');
  const db = await testDatabase();
  defer(() => db.drop());
  const pool = createPgPool({ connectionString: db.url, max: 1 });
  defer(() => pool.end());
  const client = await pool.connect();
  defer(() => client.release());
  // The same writes, many to a transaction as the store's units write them.
  const batchedDb = await testDatabase();
  defer(() => batchedDb.drop());
  const batchedPool = createPgPool({ connectionString: batchedDb.url, max: 1 });
  defer(() => batchedPool.end());
  const batchedClient = await batchedPool.connect();
  defer(() => batchedClient.release());
  const sizes = random(64);
  const both = new Both(lite, client, new Batched(batchedClient, () => 1 + Math.floor(sizes() * 64)));

  // The same cuts in both (each migration set them from its own clock), and the units.
  await both.tx(async () => {
    await both.run('UPDATE map_cuts SET cut = ? WHERE status = ?', ['2025-06-01T00:00:00.000Z', 'eliminated']);
    await both.run('UPDATE map_cuts SET cut = ? WHERE status = ?', ['2025-09-01T00:00:00.000Z', 'not_confirmed']);
    for (const [id, kind, acronym, parent] of UNITS) await both.run(INSERT_UNIT, [id, kind, acronym, id.toUpperCase(), id, 'X', parent, AREA]);
  });
  await compareTables(both, AGGREGATES, 'before any report');

  const workload = new Workload(both, random(16));
  const WRITES = 700;
  const sweeps = new Map([[350, new Date('2026-03-15T00:00:00Z')], [650, new Date('2026-09-01T12:00:00Z')]]);
  const WINDOWED = "SELECT count(*) FROM map_cells WHERE status IN ('eliminated', 'not_confirmed') AND n > 0";
  const windowedBeforeSweeps: number[] = [];
  for (let i = 1; i <= WRITES; i++) {
    // Rolled back: the first (its deltas the first of the batched database's session) and every 50th.
    if (i % 50 === 1) await both.tx(() => workload.abandoned(), true);
    await both.tx(() => workload.step(i));
    // map_versions after every write: the same units got new versions, by the same steps.
    assertSameRows(`map_versions after write ${i}`, both.liteRows(AGGREGATES.map_versions), await both.pgRows(AGGREGATES.map_versions));
    if (i % 100 === 0) {
      await compareTables(both, { ...AGGREGATES, ...SOURCE_TABLES }, `after write ${i}`);
      await both.compareBatched({ ...AGGREGATES, ...SOURCE_TABLES }, `after write ${i}`);
    }
    const sweepAt = sweeps.get(i);
    if (sweepAt) {
      windowedBeforeSweeps.push((await client.query({ text: WINDOWED, rowMode: 'array' })).rows[0]![0] as number);
      await compareBackfills(both, `before the sweep at ${i}`);
      const removed = new MapCellsRepository(lite).sweep(sweepAt);
      assert.equal(await pgSweep(client, sweepAt), removed, 'map_cells rows the sweep changed');
      await compareTables(both, AGGREGATES, `after the sweep at write ${i}`);
      await both.batched!.commit();
      assert.equal(await pgSweep(batchedClient, sweepAt), removed, 'map_cells rows the sweep changed in the batched database');
      await both.compareBatched(AGGREGATES, `after the sweep at write ${i}`);
    }
  }
  const counts = await compareTables(both, { ...AGGREGATES, ...SOURCE_TABLES }, 'at the end');
  await both.compareBatched({ ...AGGREGATES, ...SOURCE_TABLES }, 'at the end');
  await compareBackfills(both, 'at the end');

  // The sequence exercised what it is meant to: every dimension and kind of period, counts
  // that fell to zero, windowed statuses, the suffix buckets, reports moved out of a unit.
  const pgValue = async (sql: string) => (await client.query({ text: sql, rowMode: 'array' })).rows[0]![0] as number;
  assert.equal(await pgValue("SELECT count(DISTINCT dim) FROM stats_counts WHERE n > 0"), 5);
  assert.ok(await pgValue("SELECT count(*) FROM stats_counts WHERE n = 0") > 50);
  assert.ok(await pgValue("SELECT count(*) FROM map_cells WHERE n = 0") > 50);
  assert.ok(await pgValue("SELECT count(*) FROM map_cells WHERE period LIKE 'S%' AND n > 0") > 50);
  assert.ok(await pgValue("SELECT count(*) FROM map_cells WHERE period LIKE 'T%' AND n > 0") > 50);
  // Windowed reports were counted before each sweep, and each sweep took some out.
  assert.ok(windowedBeforeSweeps.every((n) => n > 5), `windowed rows before the sweeps: ${windowedBeforeSweeps}`);
  assert.ok(await pgValue("SELECT count(*) FROM map_cells WHERE status IN ('eliminated', 'not_confirmed') AND n = 0") > 5);
  assert.ok(await pgValue("SELECT count(*) FROM stats_counts WHERE dim IN ('verified', 'closed') AND key::int >= 168 AND n > 0") > 5);
  assert.ok(await pgValue("SELECT count(*) FROM reports WHERE unit_id = 'kp-a1x'") > 0);
  assert.ok(await pgValue("SELECT count(*) FROM reports WHERE duplicate_of IS NOT NULL") > 0);
  // The point column follows lon/lat.
  assert.equal(await pgValue('SELECT count(*) FROM reports WHERE NOT (ST_X(geom) = lon AND ST_Y(geom) = lat AND ST_SRID(geom) = 4326)'), 0);
  const tally = [...workload.tally].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  t.diagnostic(`${WRITES} writes (${tally}); rows compared at the end: ${JSON.stringify(counts)}; ${Math.round(performance.now() - started)} ms`);
});

test('aggregate deltas: a transaction reads its own after kmzb_apply_deltas(); the backfills fold what is pending first', { skip }, async (t) => {
  const defer = cleanups(t);
  const db = await testDatabase();
  defer(() => db.drop());
  const pool = createPgPool({ connectionString: db.url, max: 1 });
  defer(() => pool.end());
  const client = await pool.connect();
  defer(() => client.release());
  for (const [id, kind, acronym, parent] of UNITS) {
    await client.query(toPg(INSERT_UNIT), [id, kind, acronym, id.toUpperCase(), id, 'X', parent, AREA]);
  }
  const total = "SELECT coalesce(sum(n), 0)::int AS n FROM stats_counts WHERE unit_id = 'pl' AND period LIKE 'M%' AND dim = 'status'";
  const read = async (sql: string) => (await client.query<{ n: number }>(sql)).rows[0]!.n;
  const insert = async (n: number, from: number) => {
    for (let i = from; i < from + n; i++) {
      const at = `2025-0${1 + (i % 9)}-1${i % 10}T12:00:00.000Z`;
      await client.query(toPg(INSERT_REPORT), [`B${String(i).padStart(9, '0')}`, i % 2 ? 'kmp-a1' : 'kmp-b1', CATEGORIES[i % CATEGORIES.length],
        'new', 'citizen', 18 + i / 100, 52, null, null, null, Buffer.alloc(32, 1), at, at, 0]);
      await client.query(toPg(INSERT_HISTORY), [`B${String(i).padStart(9, '0')}`, at, 'new', null, null, null]);
    }
  };

  await client.query('BEGIN');
  await insert(20, 0);
  // Pending until the commit, or until asked for.
  assert.equal(await read(total), 0);
  assert.ok(Number((await client.query('SELECT kmzb_apply_deltas() AS n')).rows[0].n) > 0);
  assert.equal(await read(total), 20);
  assert.equal(Number((await client.query('SELECT kmzb_apply_deltas() AS n')).rows[0].n), 0, 'nothing left to fold');
  await insert(10, 20);
  await client.query("UPDATE reports SET status = 'confirmed', first_verified_at = created_at WHERE id < 'B000000005'");
  // Rebuilt from the reports as they are, with the 10 new reports' deltas folded first (not added again at COMMIT).
  await client.query('SELECT kmzb_backfill_stats(false), kmzb_backfill_map(false)');
  await client.query('COMMIT');
  assert.equal(await read(total), 30);

  const compare = async (when: string) => {
    const kept = { stats: await pgArrays(client, AGGREGATES.stats_counts), cells: await pgArrays(client, AGGREGATES.map_cells) };
    await client.query('BEGIN');
    try {
      await client.query('SELECT kmzb_backfill_stats(false), kmzb_backfill_map(false)');
      const nonZero = (rows: Row[], nAt: number) => rows.filter((r) => r[nAt] !== 0);
      assertSameRows(`stats_counts ${when}`, nonZero(kept.stats, 4), nonZero(await pgArrays(client, AGGREGATES.stats_counts), 4), ['kept', 'backfill']);
      assertSameRows(`map_cells ${when}`, nonZero(kept.cells, 6), nonZero(await pgArrays(client, AGGREGATES.map_cells), 6), ['kept', 'backfill']);
    } finally {
      await client.query('ROLLBACK');
    }
  };
  await compare('after backfills with pending deltas');

  // kmzb_backfill_stats(true) sets the times from history (deltas of its own UPDATE) before it rebuilds.
  await client.query('BEGIN');
  await insert(5, 30);
  await client.query('SELECT kmzb_backfill_stats(true)');
  await client.query('COMMIT');
  assert.equal(await read(total), 35);
  await compare('after kmzb_backfill_stats(true) in a writing transaction');

  // A new unit (unit_ancestors changes) folds what is pending first; the report after it counts in the new unit's chain.
  await client.query('BEGIN');
  await insert(3, 40);
  await client.query(toPg(INSERT_UNIT), ['kp-b1x', 'station', 'KP', 'KP', 'KP', 'X', 'kmp-b1', AREA]);
  await client.query(toPg(INSERT_REPORT), ['B000000099', 'kp-b1x', 'vandalism', 'new', 'citizen', 18, 52, null, null, null,
    Buffer.alloc(32, 1), '2025-03-03T00:00:00.000Z', '2025-03-03T00:00:00.000Z', 0]);
  await client.query('COMMIT');
  assert.equal(await read(total), 39);
  assert.equal(await read("SELECT coalesce(sum(n), 0)::int AS n FROM stats_counts WHERE unit_id = 'kp-b1x' AND period LIKE 'M%' AND dim = 'status'"), 1);
  assert.equal(await read("SELECT version::int AS n FROM map_versions WHERE unit_id = 'kp-b1x'"), 1);
  await compare('after a new unit');

  // Nothing is left in the session's delta tables after a commit or a rollback.
  await client.query('BEGIN');
  await insert(2, 50);
  await client.query('ROLLBACK');
  assert.equal(await read(total), 39);
  assert.equal(await read('SELECT ((SELECT count(*) FROM pg_temp.kmzb_stats_delta) + (SELECT count(*) FROM pg_temp.kmzb_map_delta) + (SELECT count(*) FROM pg_temp.kmzb_versions_delta))::int AS n'), 0);
  // Without a TOAST table each (their text columns are PLAIN), so the truncation at every commit stays cheap.
  assert.equal(await read(`SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('kmzb_stats_delta', 'kmzb_map_delta', 'kmzb_versions_delta')
    AND relnamespace = pg_my_temp_schema() AND relpersistence = 't' AND reltoastrelid = 0`), 3);
});

test('the baseline counts the statuses migration 020 counts, with the same windows', { skip }, () => {
  const sql = readFileSync(join(pgMigrationsDir, '001-baseline.sql'), 'utf8');
  const lists = [...sql.matchAll(/(?:RETURN p_|r\.)status IN \(([^)]*)\)/g)].map((m) => m[1]!.split(',').map((s) => s.trim().replaceAll("'", '')));
  assert.equal(lists.length, 2);
  for (const list of lists) assert.deepEqual(list, [...COUNTED_STATUSES]);
  // Migration 003's kmzb_map_counted answers the same statuses without the query.
  const deltas = readFileSync(join(pgMigrationsDir, '003-aggregate-deltas.sql'), 'utf8');
  const counted = [...deltas.matchAll(/IF p_status IN \(([^)]*)\)/g)].map((m) => m[1]!.split(',').map((x) => x.trim().replaceAll("'", '')));
  assert.deepEqual(counted, [[...COUNTED_STATUSES]]);
  const windows = [...sql.matchAll(/\('(\w+)', (\d+), kmzb_iso\(now\(\) - interval '(\d+) days'\)\)/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
  assert.deepEqual(windows, Object.entries(PUBLIC_WINDOW).filter(([, w]) => typeof w === 'number').map(([s, w]) => [s, w, w]));
});

test('constraints accept and refuse the same rows as SQLite\'s (CHECKs, GLOBs, JSON, NOCASE logins, keys)', { skip }, async (t) => {
  const defer = cleanups(t);
  const lite = openDatabase(join(tempDir(t), 'kmzb.sqlite'));
  defer(() => lite.close());
  const db = await testDatabase();
  defer(() => db.drop());
  const pool = createPgPool({ connectionString: db.url, max: 1 });
  defer(() => pool.end());
  const client = await pool.connect();
  defer(() => client.release());
  const both = new Both(lite, client);
  for (const [id, kind, acronym, parent] of UNITS.slice(0, 2)) await both.run(INSERT_UNIT, [id, kind, acronym, id, id, 'X', parent, AREA]);
  await both.run("INSERT INTO voivodeships (teryt, name) VALUES ('22', 'pomorskie')");
  await both.run("INSERT INTO powiats (teryt, name, voivodeship, boundary) VALUES ('2201', 'bytowski', '22', '{}')");

  const hash = Buffer.alloc(32, 1);
  const report = (overrides: Record<string, unknown>): [string, unknown[]] => {
    const row: Record<string, unknown> = { id: 'R000000001', unit_id: 'kwp-a', category: 'vandalism', status: 'new', source: 'citizen',
      lon: 18.5, lat: 54.3, description: null, recurrence: null, tracking_hash: hash, created_at: '2025-01-01T00:00:00.000Z',
      updated_at: '2025-01-01T00:00:00.000Z', ...overrides };
    return [`INSERT INTO reports (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`, Object.values(row)];
  };
  const unit = (id: string, area = AREA, kind = 'county', parent: string | null = 'kwp-a'): [string, unknown[]] =>
    [INSERT_UNIT, [id, kind, 'KMP', id, id, 'X', parent, area]];
  const staff = (id: string, login: string): [string, unknown[]] =>
    ['INSERT INTO staff (id, login, display_name, role, unit_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [id, login, 'Jan', 'officer', 'kwp-a', 'scrypt$x', '2025-01-01T00:00:00.000Z']];
  const config = (column: string, value: unknown): [string, unknown[]] =>
    [`INSERT INTO unit_configs (unit_id, ${column}, updated_at) VALUES ('kwp-a', ?, 'x') ON CONFLICT (unit_id) DO UPDATE SET ${column} = excluded.${column}`, [value]];
  const cases: [string, [string, unknown[]]][] = [
    ['unit id', unit('kmp-x1')], ['unit id upper case', unit('Kmp-x')], ['unit id starting with -', unit('-kmp')],
    ['unit id with _', unit('kmp_x')], ['empty unit id', unit('')], ['unit area not JSON', unit('kmp-x2', '{"type":')],
    ['unit area JSON5', unit('kmp-x3', "{type: 'Polygon'}")], ['unit area trailing comma', unit('kmp-x4', '[1,]')],
    ['unit area scalar', unit('kmp-x5', '1e5')], ['unit area with spaces', unit('kmp-x6', ' [1] ')],
    ['unit area with an escaped NUL', unit('kmp-x7', '"\\u0000"')], ['unit area with a raw tab', unit('kmp-x8', '"a\tb"')],
    ['a second national unit', unit('kgp-2', AREA, 'national', 'pl')], ['a county without parent', unit('kmp-x9', AREA, 'county', null)],
    ['voivodeship teryt', ['INSERT INTO voivodeships (teryt, name) VALUES (?, ?)', ['04', 'x']]],
    ['voivodeship teryt of 1 digit', ['INSERT INTO voivodeships (teryt, name) VALUES (?, ?)', ['4', 'x']]],
    ['voivodeship teryt with a letter', ['INSERT INTO voivodeships (teryt, name) VALUES (?, ?)', ['4a', 'x']]],
    ['powiat teryt of 5 digits', ['INSERT INTO powiats (teryt, name, voivodeship, boundary) VALUES (?, ?, ?, ?)', ['22011', 'x', '22', '{}']]],
    ['powiat of an unknown voivodeship', ['INSERT INTO powiats (teryt, name, voivodeship, boundary) VALUES (?, ?, ?, ?)', ['9901', 'x', '99', '{}']]],
    ['category code', ['INSERT INTO categories (code, position, domain, name_pl, name_en, name_uk, visibility) VALUES (?, 99, ?, ?, ?, ?, ?)', ['new_thing', 'road', 'a', 'b', 'c', 'always']]],
    ['category code with a digit', ['INSERT INTO categories (code, position, domain, name_pl, name_en, name_uk, visibility) VALUES (?, 98, ?, ?, ?, ?, ?)', ['thing2', 'road', 'a', 'b', 'c', 'always']]],
    ['category code starting with _', ['INSERT INTO categories (code, position, domain, name_pl, name_en, name_uk, visibility) VALUES (?, 97, ?, ?, ?, ?, ?)', ['_thing', 'road', 'a', 'b', 'c', 'always']]],
    ['login', staff('s1', 'Admin')], ['the same login in lower case', staff('s2', 'admin')], ['in upper case', staff('s3', 'ADMIN')],
    ['a login with É', staff('s4', 'Émile')], ['the same with é (NOCASE folds ASCII only)', staff('s5', 'émile')],
    ['a login of 1 character', staff('s6', 'a')], ['a login of 65', staff('s7', 'a'.repeat(65))], ['a login of 64 ż', staff('s8', 'ż'.repeat(64))],
    ['accent colour', config('accent_color', '#a0b1c2')], ['accent colour in upper case', config('accent_color', '#A0B1C2')],
    ['accent colour of 5 digits', config('accent_color', '#a0b1c')], ['no accent colour', config('accent_color', null)],
    ['enabled categories', config('enabled_categories', '["vandalism"]')], ['enabled categories not JSON', config('enabled_categories', '[')],
    ['time window 8', config('time_window_days', 8)], ['time window 30', config('time_window_days', 30)], ['photos 2', config('photos_enabled', 2)],
    ['default view', config('default_view', 'map')], ['unknown default view', config('default_view', 'list')],
    ['crime month 2025-13', ['INSERT INTO crime_stats (teryt, month, category, count, imported_at) VALUES (?, ?, ?, ?, ?)', ['2201', '2025-13', 'theft', 1, 'x']]],
    ['crime month 2025-1', ['INSERT INTO crime_stats (teryt, month, category, count, imported_at) VALUES (?, ?, ?, ?, ?)', ['2201', '2025-1', 'theft', 1, 'x']]],
    ['crime month 2025-20', ['INSERT INTO crime_stats (teryt, month, category, count, imported_at) VALUES (?, ?, ?, ?, ?)', ['2201', '2025-20', 'theft', 1, 'x']]],
    ['negative crime count', ['INSERT INTO crime_stats (teryt, month, category, count, imported_at) VALUES (?, ?, ?, ?, ?)', ['2201', '2025-02', 'theft', -1, 'x']]],
    ['report', report({})], ['report id taken', report({ lon: 18.6 })], ['report id of 9', report({ id: 'R00000002' })],
    ['description of 500 ż', report({ id: 'R000000003', description: 'ż'.repeat(500) })],
    ['description of 501 ż', report({ id: 'R000000004', description: 'ż'.repeat(501) })],
    ['tracking hash of 31 bytes', report({ id: 'R000000005', tracking_hash: Buffer.alloc(31) })],
    ['longitude 181', report({ id: 'R000000006', lon: 181 })], ['latitude -90', report({ id: 'R000000007', lat: -90 })],
    ['recurrence', report({ id: 'R000000008', recurrence: '{"days":["mon"]}' })], ['recurrence not JSON', report({ id: 'R000000009', recurrence: 'mon' })],
    ['unknown source', report({ id: 'R000000010', source: 'web' })], ['unknown status', report({ id: 'R000000011', status: 'closed' })],
    ['unknown category', report({ id: 'R000000012', category: 'arson' })], ['unknown unit', report({ id: 'R000000013', unit_id: 'kmp-zz' })],
    ['photo 4', ['INSERT INTO report_photos (report_id, ordinal, mime, bytes) VALUES (?, ?, ?, ?)', ['R000000001', 4, 'image/png', Buffer.alloc(1)]]],
    ['a gif', ['INSERT INTO report_photos (report_id, ordinal, mime, bytes) VALUES (?, ?, ?, ?)', ['R000000001', 1, 'image/gif', Buffer.alloc(1)]]],
    ['daily key of 33 bytes', ['INSERT INTO daily_actions (key_hash, kind, action, at) VALUES (?, ?, ?, ?)', [Buffer.alloc(33), 'device', 'report', 'x']]],
    ['unknown action', ['INSERT INTO daily_actions (key_hash, kind, action, at) VALUES (?, ?, ?, ?)', [hash, 'device', 'vote', 'x']]],
    ['audit entry', ['INSERT INTO audit_log (at, action, target_type, before) VALUES (?, ?, ?, ?)', ['x', 'a', 'unit', '{"a":1,"a":2}']]],
    ['audit target', ['INSERT INTO audit_log (at, action, target_type) VALUES (?, ?, ?)', ['x', 'a', 'photo']]],
  ];
  const outcomes: string[] = [];
  for (const [name, [sql, params]] of cases) {
    let liteOk = true;
    let pgOk = true;
    lite.exec('SAVEPOINT c');
    try { lite.prepare(sql).run(...params); } catch { liteOk = false; }
    lite.exec('RELEASE c');
    await client.query('BEGIN');
    try { await client.query(toPg(sql), params); await client.query('COMMIT'); } catch { pgOk = false; await client.query('ROLLBACK'); }
    outcomes.push(`${name}: ${liteOk ? 'accepted' : 'refused'}${pgOk === liteOk ? '' : ` by SQLite, ${pgOk ? 'accepted' : 'refused'} by PostgreSQL`}`);
  }
  t.diagnostic(outcomes.join('; '));
  assert.deepEqual(outcomes.filter((o) => o.includes('by PostgreSQL')), [], outcomes.join('\n'));
  // Both ways occur: the cases test something.
  assert.ok(outcomes.filter((o) => o.endsWith('accepted')).length >= 15 && outcomes.filter((o) => o.endsWith('refused')).length >= 30);
  // And the logins that went in are the same, in the same (NOCASE) order.
  const logins = 'SELECT login FROM staff ORDER BY login';
  assertSameRows('staff logins', both.liteRows(logins), await both.pgRows(logins));
});

test('every text column compares bytes (COLLATE "C"), whatever the database\'s collation', { skip }, async (t) => {
  const defer = cleanups(t);
  const db = await testDatabase();
  defer(() => db.drop());
  const pool = createPgPool(db.url);
  defer(() => pool.end());
  const { rows } = await pool.query(`SELECT c.relname || '.' || a.attname AS col FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND c.relname <> 'spatial_ref_sys'
    WHERE a.attnum > 0 AND NOT a.attisdropped AND a.atttypid IN ('text'::regtype, 'citext'::regtype)
      AND a.attcollation <> (SELECT oid FROM pg_collation WHERE collname = 'C' AND collnamespace = 'pg_catalog'::regnamespace)`);
  assert.deepEqual(rows, []);
  const { rows: [counted] } = await pool.query(`SELECT count(*) AS n FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.atttypid IN ('text'::regtype, 'citext'::regtype)`);
  assert.ok(counted.n > 100);
});
