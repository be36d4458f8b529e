/**
 * The migration copies the derived aggregates (stats_counts, map_cells, map_national,
 * map_versions, unit_ancestors) as SQLite's triggers left them, with PostgreSQL's triggers off
 * (server/ops/migrate-store/tables.ts says why). This test holds that to the definition: the
 * same writes go through the store port to a SQLite file and to a PostgreSQL reference
 * database, whose own triggers make its aggregates; the SQLite file is then migrated into a
 * third, empty database, whose aggregates must equal the reference's row for row, rows whose
 * count fell to 0 and updated_max included. A rebuild from the reports would not give them.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openDatabase } from '../db/open.js';
import { sqliteStore } from '../db/sqlite-store.js';
import { copySqliteToPostgres } from '../ops/migrate-store/copy.js';
import { loadShippedData } from '../shipped-data.js';
import type { Status } from '../../common/catalogue.js';
import type { Store } from '../store/store.js';
import { pgSeedIfEmpty } from '../store/postgres/pg-seed.js';
import { pgStore } from '../store/postgres/pg-store.js';
import { createPgPool } from '../store/postgres/pool.js';
import { mulberry32 as random } from '../demo/random.js';
import { seededTemplate, tempDir } from './helpers.js';
import { assertSameRows } from './migrate-store-compare.js';
import { pgUnavailableReason, stopOwnCluster, testDatabase } from './pg-cluster.js';

const skip = pgUnavailableReason() ?? false;
after(stopOwnCluster);

const AGGREGATES = {
  stats_counts: 'SELECT unit_id, period, dim, key, n FROM stats_counts ORDER BY 1, 2, 3, 4',
  map_cells: 'SELECT period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max FROM map_cells ORDER BY 1, 2, 3, 4, 5, 6',
  map_national: 'SELECT period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max FROM map_national ORDER BY 1, 2, 3, 4, 5',
  map_versions: 'SELECT unit_id, version FROM map_versions ORDER BY 1',
  unit_ancestors: 'SELECT unit_id, ancestor_id FROM unit_ancestors ORDER BY 1, 2',
  map_cuts: 'SELECT status, window_days, cut FROM map_cuts ORDER BY 1',
  report_times: 'SELECT id, first_verified_at, closed_at, version, confirmations, duplicate_of FROM reports ORDER BY id',
} as const;

/** Both windowed statuses' cuts at one fixed time on both stores (the migrations set them at "now"). */
const CUT = '2025-01-01T00:00:00.000Z';

const UNITS = ['kmp-olsztyn', 'kpp-wejherowo', 'kmp-gdansk', 'ksp', 'kmp-krakow', 'kwp-olsztyn', 'pl'];
const CATEGORIES = ['illegal_parking', 'vandalism', 'speeding', 'drug_use', 'dangerous_entertainment', 'stray_dogs'];
/** Moves the staff console allows, from each status. */
const NEXT: Partial<Record<Status, Status[]>> = {
  new: ['verifying', 'hidden'],
  verifying: ['confirmed', 'not_confirmed', 'prank', 'hidden'],
  confirmed: ['eliminated', 'forwarded', 'hidden', 'verifying'],
  eliminated: ['verifying'],
  not_confirmed: ['verifying'],
  forwarded: ['hidden'],
  hidden: ['verifying'],
};

interface Model {
  id: string;
  status: Status;
  version: number;
  at: number;
}

/** The same writes on one store: reports over ten years, status moves, confirmations, duplicates. */
async function write(store: Store): Promise<void> {
  const rnd = random(16);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const reports: Model[] = [];
  for (let i = 0; i < 160; i++) {
    const at = Date.parse('2016-03-01T00:00:00Z') + Math.floor(rnd() * (Date.parse('2025-06-01T00:00:00Z') - Date.parse('2016-03-01T00:00:00Z')));
    const id = `AGG${String(i).padStart(7, '0')}`;
    await store.unit((tx) => tx.reports.insert({
      id, unitId: pick(UNITS), category: pick(CATEGORIES), lon: 14.2 + rnd() * 9.8, lat: 49.1 + rnd() * 5.6,
      trackingHash: Buffer.alloc(32, i), createdAt: new Date(at).toISOString(), source: pick(['citizen', 'debate', 'contact', 'police'] as const),
    }));
    reports.push({ id, status: 'new', version: 1, at });
  }
  for (let step = 0; step < 400; step++) {
    const report = pick(reports);
    const status = pick(NEXT[report.status] ?? []);
    if (!status) continue;
    // Hours, days or months later: every duration bucket; some changes after the cut, some before.
    report.at += Math.floor(rnd() * pick([3_600_000, 5 * 86_400_000, 200 * 86_400_000]));
    const at = new Date(report.at).toISOString();
    const changed = await store.unit((tx) => tx.staffReports.changeStatus(report.id, report.version, status, at, 'staff-1', rnd() < 0.5 ? 'Notatka' : undefined));
    assert.ok(changed);
    report.status = status;
    report.version++;
  }
  for (let i = 0; i < 30; i++) {
    const report = pick(reports);
    await store.unit((tx) => tx.reports.confirm(report.id, new Date(report.at).toISOString(), Buffer.alloc(32, i + 7)));
  }
  for (let i = 0; i < 5; i++) {
    const [duplicate, original] = [reports[10 + i]!, reports[100 + i]!];
    if (duplicate.status === 'hidden') continue;
    const moved = (await store.reports.find(duplicate.id))!.confirmations;
    assert.ok(await store.unit((tx) => tx.staffReports.linkDuplicate(duplicate.id, duplicate.version, original.id, moved, new Date(duplicate.at + 1000).toISOString(), 'staff-1', undefined, 'Duplikat')));
    duplicate.status = 'hidden';
    duplicate.version++;
  }
}

test('the copied aggregates equal those PostgreSQL\'s own triggers make from the same writes, zero rows and updated_max included', { skip }, async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'kmzb.sqlite');
  copyFileSync(seededTemplate(), path);
  const lite = openDatabase(path);
  lite.prepare('UPDATE map_cuts SET cut = ?').run(CUT);
  const referenceDb = await testDatabase();
  const targetDb = await testDatabase();
  const reference = createPgPool({ connectionString: referenceDb.url, max: 4 });
  const target = createPgPool({ connectionString: targetDb.url, max: 3 });
  t.after(async () => {
    await reference.end();
    await target.end();
    await referenceDb.drop();
    await targetDb.drop();
  });
  await pgSeedIfEmpty(reference, () => loadShippedData());
  await reference.query('UPDATE map_cuts SET cut = $1', [CUT]);

  const sqlite = sqliteStore(lite);
  await write(sqlite);
  await sqlite.drain();
  lite.close();
  const pgReference = pgStore(reference);
  await write(pgReference);
  await pgReference.drain();

  await copySqliteToPostgres(path, target);
  for (const [name, sql] of Object.entries(AGGREGATES)) {
    const expected = (await reference.query({ text: sql, rowMode: 'array' })).rows;
    const actual = (await target.query({ text: sql, rowMode: 'array' })).rows;
    assert.ok(expected.length > 0, name);
    assertSameRows(name, expected, actual, ['the trigger-made reference', 'the copy']);
  }
  // What a rebuild from the reports could not give back: counts that fell to 0, maxima of changes gone.
  const zero = Number((await target.query(`SELECT count(*) AS n FROM stats_counts WHERE n = 0`)).rows[0].n);
  const stale = Number((await target.query(`SELECT count(*) AS n FROM map_cells WHERE n = 0`)).rows[0].n);
  assert.ok(zero > 0 && stale > 0, `rows at 0: ${zero} in stats_counts, ${stale} in map_cells`);
  // And the triggers are on again: a write after the migration moves the aggregates.
  const before = Number((await target.query(`SELECT n FROM stats_counts WHERE unit_id = 'pl' AND period = 'M2025-05' AND dim = 'status' AND key = 'new'`)).rows[0]?.n ?? 0);
  await pgStore(target).unit((tx) => tx.reports.insert({
    id: 'AFTERMIGR1', unitId: 'kmp-olsztyn', category: 'vandalism', lon: 20.48, lat: 53.77, trackingHash: Buffer.alloc(32, 1), createdAt: '2025-05-05T12:00:00.000Z',
  }));
  const afterInsert = Number((await target.query(`SELECT n FROM stats_counts WHERE unit_id = 'pl' AND period = 'M2025-05' AND dim = 'status' AND key = 'new'`)).rows[0].n);
  assert.equal(afterInsert, before + 1);
});
