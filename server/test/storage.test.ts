import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { RETRY_AFTER_SECONDS, storageFailureOf } from '../http/storage-errors.js';
import { build, sqliteOnly, tempDir, TEST_STORE } from './helpers.js';
import { OLSZTYN, postReport } from './report-helpers.js';
import { sqlOf } from './test-sql.js';

/**
 * Makes the disk full for the database's writes after `room` more reports. SQLite: caps the
 * file at its current size, so SQLite itself answers SQLITE_FULL on growth (the reports that
 * still fit its free pages go in first). PostgreSQL: a trigger answers what the server answers
 * when it cannot extend a file (SQLSTATE 53100 disk_full) once `room` more reports are in.
 */
async function fillDisk(app: FastifyInstance, room = 5): Promise<void> {
  if (TEST_STORE === 'sqlite') {
    const pages = app.db.pragma('page_count', { simple: true }) as number;
    app.db.pragma(`max_page_count = ${pages}`);
    return;
  }
  const sql = sqlOf(app);
  const limit = Number(await sql.value('SELECT count(*) FROM reports')) + room;
  await sql.run(`CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (SELECT count(*) FROM reports) >= ${limit} THEN
        RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device' USING ERRCODE = 'disk_full';
      END IF;
      RETURN NEW;
    END $$`);
  await sql.run('CREATE TRIGGER test_disk_full BEFORE INSERT ON reports FOR EACH ROW EXECUTE FUNCTION test_disk_full()');
}

async function freeDisk(app: FastifyInstance): Promise<void> {
  if (TEST_STORE === 'sqlite') app.db.pragma('max_page_count = 4294967294');
  else await sqlOf(app).run('DROP TRIGGER test_disk_full ON reports');
}

/** The storage error /healthz names for a full disk. */
const FULL = TEST_STORE === 'sqlite' ? /^SQLITE_FULL/ : /^disk_full$/;

/** Posts reports (each from its own network, past the daily rule) until one is refused; returns the ids accepted. */
async function postUntilRefused(app: FastifyInstance): Promise<{ accepted: string[]; refused: Awaited<ReturnType<typeof postReport>> }> {
  const accepted: string[] = [];
  for (let i = 0; i < 500; i++) {
    const response = await postReport(app, { ...OLSZTYN, category: 'vandalism', description: 'x'.repeat(400) }, { ip: `10.9.${i >> 8}.${i & 255}` });
    if (response.statusCode !== 201) return { accepted, refused: response };
    accepted.push(response.json<{ id: string }>().id);
  }
  throw new Error('500 reports fitted in a full database');
}

test('a full disk: 503 STORAGE_UNAVAILABLE with Retry-After, /healthz degraded until a write succeeds, nothing acknowledged lost', async (t) => {
  const app = await build(t);
  assert.equal((await app.inject('/healthz')).statusCode, 200);
  const before = await app.store.reports.count();
  await fillDisk(app);
  const { accepted, refused } = await postUntilRefused(app);
  assert.equal(refused.statusCode, 503, refused.body);
  assert.deepEqual(refused.json(), {
    statusCode: 503, code: 'STORAGE_UNAVAILABLE', error: 'Service Unavailable',
    message: 'The server cannot store anything at the moment; nothing was saved. Please try again later.',
  });
  assert.equal(refused.headers['retry-after'], '30');

  const health = await app.inject('/healthz');
  assert.equal(health.statusCode, 503);
  const degraded = health.json<{ status: string; reason: string; detail: string; since: string }>();
  assert.equal(degraded.status, 'degraded');
  assert.equal(degraded.reason, 'STORAGE_UNAVAILABLE');
  assert.match(degraded.detail, FULL);
  assert.ok(Date.parse(degraded.since) <= Date.now());
  // Reads still work meanwhile.
  assert.equal((await app.inject('/api/v1/units/kmp-olsztyn')).statusCode, 200);

  await freeDisk(app);
  const next = await postReport(app, { ...OLSZTYN, category: 'vandalism' }, { ip: '10.10.0.1' });
  assert.equal(next.statusCode, 201, next.body);
  assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok' });
  assert.equal(await app.store.reports.count(), before + accepted.length + 1, 'every acknowledged report is stored, the refused one is not');
});

test('a full disk under Open311 POST: 503 in the Open311 error format with Retry-After', async (t) => {
  const app = await build(t);
  await fillDisk(app, 0);
  await postUntilRefused(app);
  const form = new URLSearchParams({ service_code: 'vandalism', lat: String(OLSZTYN.lat), long: String(OLSZTYN.lon), device_id: 'open311-device-0001' });
  const response = await app.inject({
    method: 'POST', url: '/open311/v2/requests.json', remoteAddress: '10.20.0.1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString(),
  });
  assert.equal(response.statusCode, 503, response.body);
  assert.equal(response.headers['retry-after'], '30');
  assert.match(response.json<{ description: string }[]>()[0]!.description, /^STORAGE_UNAVAILABLE: /);
});

test('a database locked by another writer past the busy timeout: 503 with a short Retry-After', async (t) => {
  if (sqliteOnly(t, "SQLite's busy_timeout on the file's write lock (PostgreSQL's units wait on their advisory lock with no timeout)")) return;
  const app = await build(t);
  app.db.pragma('busy_timeout = 0');
  const other = new BetterSqlite3(app.db.name);
  t.after(() => other.close());
  other.exec('BEGIN IMMEDIATE');
  const response = await postReport(app, { ...OLSZTYN, category: 'vandalism' });
  other.exec('ROLLBACK');
  assert.equal(response.statusCode, 503, response.body);
  assert.equal(response.json<{ code: string }>().code, 'STORAGE_UNAVAILABLE');
  assert.equal(response.headers['retry-after'], '5');
  assert.equal((await app.inject('/healthz')).json<{ detail: string }>().detail, 'SQLITE_BUSY');
});

test('a database that cannot be opened stops the start with one line naming it, no stack trace', async (t) => {
  if (sqliteOnly(t, 'the SQLite file of KMZB_DB')) return;
  const dir = tempDir(t);
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  mkdirSync(join(dir, 'a-folder.sqlite'));
  writeFileSync(join(dir, 'junk.sqlite'), 'not a database '.repeat(20));
  const cases = [
    [join(file, 'sub', 'kmzb.sqlite'), /ENOTDIR/], // its folder cannot be created
    [join(dir, 'a-folder.sqlite'), /SQLITE_CANTOPEN/], // the path is a folder
    [join(dir, 'junk.sqlite'), /SQLITE_NOTADB/], // not a database
  ] as const;
  const run = promisify(execFile);
  for (const [path, reason] of cases) {
    const env = { ...process.env, KMZB_DB: path, KMZB_DEMO: '0', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    await assert.rejects(run(process.execPath, ['--import', 'tsx', 'server/server.ts'], { env, timeout: 60_000 }), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1, path);
      const lines = error.stderr.trim().split('\n');
      assert.equal(lines.length, 1, error.stderr);
      assert.ok(lines[0]!.startsWith(`kmzb: cannot open the database ${path} (KMZB_DB): `), lines[0]);
      assert.match(lines[0]!, reason);
      assert.doesNotMatch(error.stderr, /\n\s+at /);
      return true;
    });
  }
});

test("storage failures by their codes: SQLite's, the system's and PostgreSQL's SQLSTATEs; anything else is not one", () => {
  const { storage, contention } = RETRY_AFTER_SECONDS;
  const cases: [string, { code: string; retryAfterSeconds: number } | undefined][] = [
    ['SQLITE_FULL', { code: 'SQLITE_FULL', retryAfterSeconds: storage }],
    ['SQLITE_IOERR_WRITE', { code: 'SQLITE_IOERR_WRITE', retryAfterSeconds: storage }],
    ['SQLITE_BUSY', { code: 'SQLITE_BUSY', retryAfterSeconds: contention }],
    ['ENOSPC', { code: 'ENOSPC', retryAfterSeconds: storage }],
    ['53100', { code: 'disk_full', retryAfterSeconds: storage }],
    ['58030', { code: 'io_error', retryAfterSeconds: storage }],
    ['25006', { code: 'read_only_sql_transaction', retryAfterSeconds: storage }],
    ['53300', { code: 'too_many_connections', retryAfterSeconds: contention }],
    ['SQLITE_CONSTRAINT_UNIQUE', undefined],
    ['23505', undefined], // unique_violation: a bug, not the storage
    ['42P01', undefined],
  ];
  for (const [code, expected] of cases) assert.deepEqual(storageFailureOf(Object.assign(new Error('x'), { code })), expected, code);
  assert.equal(storageFailureOf(new Error('no code')), undefined);
});
