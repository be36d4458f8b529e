import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { buildApp } from '../app.js';
import { migrate, readMigrations } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { seedIfEmpty } from '../db/seed.js';
import { migrationsDir } from '../paths.js';
import { hashTrackingToken } from '../reports/ids.js';
import { loadShippedData } from '../shipped-data.js';
import { hashPassword } from '../staff/passwords.js';
import { runCli } from './cli-helpers.js';
import { seededTemplate, sqliteOnly, tempDir } from './helpers.js';
import { SAME_ORIGIN } from './staff-helpers.js';

/**
 * The release before statistics (commit e26df6f^) shipped migrations 001-014; none of those
 * files has changed since (each has one commit in git log), so running the first 14 of today's
 * files builds exactly the schema such an installation has.
 */
const PREVIOUS_RELEASE = 14;

interface OldReport {
  id: string;
  token: string;
  status: string;
  createdAt: string;
}

/** A database of the previous release with what an installation has in it after some use. */
function previousReleaseDatabase(path: string): { reports: OldReport[]; password: Promise<string> } {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, readMigrations(migrationsDir).slice(0, PREVIOUS_RELEASE));
  seedIfEmpty(db, () => loadShippedData());
  const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9)).toISOString();
  const reports: OldReport[] = [
    { id: 'AAAAAAAAA1', token: 'old-token-one'.padEnd(43, 'x'), status: 'new', createdAt: day(2) },
    { id: 'AAAAAAAAA2', token: 'old-token-two'.padEnd(43, 'x'), status: 'confirmed', createdAt: day(3) },
    { id: 'AAAAAAAAA3', token: 'old-token-three'.padEnd(43, 'x'), status: 'eliminated', createdAt: day(4) },
  ];
  const insert = db.prepare(`INSERT INTO reports (id, unit_id, category, status, lon, lat, description, tracking_hash, created_at, updated_at, confirmations)
    VALUES (?, 'kmp-olsztyn', 'illegal_parking', ?, 20.4801, 53.7784, 'stare zgłoszenie', ?, ?, ?, ?)`);
  const history = db.prepare('INSERT INTO report_history (report_id, at, status, public_note) VALUES (?, ?, ?, ?)');
  for (const [i, r] of reports.entries()) {
    insert.run(r.id, r.status, hashTrackingToken(r.token), r.createdAt, r.createdAt, i);
    history.run(r.id, r.createdAt, 'new', null);
    if (r.status !== 'new') history.run(r.id, day(10 + i), r.status, `Sprawdzone: ${r.status}`);
  }
  db.prepare("INSERT INTO confirmations (report_id, at, device_hash) VALUES ('AAAAAAAAA2', ?, zeroblob(32))").run(day(5));
  const password = hashPassword('an old admin password').then((hash) => {
    const staff = new BetterSqlite3(path);
    staff.prepare("INSERT INTO staff (id, login, display_name, role, unit_id, password_hash, created_at) VALUES ('staff-old-1', 'stary', 'Stary Admin', 'admin', 'kwp-olsztyn', ?, ?)")
      .run(hash, day(1));
    staff.close();
    return hash;
  });
  db.close();
  return { reports, password };
}

test('a database of the previous release, with data, is copied aside and migrated: reports, history, statistics and staff survive', async (t) => {
  if (sqliteOnly(t, "SQLite's migrations and the copy of the file taken before them")) return;
  const dir = tempDir(t);
  const path = join(dir, 'kmzb.sqlite');
  const { reports, password } = previousReleaseDatabase(path);
  await password;
  const latest = readMigrations(migrationsDir).at(-1)!.version;
  assert.ok(latest > PREVIOUS_RELEASE);

  const app = await buildApp({ dbPath: path, distDir: join(dir, 'none'), demoDir: join(dir, 'none') });
  t.after(() => app.close());
  assert.equal(app.db.pragma('user_version', { simple: true }), latest);

  // The copy next to it is the database as the previous release left it.
  const copies = readdirSync(dir).filter((file) => file.startsWith(`kmzb.sqlite.pre-migration-v${PREVIOUS_RELEASE}-`));
  assert.equal(copies.length, 1, readdirSync(dir).join(', '));
  const copy = new BetterSqlite3(join(dir, copies[0]!), { readonly: true });
  assert.equal(copy.pragma('user_version', { simple: true }), PREVIOUS_RELEASE);
  assert.equal((copy.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n, 3);
  copy.close();

  for (const r of reports) {
    const read = await app.inject({ url: `/api/v1/reports/${r.id}?token=${r.token}` });
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json<{ status: string }>().status, r.status);
  }
  const confirmed = await app.inject({ url: '/api/v1/reports/AAAAAAAAA2?token=' + reports[1]!.token });
  assert.equal(confirmed.json<{ confirmations: number }>().confirmations, 1);
  // Migration 015 filled the statistics from the old rows.
  const stats = await app.inject({ url: '/api/v1/stats?unit=kmp-olsztyn&from=2026-11-01&to=2026-11-30' });
  assert.equal(stats.statusCode, 200, stats.body);
  const body = stats.json<{ total: number; byStatus: { key: string; count: number | null }[] }>();
  assert.equal(body.total, 3);
  assert.equal(body.byStatus.find((cell) => cell.key === 'confirmed')?.count, 1);
  // The old admin logs in with the old password hash.
  const login = await app.inject({
    method: 'POST', url: '/api/v1/staff/session', headers: { origin: SAME_ORIGIN }, payload: { login: 'stary', password: 'an old admin password' },
  });
  assert.equal(login.statusCode, 200, login.body);
});

test('a new file and a file already at the latest version are not copied', (t) => {
  if (sqliteOnly(t, "SQLite's migrations and the copy of the file taken before them")) return;
  const dir = tempDir(t);
  const fresh = join(dir, 'fresh.sqlite');
  openDatabase(fresh).close();
  openDatabase(fresh).close();
  const current = join(dir, 'current.sqlite');
  copyFileSync(seededTemplate(), current);
  openDatabase(current).close();
  assert.deepEqual(readdirSync(dir).filter((file) => file.includes('pre-migration')), []);
});

test('a downgrade refuses to start: the server says the database is newer and how to get back, and leaves the file alone', async (t) => {
  if (sqliteOnly(t, "SQLite's schema version (user_version) of the file")) return;
  const dir = tempDir(t);
  mkdirSync(join(dir, 'var'));
  const path = join(dir, 'var', 'kmzb.sqlite');
  copyFileSync(seededTemplate(), path);
  const db = new BetterSqlite3(path);
  db.pragma('user_version = 999');
  db.close();
  const latest = readMigrations(migrationsDir).at(-1)!.version;

  const result = await runCli('server.ts', [], { KMZB_DB: path, PORT: '0', HOST: '127.0.0.1', KMZB_DEMO: '0', LOG_LEVEL: 'silent' });
  assert.equal(result.code, 1);
  assert.match(result.stderr, new RegExp(`^kmzb: The database .*kmzb\\.sqlite is at schema version 999, newer than this code knows \\(${latest}\\)`));
  assert.match(result.stderr, /start that release again, or restore the backup taken before the upgrade/);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
  const after = new BetterSqlite3(path, { readonly: true });
  assert.equal(after.pragma('user_version', { simple: true }), 999);
  after.close();
  assert.deepEqual(readdirSync(join(dir, 'var')).filter((file) => file.includes('pre-migration')), []);
});
