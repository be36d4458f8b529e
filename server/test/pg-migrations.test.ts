/**
 * The PostgreSQL migration runner (server/store/postgres/migrate.ts) on test databases: two
 * instances migrating at once (the advisory lock), a lock held too long, a database newer than
 * the code, a failing migration rolled back whole.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { SchemaTooNewError as SqliteSchemaTooNewError, readMigrations } from '../db/migrate.js';
import { pgMigrationsDir } from '../paths.js';
import { MIGRATION_LOCK, MigrationError, SchemaTooNewError, migratePostgres } from '../store/postgres/migrate.js';
import { createPgPool } from '../store/postgres/pool.js';
import { cleanups } from './helpers.js';
import { pgUnavailableReason, stopOwnCluster, testDatabase } from './pg-cluster.js';

const skip = pgUnavailableReason() ?? false;
after(stopOwnCluster);

test('two instances migrating at once: one migrates, the other waits and finds nothing to do', { skip }, async (t) => {
  const defer = cleanups(t);
  const db = await testDatabase({ migrated: false });
  defer(() => db.drop());
  const shipped = readMigrations(pgMigrationsDir);
  const latest = shipped.at(-1)!.version;
  const holder = new pg.Client({ connectionString: db.url });
  await holder.connect();
  defer(() => holder.end());
  // A third session holds the lock: neither instance may start before it lets go.
  await holder.query('SELECT pg_advisory_lock($1, $2)', [MIGRATION_LOCK.classId, MIGRATION_LOCK.objectId]);
  const pools = [createPgPool(db.url), createPgPool(db.url)];
  defer(() => Promise.all(pools.map((p) => p.end())));
  const runs = pools.map((p) => migratePostgres(p));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const waiting = await holder.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
  assert.equal(waiting.rows[0]!.n, 2, 'both instances wait for the lock');
  assert.equal((await holder.query(`SELECT to_regclass('schema_version') AS t`)).rows[0].t, null);
  await holder.query('SELECT pg_advisory_unlock($1, $2)', [MIGRATION_LOCK.classId, MIGRATION_LOCK.objectId]);
  assert.deepEqual(await Promise.all(runs), [latest, latest]);
  const { rows } = await holder.query<{ version: number; name: string }>('SELECT version, name FROM schema_version ORDER BY version');
  // Every shipped migration applied once, by one of the two: 001-baseline, then the later ones.
  assert.deepEqual(rows[0], { version: 1, name: 'baseline' });
  assert.deepEqual(rows, shipped.map(({ version, name }) => ({ version, name })));
  // And once more, concurrently, on the migrated database: nothing to do, no error.
  assert.deepEqual(await Promise.all(pools.map((p) => migratePostgres(p))), [latest, latest]);
  // The lock is released: a session can take it at once.
  assert.equal((await holder.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [MIGRATION_LOCK.classId, MIGRATION_LOCK.objectId])).rows[0].ok, true);
  await holder.query('SELECT pg_advisory_unlock_all()');
});

test('waiting longer than lockTimeoutMs for the lock is MIGRATION_LOCK_TIMEOUT', { skip }, async (t) => {
  const defer = cleanups(t);
  const db = await testDatabase({ migrated: false });
  defer(() => db.drop());
  const holder = new pg.Client({ connectionString: db.url });
  await holder.connect();
  defer(() => holder.end());
  await holder.query('SELECT pg_advisory_lock($1, $2)', [MIGRATION_LOCK.classId, MIGRATION_LOCK.objectId]);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  defer(() => client.end());
  await assert.rejects(migratePostgres(client, { lockTimeoutMs: 200 }),
    (error: unknown) => error instanceof MigrationError && error.code === 'MIGRATION_LOCK_TIMEOUT');
  // The session's own lock_timeout is back.
  assert.equal((await client.query(`SELECT current_setting('lock_timeout') AS v`)).rows[0].v, '0');
});

test('a database newer than the code is refused with SchemaTooNewError (SCHEMA_TOO_NEW)', { skip }, async (t) => {
  const defer = cleanups(t);
  const db = await testDatabase();
  defer(() => db.drop());
  const pool = createPgPool(db.url);
  defer(() => pool.end());
  await pool.query(`INSERT INTO schema_version (version, name) VALUES (99, 'from-the-future')`);
  await assert.rejects(migratePostgres(pool), (error: unknown) => {
    assert.ok(error instanceof SchemaTooNewError);
    // The same class as SQLite's, so server.ts reports either store's refusal alike.
    assert.ok(error instanceof SqliteSchemaTooNewError);
    assert.equal(error.code, 'SCHEMA_TOO_NEW');
    const latest = readMigrations(pgMigrationsDir).at(-1)!.version;
    assert.ok(error.message.includes(`schema version 99, newer than this code knows (${latest})`), error.message);
    return true;
  });
  // Nothing was changed and the lock was let go.
  assert.equal((await pool.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [MIGRATION_LOCK.classId, MIGRATION_LOCK.objectId])).rows[0].ok, true);
});

test('a failing migration is rolled back whole: MIGRATION_FAILED with its SQLSTATE, the database at the previous version', { skip }, async (t) => {
  const defer = cleanups(t);
  const db = await testDatabase({ migrated: false });
  defer(() => db.drop());
  const pool = createPgPool(db.url);
  defer(() => pool.end());
  const migrations = [
    { version: 1, name: 'places', sql: 'CREATE TABLE places (id integer PRIMARY KEY);' },
    { version: 2, name: 'broken', sql: 'CREATE TABLE extra (id integer);\nINSERT INTO no_such_table VALUES (1);' },
  ];
  let told: [number, number] | undefined;
  await assert.rejects(migratePostgres(pool, { migrations }), (error: unknown) => {
    assert.ok(error instanceof MigrationError);
    assert.equal(error.code, 'MIGRATION_FAILED');
    assert.equal(error.version, 2);
    assert.equal((error.cause as { code?: string }).code, '42P01');
    assert.match(error.message, /002-broken failed and was rolled back \(SQLSTATE 42P01\): relation "no_such_table" does not exist/);
    return true;
  });
  const tables = async () => (await pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.tablename);
  assert.deepEqual(await tables(), ['places', 'schema_version']);
  // Fixed, it applies on the next start; beforeMigrating hears of the upgrade first.
  migrations[1]!.sql = 'CREATE TABLE extra (id integer);';
  assert.equal(await migratePostgres(pool, { migrations, beforeMigrating: (from, to) => { told = [from, to]; } }), 2);
  assert.deepEqual(told, [1, 2]);
  assert.deepEqual(await tables(), ['extra', 'places', 'schema_version']);
});
