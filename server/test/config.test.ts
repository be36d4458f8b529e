import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../config.js';
import { defaultDbPath, projectRoot } from '../paths.js';
import pg from 'pg';
import { tempDir, TEST_STORE } from './helpers.js';
import { testDatabase } from './pg-cluster.js';

const REPORT_DEFAULTS = {
  reportLimits: { perDevice: 1, perNetwork: 30, writesPerMinute: 60 },
  secret: undefined,
  demoReports: 5000,
  trustProxy: false,
  passwordCostLog2: 17,
  mail: undefined,
};

test('defaults: port 3000 on localhost, var/kmzb.sqlite in the project, log level info', () => {
  assert.deepEqual(loadConfig({}), { port: 3000, host: 'localhost', dbPath: defaultDbPath, logLevel: 'info', ...REPORT_DEFAULTS });
  assert.equal(defaultDbPath, join(projectRoot, 'var', 'kmzb.sqlite'));
  assert.ok(existsSync(join(projectRoot, 'package.json')));
});

test('reads PORT, HOST, KMZB_DB and LOG_LEVEL', () => {
  const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', KMZB_DB: 'data/x.sqlite', LOG_LEVEL: 'WARN' });
  assert.deepEqual(config, { port: 8080, host: '0.0.0.0', dbPath: resolve('data/x.sqlite'), logLevel: 'warn', ...REPORT_DEFAULTS });
  assert.equal(loadConfig({ PORT: ' 0 ', HOST: '' }).port, 0);
  assert.equal(loadConfig({ HOST: '  ' }).host, 'localhost');
});

test('a bad PORT or LOG_LEVEL is a ConfigError that names the variable and the value', () => {
  for (const port of ['abc', '-1', '65536', '3000.5', '1e3', '80 80']) {
    assert.throws(() => loadConfig({ PORT: port }), (error: unknown) => {
      assert.ok(error instanceof ConfigError, port);
      assert.equal(error.message, `PORT must be a whole number from 0 to 65535, got "${port.trim()}".`);
      return true;
    });
  }
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL must be one of .*got "loud"/);
});

test('KMZB_PASSWORD_COST: scrypt cost as log2 N, 14 to 20, default 17; anything else named in the error', () => {
  assert.equal(loadConfig({ KMZB_PASSWORD_COST: '15' }).passwordCostLog2, 15);
  for (const bad of ['13', '21', '16.5', 'high', 'Infinity']) {
    assert.throws(() => loadConfig({ KMZB_PASSWORD_COST: bad }), (e: Error) => e instanceof ConfigError && /KMZB_PASSWORD_COST/.test(e.message) && e.message.includes(bad));
  }
});

test('reads the report limits, secret, demo switch and proxy setting', () => {
  const config = loadConfig({
    KMZB_REPORTS_PER_DEVICE: '2',
    KMZB_REPORTS_PER_NETWORK: '500',
    KMZB_WRITES_PER_MINUTE: '10',
    KMZB_SECRET: 'x'.repeat(32),
    KMZB_DEMO: '0',
    KMZB_TRUST_PROXY: '1',
  });
  assert.deepEqual(config.reportLimits, { perDevice: 2, perNetwork: 500, writesPerMinute: 10 });
  assert.equal(config.secret, 'x'.repeat(32));
  assert.equal(config.demoReports, 0);
  assert.equal(config.trustProxy, 1);
  assert.equal(loadConfig({ KMZB_TRUST_PROXY: '10.0.0.0/8' }).trustProxy, '10.0.0.0/8');
  assert.throws(() => loadConfig({ KMZB_REPORTS_PER_NETWORK: '0' }), /KMZB_REPORTS_PER_NETWORK must be a whole number/);
  assert.throws(() => loadConfig({ KMZB_SECRET: 'short' }), /KMZB_SECRET must have at least 16/);
  assert.throws(() => loadConfig({ KMZB_DEMO: 'maybe' }), /KMZB_DEMO must be 1 or 0/);
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs server/server.ts with `env`; `whenListening` gets the URL once the server listens. */
function runServer(env: NodeJS.ProcessEnv, whenListening?: (url: string, stop: () => void) => void): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'server', 'server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, KMZB_DEMO: '0', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += String(chunk);
    const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
    if (url && whenListening) {
      const callback = whenListening;
      whenListening = undefined;
      callback(url, () => child.kill('SIGTERM'));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

test('the server exits with code 1 and a one-line message, no stack trace, on PORT=abc', async (t) => {
  const dbPath = join(tempDir(t), 'never.sqlite');
  const run = await runServer({ PORT: 'abc', KMZB_DB: dbPath });
  assert.equal(run.code, 1);
  assert.equal(run.stderr.trim(), 'kmzb: PORT must be a whole number from 0 to 65535, got "abc".');
  assert.ok(!existsSync(dbPath), 'nothing was started');
});

test('the server starts, answers, and on SIGTERM closes the app and the database and exits 0', async (t) => {
  const dbPath = join(tempDir(t), 'nested', 'kmzb.sqlite');
  // On PostgreSQL: a migrated database without units, which the server seeds as on a first start.
  const database = TEST_STORE === 'postgres' ? await testDatabase() : undefined;
  if (database) t.after(() => database.drop());
  let health: unknown;
  const store = database ? { KMZB_DATABASE_URL: database.url } : { KMZB_DB: dbPath };
  const run = await runServer({ PORT: '0', HOST: '127.0.0.1', ...store, LOG_LEVEL: 'info' }, (url, stop) => {
    void fetch(`${url}/healthz`)
      .then((response) => response.json())
      .then((body) => (health = body))
      .finally(stop);
  });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(health, { status: 'ok' });
  assert.match(run.stdout, /seeded units and their areas/);
  assert.match(run.stdout, /shutting down/);
  if (!database) {
    assert.ok(existsSync(dbPath), 'the database and its folder were created');
    // better-sqlite3 checkpoints and removes the WAL file only on a clean close.
    assert.ok(!existsSync(`${dbPath}-wal`), 'the database was closed');
    return;
  }
  assert.ok(!existsSync(dbPath), 'no SQLite file beside PostgreSQL');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    assert.equal((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM units')).rows[0]!.n, 1 + 17 + 337, 'the units were seeded');
  } finally {
    await client.end();
  }
});

test('KMZB_SMTP_URL and KMZB_MAIL_FROM: both or neither, an smtp(s) URL and an address', () => {
  assert.equal(loadConfig({}).mail, undefined);
  assert.deepEqual(loadConfig({ KMZB_SMTP_URL: 'smtp://u:p@mail.example.pl:587', KMZB_MAIL_FROM: 'KMZB <kmzb@example.pl>' }).mail, {
    smtpUrl: 'smtp://u:p@mail.example.pl:587', from: 'KMZB <kmzb@example.pl>',
  });
  assert.throws(() => loadConfig({ KMZB_SMTP_URL: 'smtp://mail.example.pl' }), /go together/);
  assert.throws(() => loadConfig({ KMZB_SMTP_URL: 'http://mail.example.pl', KMZB_MAIL_FROM: 'a@b.pl' }), /smtp:\/\/ or smtps:\/\//);
  assert.throws(() => loadConfig({ KMZB_SMTP_URL: 'smtp://mail.example.pl', KMZB_MAIL_FROM: 'nobody' }), /KMZB_MAIL_FROM must be an address/);
});

test('KMZB_MAP_WORKERS sets the map worker threads, 1 to 16; absent, the default', () => {
  assert.equal(loadConfig({ KMZB_MAP_WORKERS: '3' }).mapWorkers, 3);
  assert.equal('mapWorkers' in loadConfig({}), false);
  for (const bad of ['0', '17', 'two', '1.5']) assert.throws(() => loadConfig({ KMZB_MAP_WORKERS: bad }), ConfigError, bad);
});

test('KMZB_DATABASE_URL selects PostgreSQL; a malformed one is a ConfigError that never echoes the URL (its password)', () => {
  const url = 'postgres://kmzb:s3cret@db.example:5432/kmzb?sslmode=require';
  assert.equal(loadConfig({ KMZB_DATABASE_URL: url }).databaseUrl, url);
  assert.equal(loadConfig({ KMZB_DATABASE_URL: 'postgresql:///kmzb?host=/var/run/postgresql' }).databaseUrl, 'postgresql:///kmzb?host=/var/run/postgresql');
  assert.equal('databaseUrl' in loadConfig({ KMZB_DATABASE_URL: '  ' }), false, 'blank is unset');
  for (const bad of ['mysql://kmzb:s3cret@db.example/kmzb', 'kmzb:s3cret@db.example', 'postgres://kmzb:s3cret@/kmzb']) {
    assert.throws(
      () => loadConfig({ KMZB_DATABASE_URL: bad }),
      (e: Error) => e instanceof ConfigError && /KMZB_DATABASE_URL/.test(e.message) && !e.message.includes('s3cret'),
      bad,
    );
  }
});
