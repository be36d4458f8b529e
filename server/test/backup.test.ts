import assert from 'node:assert/strict';
import { existsSync, readdirSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { ReportCreated } from '../../common/schemas/report.js';
import { buildApp } from '../app.js';
import { readMigrations } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { checkDatabaseFile } from '../ops/backup.js';
import { restoreDatabase, RestoreRefused } from '../ops/restore.js';
import { migrationsDir } from '../paths.js';
import { runCli } from './cli-helpers.js';
import { build, seededTemplate, sqliteOnly, tempDir } from './helpers.js';
import { OLSZTYN, postReport } from './report-helpers.js';

const valid = { ...OLSZTYN, category: 'illegal_parking' };
const open = { reportLimits: { perNetwork: 1_000_000, writesPerMinute: 1_000_000 } };

function reportIds(path: string): Set<string> {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return new Set((db.prepare('SELECT id FROM reports').all() as { id: string }[]).map((row) => row.id));
  } finally {
    db.close();
  }
}

test('a backup taken while reports are written holds every report acknowledged before it started, and opens and migrates', async (t) => {
  if (sqliteOnly(t, 'npm run backup copies the SQLite file (PostgreSQL is backed up with pg_dump)')) return;
  const app = await build(t, open);
  const dbPath = app.db.name;
  const copy = join(tempDir(t), 'copy.sqlite');
  const acknowledged: ReportCreated[] = [];
  let writing = true;
  let sent = 0;
  // Eight clients posting reports one after another until told to stop.
  const writers = Array.from({ length: 8 }, async (_, w) => {
    while (writing) {
      sent++;
      const response = await postReport(app, valid, { ip: `198.51.100.${w + 1}` });
      assert.equal(response.statusCode, 201, response.body);
      acknowledged.push(response.json<ReportCreated>());
    }
  });
  while (acknowledged.length < 100) await new Promise((resolve) => setTimeout(resolve, 10));

  const before = acknowledged.map((report) => report.id);
  const backup = runCli('backup-cli.ts', [copy], { KMZB_DB: dbPath });
  const result = await backup;
  const during = acknowledged.length - before.length;
  writing = false;
  await Promise.all(writers);

  assert.equal(result.code, 0, result.stderr);
  assert.ok(during > 0, 'reports were acknowledged while the backup ran');
  const printed = /(\d+) bytes \([\d.]+ MiB\), (\d+) reports, schema version (\d+), integrity ok/.exec(result.stdout);
  assert.ok(printed, result.stdout);
  const inCopy = reportIds(copy);
  for (const id of before) assert.ok(inCopy.has(id), `report ${id}, acknowledged before the backup, is in the copy`);
  assert.equal(Number(printed[2]), inCopy.size);
  assert.ok(inCopy.size <= reportIds(dbPath).size);
  assert.equal(checkDatabaseFile(copy).bytes, Number(printed[1]));
  assert.ok(!existsSync(`${copy}.partial`));
  console.log(`backup under load: ${before.length} acknowledged before, ${during} during; copy has ${inCopy.size} reports, ${printed[1]} bytes; ${sent} sent in all`);

  // The copy is a database the server runs on: opened, migrated, a tracked report readable.
  const latest = readMigrations(migrationsDir).at(-1)!.version;
  const reopened = openDatabase(copy);
  assert.equal(reopened.pragma('user_version', { simple: true }), latest);
  reopened.close();
  const restoredApp = await buildApp({ dbPath: copy, distDir: join(copy, 'none'), demoDir: join(copy, 'none') });
  t.after(() => restoredApp.close());
  const first = acknowledged[0]!;
  const read = await restoredApp.inject({ url: `/api/v1/reports/${first.id}?token=${first.trackingToken}` });
  assert.equal(read.statusCode, 200, read.body);
});

test('a backup of a missing database fails with a message and leaves no file', async (t) => {
  if (sqliteOnly(t, 'npm run backup copies the SQLite file (PostgreSQL is backed up with pg_dump)')) return;
  const dir = tempDir(t);
  const result = await runCli('backup-cli.ts', [join(dir, 'copy.sqlite')], { KMZB_DB: join(dir, 'none.sqlite') });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /There is no database at .*none\.sqlite/);
  assert.deepEqual(readdirSync(dir), []);
});

test('restore refuses while a server holds the database, then replaces it and keeps the old one aside', async (t) => {
  if (sqliteOnly(t, 'npm run restore replaces the SQLite file (PostgreSQL is restored with pg_restore)')) return;
  const dir = tempDir(t);
  const dbPath = join(dir, 'kmzb.sqlite');
  const backupPath = join(dir, 'backup.sqlite');
  copyFileSync(seededTemplate(), backupPath);
  copyFileSync(seededTemplate(), dbPath);
  const app = await buildApp({ dbPath, distDir: join(dir, 'none'), demoDir: join(dir, 'none') });
  let closed = false;
  t.after(async () => {
    if (!closed) await app.close();
  });
  const created = (await postReport(app, valid)).json<ReportCreated>();

  const refused = await runCli('restore-cli.ts', [backupPath], { KMZB_DB: dbPath });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, new RegExp(`is open in process ${process.pid}\\b.*Stop it first`));
  assert.ok(reportIds(dbPath).has(created.id), 'the live database was left alone');

  await app.close();
  closed = true;
  const restored = await runCli('restore-cli.ts', [backupPath], { KMZB_DB: dbPath });
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stdout, /restored .*backup\.sqlite into .*kmzb\.sqlite: 0 reports/);
  const aside = /kept as (\S+)/.exec(restored.stdout)?.[1];
  assert.ok(aside && existsSync(aside), restored.stdout);
  assert.ok(reportIds(aside).has(created.id), 'the old database, report included, is kept aside');
  assert.equal(reportIds(dbPath).size, 0, 'the backup is in place');
  assert.ok(!existsSync(`${dbPath}.restoring`));
});

test('restore checks the backup first: garbage, a damaged file and a newer schema are refused, nothing moved', async (t) => {
  if (sqliteOnly(t, 'npm run restore replaces the SQLite file (PostgreSQL is restored with pg_restore)')) return;
  const dir = tempDir(t);
  const dbPath = join(dir, 'kmzb.sqlite');
  copyFileSync(seededTemplate(), dbPath);
  const files = () => readdirSync(dir).sort();
  const untouched = files();

  writeFileSync(join(dir, 'garbage.sqlite'), 'this is not a database');
  await assert.rejects(restoreDatabase(join(dir, 'garbage.sqlite'), dbPath), (error: Error) =>
    error instanceof RestoreRefused && /Not restoring: .*garbage\.sqlite/.test(error.message));

  const damaged = join(dir, 'damaged.sqlite');
  copyFileSync(seededTemplate(), damaged);
  truncateSync(damaged, 64 * 1024);
  await assert.rejects(restoreDatabase(damaged, dbPath), (error: Error) => error instanceof RestoreRefused && /Not restoring/.test(error.message));

  const other = new BetterSqlite3(join(dir, 'other.sqlite'));
  other.exec('CREATE TABLE notes (id INTEGER)');
  other.close();
  await assert.rejects(restoreDatabase(join(dir, 'other.sqlite'), dbPath), /not a KMZB database/);

  const newer = join(dir, 'newer.sqlite');
  copyFileSync(seededTemplate(), newer);
  const db = new BetterSqlite3(newer);
  db.pragma('user_version = 999');
  db.close();
  await assert.rejects(restoreDatabase(newer, dbPath), /schema version 999, newer than this code knows/);

  assert.deepEqual(files(), [...untouched, 'damaged.sqlite', 'garbage.sqlite', 'newer.sqlite', 'other.sqlite'].sort());
});
