import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { after, test } from 'node:test';
import pg from 'pg';
import { readMigrations } from '../db/migrate.js';
import { pgMigrationsDir } from '../paths.js';
import { createPgPool } from '../store/postgres/pool.js';
import { createTestDatabase, localPgUnavailableReason, pgUnavailableReason, startPgCluster, stopOwnCluster, testDatabase, type PgCluster } from './pg-cluster.js';

// Databases may come from KMZB_TEST_DATABASE_URL's cluster; the tests that start clusters need local binaries.
const skip = pgUnavailableReason() ?? false;
const skipLocal = localPgUnavailableReason() ?? false;
after(stopOwnCluster);

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

test('a throwaway cluster starts with PostGIS in its database, fast settings, and stop() removes it', { skip: skipLocal }, async () => {
  // Started directly, whatever KMZB_TEST_DATABASE_URL says: this tests the helper itself.
  const cluster: PgCluster = await startPgCluster({ database: 'kmzb_cluster_test', settings: { max_connections: 40 } });
  try {
    assert.ok(existsSync(cluster.dir));
    assert.match(cluster.url, /\/kmzb_cluster_test$/);
    const [row] = await query<{ postgis: string; fsync: string; sync: string; fpw: string; conns: string; db: string }>(cluster.url,
      `SELECT postgis_lib_version() AS postgis, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync,
         current_setting('full_page_writes') AS fpw, current_setting('max_connections') AS conns, current_database() AS db`);
    assert.match(row!.postgis, /^3\./);
    assert.deepEqual([row!.fsync, row!.sync, row!.fpw, row!.conns, row!.db], ['off', 'off', 'off', '40', 'kmzb_cluster_test']);
    // The unix socket is in the cluster's folder too.
    assert.ok(existsSync(`${cluster.dir}/.s.PGSQL.${cluster.port}`));
  } finally {
    await cluster.stop();
  }
  assert.equal(existsSync(cluster.dir), false);
  assert.equal(await portOpen(cluster.port), false);
});

test('a durable cluster keeps fsync, synchronous_commit and full_page_writes on', { skip: skipLocal }, async () => {
  const cluster = await startPgCluster({ durable: true });
  try {
    const [row] = await query<{ settings: string }>(cluster.url,
      `SELECT concat_ws(',', current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')) AS settings`);
    assert.equal(row!.settings, 'on,on,on');
  } finally {
    await cluster.stop();
  }
});

test('test databases are migrated clones of the template, each its own, dropped on request', { skip }, async () => {
  const latest = readMigrations(pgMigrationsDir).at(-1)!.version;
  const first = await testDatabase();
  const second = await testDatabase();
  try {
    assert.notEqual(first.name, second.name);
    for (const db of [first, second]) {
      const [row] = await query<{ version: number; postgis: boolean; cuts: string }>(db.url,
        `SELECT (SELECT max(version) FROM schema_version) AS version,
           EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') AS postgis,
           (SELECT count(*) FROM map_cuts)::text AS cuts`);
      assert.deepEqual(row, { version: latest, postgis: true, cuts: '2' });
    }
    // A write to one is not seen in the other.
    await query(first.url, `INSERT INTO server_secrets (name, value) VALUES ('x', '\\x01')`);
    assert.equal((await query(second.url, 'SELECT * FROM server_secrets')).length, 0);
    // The store's pool reads int8 and numeric as numbers.
    const pool = createPgPool(first.url);
    try {
      const { rows } = await pool.query('SELECT count(*) AS n, sum(x) AS s, 9007199254740993::int8 AS big FROM generate_series(1, 4) x');
      assert.deepEqual(rows[0], { n: 4, s: 10, big: 9007199254740993n });
    } finally {
      await pool.end();
    }
  } finally {
    await first.drop();
    await second.drop();
  }
  const adminUrl = first.url.replace(/\/[^/]+$/, '/postgres');
  const left = await query(adminUrl, 'SELECT datname FROM pg_database WHERE datname = ANY($1)', [[first.name, second.name]]);
  assert.deepEqual(left, []);
});

test('an unmigrated test database is empty: no schema_version, no PostGIS', { skip }, async () => {
  const db = await testDatabase({ migrated: false });
  try {
    const [row] = await query<{ tables: string; postgis: boolean }>(db.url,
      `SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = 'public')::text AS tables,
         EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') AS postgis`);
    assert.deepEqual(row, { tables: '0', postgis: false });
  } finally {
    await db.drop();
  }
});

test('KMZB_TEST_DATABASE_URL names the cluster test databases go to', { skip: skipLocal }, async () => {
  const cluster = await startPgCluster();
  const saved = process.env.KMZB_TEST_DATABASE_URL;
  process.env.KMZB_TEST_DATABASE_URL = cluster.adminUrl;
  try {
    const db = await testDatabase({ migrated: false });
    assert.ok(db.url.startsWith(`postgres://postgres@127.0.0.1:${cluster.port}/`));
    await db.drop();
    // The helper's own entry point too.
    const other = await createTestDatabase(cluster.adminUrl, { migrated: false });
    await other.drop();
  } finally {
    if (saved === undefined) delete process.env.KMZB_TEST_DATABASE_URL;
    else process.env.KMZB_TEST_DATABASE_URL = saved;
    await cluster.stop();
  }
});

test('pg-cluster-cli runs one cluster for a whole run: the env file, the template, and all gone on SIGTERM', { skip: skipLocal }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-pg-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const envFile = join(dir, 'pg.env');
  const cli = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'pg-cluster-cli.ts'), '--fast', '--write-env', envFile],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KMZB_TEST_DATABASE_URL: 'postgres://ignored@127.0.0.1:1/x' } });
  let output = '';
  cli.stdout.on('data', (chunk: Buffer) => (output += chunk));
  cli.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
  t.after(() => { cli.kill('SIGKILL'); });
  for (const until = Date.now() + 60_000; !existsSync(envFile); await new Promise((r) => setTimeout(r, 100))) {
    assert.ok(Date.now() < until && cli.exitCode === null, `no env file: ${output}`);
  }
  const match = /^KMZB_TEST_DATABASE_URL=(postgres:\/\/postgres@127\.0\.0\.1:(\d+)\/postgres)\n$/.exec(readFileSync(envFile, 'utf8'));
  assert.ok(match, readFileSync(envFile, 'utf8'));
  const [, url, port] = match;
  // The template is ready before the file is written; the cluster is fast.
  const [row] = await query<{ template: boolean; fsync: string }>(url!,
    `SELECT datistemplate AS template, current_setting('fsync') AS fsync FROM pg_database WHERE datname = 'kmzb_template'`);
  assert.deepEqual(row, { template: true, fsync: 'off' });
  cli.kill('SIGTERM');
  assert.equal(await exited, 0, output);
  assert.equal(existsSync(envFile), false);
  assert.equal(await portOpen(Number(port)), false);
  const clusterDir = /cluster in (\S+),/.exec(output)?.[1];
  assert.ok(clusterDir && !existsSync(clusterDir), output);
});

test('without PostgreSQL the reason says what is missing; with KMZB_TEST_DATABASE_URL there is none', () => {
  assert.match(localPgUnavailableReason('/nonexistent/bin') ?? '', /PostgreSQL is not installed: no initdb, pg_ctl, postgres, pg_config in \/nonexistent\/bin/);
  const saved = process.env.KMZB_TEST_DATABASE_URL;
  try {
    delete process.env.KMZB_TEST_DATABASE_URL;
    assert.equal(pgUnavailableReason('/nonexistent/bin'), localPgUnavailableReason('/nonexistent/bin'));
    process.env.KMZB_TEST_DATABASE_URL = 'postgres://postgres@db.example:5432/postgres';
    assert.equal(pgUnavailableReason('/nonexistent/bin'), undefined);
  } finally {
    if (saved === undefined) delete process.env.KMZB_TEST_DATABASE_URL;
    else process.env.KMZB_TEST_DATABASE_URL = saved;
  }
});
