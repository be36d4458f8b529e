/**
 * Throwaway PostgreSQL clusters and databases for tests.
 *
 * - startPgCluster(): initdb into a temporary folder and start a server on a free port
 *   (TCP on 127.0.0.1, its unix socket in the same folder), optionally with the durability
 *   settings off (fsync, synchronous_commit, full_page_writes), a database and PostGIS in it.
 * - createTestDatabase(adminUrl): a fresh database per test, cloned from `kmzb_template` (the
 *   PostgreSQL store's migrations applied once per cluster and migration set): a clone takes
 *   tens of milliseconds where migrating takes seconds.
 * - testDatabase(): that, on the cluster KMZB_TEST_DATABASE_URL names (one started once for
 *   a whole run, e.g. by CI with pg-cluster-cli.ts), or else on a cluster of this process's own.
 * - pgUnavailableReason(): why PostgreSQL tests cannot run here (binaries or PostGIS missing);
 *   tests skip with it, and only then.
 *
 * initdb refuses to run as root: as root, the cluster runs as the `postgres` system user
 * (KMZB_PG_USER to name another), which Debian's packages create.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, appendFileSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { dataDir, pgMigrationsDir } from '../paths.js';
import { loadShippedData } from '../shipped-data.js';
import { migratePostgres } from '../store/postgres/migrate.js';
import { pgSeedIfEmpty } from '../store/postgres/pg-seed.js';
import { createPgPool } from '../store/postgres/pool.js';

const run = promisify(execFile);

/** Debian's PostgreSQL 15; KMZB_PG_BIN names another folder with initdb, pg_ctl, postgres and pg_config. */
export const DEFAULT_PG_BIN = process.env.KMZB_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** The database every test database is cloned from (per cluster; rebuilt when the migrations change). */
export const TEMPLATE_DATABASE = 'kmzb_template';

/** The advisory lock (on the admin database) under which the template is built (exclusive) or cloned (shared). */
const TEMPLATE_LOCK = [0x4b4d5a42, 2] as const;

export interface PgClusterOptions {
  /** Keep fsync, synchronous_commit and full_page_writes on (default: off, as tests want). */
  durable?: boolean;
  /** A database to create, with PostGIS in it (default: none; `url` is then the admin database's). */
  database?: string;
  /** More postgresql.conf settings, e.g. { max_connections: 200 }. */
  settings?: Record<string, string | number | boolean>;
  binDir?: string;
  /**
   * Start a streaming-replication standby of this cluster instead of a new one: its data
   * directory is a base backup of the primary (pg_basebackup -R), and it follows the primary's
   * WAL read-only until promote().
   */
  standbyOf?: PgCluster;
}

export interface PgCluster {
  /** The `database`'s URL (or the admin database's when none was asked for). */
  url: string;
  /** The `postgres` database's URL, as the superuser `postgres`: for creating databases. */
  adminUrl: string;
  port: number;
  /** The temporary folder: data directory, log and unix socket. Removed by stop(). */
  dir: string;
  stop(): Promise<void>;
  /** Stops the server at once, as a crash would (pg_ctl stop -m immediate: no checkpoint), keeping its folder until stop(). */
  crash(): Promise<void>;
  /** A standby: leave recovery and accept writes (pg_ctl promote). */
  promote(): Promise<void>;
}

interface RunAs {
  uid: number;
  gid: number;
  user: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Who the server runs as: this process, or (as root) the postgres system user. */
function runAs(): RunAs | undefined | string {
  if (process.getuid?.() !== 0) return undefined;
  const user = process.env.KMZB_PG_USER ?? 'postgres';
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid, gid, user };
  } catch {
    return `running as root and there is no '${user}' user to run PostgreSQL as (initdb refuses root; set KMZB_PG_USER)`;
  }
}

/**
 * Why PostgreSQL tests cannot run on this machine, or undefined when they can: with
 * KMZB_TEST_DATABASE_URL set, always (the cluster is given); otherwise when the binaries,
 * PostGIS and citext are installed (and, as root, a user to run the server as).
 */
export function pgUnavailableReason(binDir = DEFAULT_PG_BIN): string | undefined {
  return process.env.KMZB_TEST_DATABASE_URL ? undefined : localPgUnavailableReason(binDir);
}

/** Why this machine cannot start a PostgreSQL cluster of its own (whatever KMZB_TEST_DATABASE_URL says), or undefined. */
export function localPgUnavailableReason(binDir = DEFAULT_PG_BIN): string | undefined {
  const missing = ['initdb', 'pg_ctl', 'postgres', 'pg_config'].filter((name) => !executable(join(binDir, name)));
  if (missing.length) {
    return `PostgreSQL is not installed: no ${missing.join(', ')} in ${binDir} (apt-get install postgresql-15 postgresql-15-postgis-3, or set KMZB_PG_BIN or KMZB_TEST_DATABASE_URL)`;
  }
  let shareDir: string;
  try {
    shareDir = execFileSync(join(binDir, 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim();
  } catch (error) {
    return `pg_config --sharedir failed: ${String(error)}`;
  }
  for (const [extension, pkg] of [['postgis', 'postgresql-15-postgis-3'], ['citext', 'postgresql-15']] as const) {
    if (!existsSync(join(shareDir, 'extension', `${extension}.control`))) {
      return `the ${extension} extension is not installed in ${shareDir}/extension (apt-get install ${pkg})`;
    }
  }
  const user = runAs();
  return typeof user === 'string' ? user : undefined;
}

/** A TCP port free at the time of asking (the server may still lose a race for it: start retries). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function quoteSetting(value: string | number | boolean): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return `'${value.replaceAll("'", "''")}'`;
}

/** A database name or user as an SQL identifier. */
function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Starts a throwaway cluster; stop() (or, failing that, the process's exit) stops it and removes its folder. */
export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const binDir = options.binDir ?? DEFAULT_PG_BIN;
  const reason = localPgUnavailableReason(binDir);
  if (reason) throw new Error(`Cannot start PostgreSQL: ${reason}`);
  const user = runAs() as RunAs | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-pg-'));
  const dataDir = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const childOptions = {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', TZ: 'UTC' },
  };
  const pgCtl = join(binDir, 'pg_ctl');
  let running = false;
  const stopSync = (): void => {
    if (running) spawnSync(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { ...childOptions, stdio: 'ignore' });
    running = false;
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    if (options.standbyOf) {
      // initdb's pg_hba.conf trusts local replication connections; -R writes standby.signal and
      // primary_conninfo, -X stream copies the WAL written during the backup too, -c fast does not
      // wait minutes for a spread checkpoint.
      await run(join(binDir, 'pg_basebackup'), [
        '-h', '127.0.0.1', '-p', String(options.standbyOf.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync',
      ], childOptions);
    } else {
      await run(join(binDir, 'initdb'), [
        '-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-instructions',
        ...(options.durable ? [] : ['--no-sync']),
      ], childOptions);
    }
    const settings: Record<string, string | number | boolean> = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: dir,
      timezone: 'UTC',
      ...(options.durable ? {} : { fsync: false, synchronous_commit: false, full_page_writes: false }),
      ...options.settings,
    };
    appendFileSync(join(dataDir, 'postgresql.conf'),
      `\n# kmzb test cluster\n${Object.entries(settings).map(([k, v]) => `${k} = ${quoteSetting(v)}`).join('\n')}\n`);

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await run(pgCtl, ['-D', dataDir, '-l', log, '-o', `-p ${port}`, '-w', '-t', '60', 'start'], childOptions);
        running = true;
        break;
      } catch (error) {
        const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
        // Another process took the port between freePort() and the server's bind: try another.
        if (attempt < 5 && /could not (bind|create listen socket)|Address already in use/i.test(text)) continue;
        throw new Error(`pg_ctl start failed: ${String(error)}\n${text}`);
      }
    }

    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let url = adminUrl;
    if (options.standbyOf) {
      // The primary's databases came with the backup; the same name, on this server.
      url = withDatabase(adminUrl, new URL(options.standbyOf.url).pathname.slice(1) || 'postgres');
    } else if (options.database) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${ident(options.database)}`);
      } finally {
        await admin.end();
      }
      url = withDatabase(adminUrl, options.database);
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
      } finally {
        await db.end();
      }
    }
    return {
      url,
      adminUrl,
      port,
      dir,
      stop: async () => {
        process.removeListener('exit', stopSync);
        try {
          if (running) await run(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], childOptions);
          running = false;
        } finally {
          stopSync();
        }
      },
      crash: async () => {
        if (running) await run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', '60', 'stop'], childOptions);
        running = false;
      },
      promote: async () => {
        await run(pgCtl, ['-D', dataDir, '-w', '-t', '60', 'promote'], childOptions);
      },
    };
  } catch (error) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw error;
  }
}

/** Hash of the PostgreSQL migrations and their runner (and with `seeded`, the shipped data): a template is rebuilt when they change. */
function templateHash(seeded: boolean): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(new URL('../store/postgres/migrate.ts', import.meta.url))).update('\0');
  for (const file of readdirSync(pgMigrationsDir).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(pgMigrationsDir, file))).update('\0');
  }
  if (seeded) {
    for (const file of ['police-units.json', 'powiats.geojson', 'voivodeships.geojson']) hash.update(readFileSync(join(dataDir, file))).update('\0');
    hash.update(readFileSync(new URL('../store/postgres/pg-seed.ts', import.meta.url))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The database app tests are cloned from: kmzb_template with the units and areas seeded, as a first start leaves it. */
export const SEEDED_TEMPLATE_DATABASE = 'kmzb_seeded_template';

const templates = new Map<string, Promise<void>>();

/**
 * Makes sure the cluster has `kmzb_template` at the current migrations (and with `seeded`,
 * `kmzb_seeded_template`, a clone of it with the shipped units and areas): built under an
 * exclusive advisory lock (test files running in parallel wait for one build), marked with
 * the hash of what it was built from, then closed to connections (a clone needs a template
 * nobody is connected to).
 */
export function ensureTemplate(adminUrl: string, seeded = false): Promise<void> {
  const key = `${adminUrl}|${seeded}`;
  let ready = templates.get(key);
  if (!ready) {
    ready = (seeded ? ensureTemplate(adminUrl).then(() => buildTemplate(adminUrl, true)) : buildTemplate(adminUrl, false));
    templates.set(key, ready);
    ready.catch(() => templates.delete(key));
  }
  return ready;
}

async function buildTemplate(adminUrl: string, seeded: boolean): Promise<void> {
  const name = seeded ? SEEDED_TEMPLATE_DATABASE : TEMPLATE_DATABASE;
  const mark = `kmzb:${templateHash(seeded)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1, $2)', [...TEMPLATE_LOCK]);
    const { rows } = await admin.query<{ mark: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`, [name]);
    if (rows[0]?.mark === mark) return;
    if (rows.length) {
      await admin.query(`ALTER DATABASE ${name} IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    await admin.query(seeded ? `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}` : `CREATE DATABASE ${name}`);
    const pool = createPgPool({ connectionString: withDatabase(adminUrl, name), max: 1 });
    try {
      if (seeded) await pgSeedIfEmpty(pool, () => loadShippedData());
      else await migratePostgres(pool);
    } finally {
      await pool.end();
    }
    await admin.query(`COMMENT ON DATABASE ${name} IS ${pg.escapeLiteral(mark)}`);
    await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await admin.end();
  }
}

export interface TestDatabaseOptions {
  /** Migrated (default) or empty. */
  migrated?: boolean;
  /** Also seeded with the shipped units and areas (default: not). */
  seeded?: boolean;
}

export interface TestDatabase {
  /** The database's URL (superuser postgres). */
  url: string;
  name: string;
  /** Drops the database (connections still open to it are terminated). */
  drop(): Promise<void>;
}

let counter = 0;

/**
 * A new database on the cluster of `adminUrl`: a clone of the migrated template, with `seeded`
 * of the seeded one (as the app's first start leaves it), or with `migrated: false` an empty
 * one (PostGIS not even created: what migratePostgres starts from).
 */
export async function createTestDatabase(adminUrl: string, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  const seeded = migrated && options.seeded === true;
  if (migrated) await ensureTemplate(adminUrl, seeded);
  const name = `kmzb_test_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    if (migrated) {
      await admin.query('SELECT pg_advisory_lock_shared($1, $2)', [...TEMPLATE_LOCK]);
      // FILE_COPY, not 15's default WAL_LOG: 21 against 39-96 ms a clone of the 19 MB template.
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${seeded ? SEEDED_TEMPLATE_DATABASE : TEMPLATE_DATABASE} STRATEGY FILE_COPY`);
    } else {
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // A pool's end() resolves once it has sent its clients' Terminate, before their server
        // processes have gone: give them a moment, so FORCE does not kill a closing connection
        // (its client would then emit an 'error' nobody listens to any more).
        for (const until = Date.now() + 2000; Date.now() < until;) {
          const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (rows[0]!.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

let ownCluster: Promise<PgCluster> | undefined;

/**
 * A fresh test database: on KMZB_TEST_DATABASE_URL's cluster when set (its role must be able
 * to create databases, and the PostGIS extension unless template1 has it), otherwise on a
 * cluster this process starts on first use and stops when it exits (or at stopOwnCluster()).
 */
export async function testDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const shared = process.env.KMZB_TEST_DATABASE_URL;
  if (shared) return createTestDatabase(shared, options);
  ownCluster ??= startPgCluster();
  ownCluster.catch(() => (ownCluster = undefined));
  return createTestDatabase((await ownCluster).adminUrl, options);
}

/** Stops the cluster testDatabase() started for this process, if any (for an after() hook). */
export async function stopOwnCluster(): Promise<void> {
  const cluster = ownCluster;
  ownCluster = undefined;
  if (cluster) await (await cluster).stop();
}
