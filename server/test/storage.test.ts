import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { build, tempDir } from './helpers.js';
import { OLSZTYN, postReport } from './report-helpers.js';

/** Caps the database file at its current size, so SQLite itself answers SQLITE_FULL on growth. */
function fillDisk(app: FastifyInstance): void {
  const pages = app.db.pragma('page_count', { simple: true }) as number;
  app.db.pragma(`max_page_count = ${pages}`);
}

function freeDisk(app: FastifyInstance): void {
  app.db.pragma('max_page_count = 4294967294');
}

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
  const before = app.reports.count();
  fillDisk(app);
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
  assert.match(degraded.detail, /^SQLITE_FULL/);
  assert.ok(Date.parse(degraded.since) <= Date.now());
  // Reads still work meanwhile.
  assert.equal((await app.inject('/api/v1/units/kmp-olsztyn')).statusCode, 200);

  freeDisk(app);
  const next = await postReport(app, { ...OLSZTYN, category: 'vandalism' }, { ip: '10.10.0.1' });
  assert.equal(next.statusCode, 201, next.body);
  assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok' });
  assert.equal(app.reports.count(), before + accepted.length + 1, 'every acknowledged report is stored, the refused one is not');
});

test('a full disk under Open311 POST: 503 in the Open311 error format with Retry-After', async (t) => {
  const app = await build(t);
  fillDisk(app);
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
