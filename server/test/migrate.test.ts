import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { migrate, readMigrations } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { migrationsDir } from '../paths.js';
import { sqliteOnly, tempDir, writeFiles } from './helpers.js';

function tableNames(db: BetterSqlite3.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return rows.map((row) => row.name);
}

// SQLite's migrator on its file (PostgreSQL's: pg-migrations.test.ts); the file-name rules are shared.

test('a fresh file and a reopened file end at the latest migration version', (t) => {
  if (sqliteOnly(t, 'the SQLite file and its migrations (PostgreSQL: pg-migrations.test.ts)')) return;
  const path = join(tempDir(t), 'kmzb.sqlite');
  const latest = readMigrations(migrationsDir).at(-1)!.version;
  assert.ok(latest >= 2);

  const fresh = openDatabase(path);
  const freshVersion = fresh.pragma('user_version', { simple: true });
  const freshTables = tableNames(fresh);
  fresh.close();

  const reopened = openDatabase(path);
  assert.equal(freshVersion, latest);
  assert.equal(reopened.pragma('user_version', { simple: true }), freshVersion);
  assert.deepEqual(tableNames(reopened), freshTables);
  assert.ok(freshTables.includes('units') && freshTables.includes('unit_powiats') && freshTables.includes('powiats'));
  assert.equal(reopened.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(reopened.pragma('foreign_keys', { simple: true }), 1);
  reopened.close();
});

test('a failing migration rolls back and leaves the database at the previous version', (t) => {
  if (sqliteOnly(t, "SQLite's migrator (PostgreSQL: pg-migrations.test.ts)")) return;
  const dir = tempDir(t);
  writeFiles(dir, {
    'migrations/001-places.sql': 'CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL);',
    // The first statement succeeds, the second fails: neither may stay.
    'migrations/002-broken.sql': "CREATE TABLE extra (id INTEGER);\nINSERT INTO no_such_table VALUES (1);",
  });
  const db = new BetterSqlite3(join(dir, 'kmzb.sqlite'));
  t.after(() => db.close());
  const migrations = readMigrations(join(dir, 'migrations'));

  assert.throws(() => migrate(db, migrations), /no such table: no_such_table/);
  assert.equal(db.pragma('user_version', { simple: true }), 1);
  assert.deepEqual(tableNames(db), ['places']);

  // Once fixed, the migration applies on the next start.
  writeFiles(dir, { 'migrations/002-broken.sql': 'CREATE TABLE extra (id INTEGER);' });
  assert.equal(migrate(db, readMigrations(join(dir, 'migrations'))), 2);
  assert.deepEqual(tableNames(db), ['extra', 'places']);
});

test('migration files must be numbered without gaps and well named', (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'gap/001-a.sql': 'SELECT 1;', 'gap/003-c.sql': 'SELECT 1;', 'name/1-a.sql': 'SELECT 1;' });
  assert.throws(() => readMigrations(join(dir, 'gap')), /without gaps/);
  assert.throws(() => readMigrations(join(dir, 'name')), /001-name\.sql/);
});

test('a database newer than the code is refused', (t) => {
  if (sqliteOnly(t, "SQLite's user_version (PostgreSQL: pg-migrations.test.ts)")) return;
  const db = new BetterSqlite3(join(tempDir(t), 'kmzb.sqlite'));
  t.after(() => db.close());
  db.pragma('user_version = 99');
  assert.throws(() => migrate(db, readMigrations(migrationsDir)), /newer than this code knows/);
});
