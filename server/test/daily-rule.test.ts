import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LimitErrorBody } from '../../common/errors.js';
import type { ReportCreated } from '../../common/schemas/report.js';
import { buildApp } from '../app.js';
import { build, seededTemplate, tempDir } from './helpers.js';
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
  assert.equal(app.reports.count(), 1);
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

test('the rule holds after the app is closed and reopened on the same file', async (t) => {
  const dir = tempDir(t);
  const dbPath = join(dir, 'kmzb.sqlite');
  copyFileSync(seededTemplate(), dbPath);
  const options = { dbPath, distDir: join(dir, 'none'), demoDir: join(dir, 'none') };
  const device = newDevice();
  const first = await buildApp(options);
  assert.equal((await postReport(first, report, { device })).statusCode, 201);
  await first.close();
  const second = await buildApp(options);
  t.after(() => second.close());
  const again = await postReport(second, report, { device });
  assert.equal(again.statusCode, 429, 'the daily rule survived the restart (same generated secret)');
});

test('the database keeps no raw IP address and no raw device token', async (t) => {
  const dir = tempDir(t);
  const dbPath = join(dir, 'kmzb.sqlite');
  copyFileSync(seededTemplate(), dbPath);
  const app = await buildApp({ dbPath, distDir: join(dir, 'none'), demoDir: join(dir, 'none'), reportLimits: { perNetwork: 10 } });
  const ip = '203.0.113.77';
  const device = newDevice();
  assert.equal((await postReport(app, report, { ip, device })).statusCode, 201);
  const { id } = (await postReport(app, { ...report, lon: 20.49 }, { ip })).json<ReportCreated>();
  const confirm = await app.inject({ method: 'POST', url: `/api/v1/reports/${id}/confirmations`, remoteAddress: ip, headers: { 'kmzb-device': newDevice() } });
  assert.equal(confirm.statusCode, 201);
  assert.equal((await postReport(app, report, { ip, device })).statusCode, 429, 'the rule did see this IP and device');
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
