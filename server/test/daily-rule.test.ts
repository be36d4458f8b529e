import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { LimitErrorBody } from '../../common/errors.js';
import type { ReportCreated } from '../../common/schemas/report.js';
import { buildApp, type AppOptions } from '../app.js';
import { build, seededTemplate, tempDir, TEST_STORE } from './helpers.js';
import { testDatabase } from './pg-cluster.js';
import { sqlOf } from './test-sql.js';
import { OLSZTYN, newDevice, postReport } from './report-helpers.js';

const report = { ...OLSZTYN, category: 'public_drinking' };

test('a second report from the same device within 24 hours is 429 with the retry time', async (t) => {
  const app = await build(t);
  const device = newDevice();
  const first = await postReport(app, report, { device });
  assert.equal(first.statusCode, 201);
  const createdAt = Date.parse(first.json<ReportCreated>().createdAt);
  // Another network too: the device rule does not depend on the IP.
  const second = await postReport(app, { ...report, category: 'speeding' }, { device, ip: '198.51.100.9' });
  assert.equal(second.statusCode, 429);
  const body = second.json<LimitErrorBody>();
  assert.equal(body.code, 'REPORT_LIMIT_REACHED');
  assert.equal(Date.parse(body.retryAt), createdAt + 24 * 3600 * 1000, 'a rolling day after the first report');
  const retryAfter = Number(second.headers['retry-after']);
  assert.ok(retryAfter > 86_000 && retryAfter <= 86_400, String(retryAfter));
  assert.equal(second.headers['access-control-allow-origin'], '*');
  assert.equal(await app.store.reports.count(), 1);
});

test('other devices on one network may report up to the cap, then the network is refused too', async (t) => {
  const app = await build(t, { reportLimits: { perNetwork: 3 } });
  const ip = '198.51.100.20';
  for (let i = 0; i < 3; i++) assert.equal((await postReport(app, report, { ip })).statusCode, 201, `device ${i + 1}`);
  const refused = await postReport(app, report, { ip });
  assert.equal(refused.statusCode, 429);
  assert.equal(refused.json<LimitErrorBody>().code, 'REPORT_LIMIT_REACHED');
  assert.match(refused.json<LimitErrorBody>().message, /network/);
  assert.equal((await postReport(app, report, { ip: '198.51.100.21' })).statusCode, 201, 'the next address is another network');
  // An IPv6 client is one network per /64, however it rotates its interface id.
  for (const suffix of ['1', '2', '3']) assert.equal((await postReport(app, report, { ip: `2001:db8:1:2::${suffix}` })).statusCode, 201);
  assert.equal((await postReport(app, report, { ip: '2001:db8:1:2:aaaa::9' })).statusCode, 429);
});

test('a device that reported today cannot confirm today (one civic action per day)', async (t) => {
  const app = await build(t);
  const device = newDevice();
  const { id } = (await postReport(app, report)).json<ReportCreated>();
  assert.equal((await postReport(app, { ...report, lon: 20.5 }, { device })).statusCode, 201);
  const confirm = await app.inject({ method: 'POST', url: `/api/v1/reports/${id}/confirmations`, headers: { 'kmzb-device': device } });
  assert.equal(confirm.statusCode, 429);
  assert.equal(confirm.json<LimitErrorBody>().code, 'REPORT_LIMIT_REACHED');
});

/**
 * Options for apps that open the same database one after another (closed by the caller): a
 * SQLite file, or a PostgreSQL database cloned from the seeded template (dropped at the end,
 * after `closeFirst`).
 */
async function sameDatabase(t: TestContext, closeFirst: () => Promise<void>): Promise<AppOptions> {
  const dir = tempDir(t);
  const dbPath = join(dir, 'kmzb.sqlite');
  const options = { dbPath, distDir: join(dir, 'none'), demoDir: join(dir, 'none') };
  if (TEST_STORE === 'sqlite') {
    copyFileSync(seededTemplate(), dbPath);
    t.after(closeFirst);
    return options;
  }
  const database = await testDatabase({ seeded: true });
  t.after(async () => {
    await closeFirst();
    await database.drop();
  });
  return { ...options, databaseUrl: database.url };
}

test('the rule holds after the app is closed and reopened on the same database', async (t) => {
  let second: FastifyInstance | undefined;
  const options = await sameDatabase(t, async () => second?.close());
  const device = newDevice();
  const first = await buildApp(options);
  assert.equal((await postReport(first, report, { device })).statusCode, 201);
  await first.close();
  second = await buildApp(options);
  const again = await postReport(second, report, { device });
  assert.equal(again.statusCode, 429, 'the daily rule survived the restart (same generated secret)');
});

/** Every value of every table as bytes (text as UTF-8, numbers as text), by table. */
async function storedValues(app: FastifyInstance): Promise<Map<string, Buffer[]>> {
  const sql = sqlOf(app);
  const tables = TEST_STORE === 'sqlite'
    ? await sql.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    : await sql.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  assert.ok(tables.some((table) => table.name === 'daily_actions'));
  const values = new Map<string, Buffer[]>();
  for (const { name } of tables) {
    const rows = await sql.all(`SELECT * FROM "${name}"`);
    values.set(name, rows.flatMap((row) => Object.values(row).flatMap((value) => {
      if (value === null || value === undefined) return [];
      if (Buffer.isBuffer(value)) return [value];
      return [Buffer.from(typeof value === 'object' ? JSON.stringify(value) : String(value))];
    })));
  }
  return values;
}

/** The tables holding `needles`, each with how many values hold one. */
async function tablesHolding(app: FastifyInstance, needles: Buffer[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const [table, values] of await storedValues(app)) {
    const n = values.filter((value) => needles.some((needle) => value.includes(needle))).length;
    if (n) found[table] = n;
  }
  return found;
}

test('the database keeps no raw IP address and no raw device token', async (t) => {
  const dir = tempDir(t);
  const dbPath = join(dir, 'kmzb.sqlite');
  const limits = { reportLimits: { perNetwork: 10 } };
  let app: FastifyInstance;
  if (TEST_STORE === 'sqlite') {
    copyFileSync(seededTemplate(), dbPath);
    app = await buildApp({ dbPath, distDir: join(dir, 'none'), demoDir: join(dir, 'none'), ...limits });
  } else {
    app = await build(t, limits);
  }
  const ip = '203.0.113.77';
  const device = newDevice();
  const needles = [Buffer.from(ip), Buffer.from([203, 0, 113, 77]), Buffer.from(device)];
  // (What held these bytes before, by chance, is not the requests'.)
  const before = await tablesHolding(app, needles);
  assert.equal((await postReport(app, report, { ip, device })).statusCode, 201);
  const { id } = (await postReport(app, { ...report, lon: 20.49 }, { ip })).json<ReportCreated>();
  const confirm = await app.inject({ method: 'POST', url: `/api/v1/reports/${id}/confirmations`, remoteAddress: ip, headers: { 'kmzb-device': newDevice() } });
  assert.equal(confirm.statusCode, 201);
  assert.equal((await postReport(app, report, { ip, device })).statusCode, 429, 'the rule did see this IP and device');
  assert.ok(Number(await sqlOf(app).value('SELECT count(*) FROM daily_actions')) >= 3, 'the rule keeps its actions');
  assert.deepEqual(await tablesHolding(app, needles), before, 'no stored value holds the IP (as text or 4 bytes) or the device token');
  if (TEST_STORE === 'postgres') return;
  // SQLite: the file's bytes too, with its WAL and free pages.
  const files = () => [dbPath, `${dbPath}-wal`].filter(existsSync).map((path) => readFileSync(path));
  const search = (label: string) => {
    for (const bytes of files()) {
      assert.ok(!bytes.includes(Buffer.from(ip)), `${label}: IP as text`);
      assert.ok(!bytes.includes(Buffer.from([203, 0, 113, 77])), `${label}: IP as 4 bytes`);
      assert.ok(!bytes.includes(Buffer.from(device)), `${label}: device token`);
    }
  };
  assert.ok(files().length === 2, 'the WAL file is searched too');
  search('while open');
  await app.close();
  search('after close');
});

test('X-Forwarded-For is ignored unless a proxy is trusted', async (t) => {
  const direct = await build(t, { reportLimits: { perNetwork: 1 } });
  const spoofed = (app: typeof direct, forwardedFor: string) =>
    app.inject({ method: 'POST', url: '/api/v1/reports', remoteAddress: '192.0.2.50', headers: { 'kmzb-device': newDevice(), 'x-forwarded-for': forwardedFor }, payload: report });
  assert.equal((await spoofed(direct, '198.51.100.1')).statusCode, 201);
  assert.equal((await spoofed(direct, '198.51.100.2')).statusCode, 429, 'a forged header does not escape the cap');
  const proxied = await build(t, { reportLimits: { perNetwork: 1 }, trustProxy: true });
  assert.equal((await spoofed(proxied, '198.51.100.1')).statusCode, 201);
  assert.equal((await spoofed(proxied, '198.51.100.2')).statusCode, 201, 'behind a trusted proxy each client is itself');
});
