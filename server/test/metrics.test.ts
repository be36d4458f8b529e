import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEVICE_HEADER } from '../../common/api.js';
import type { ReportCreated } from '../../common/schemas/report.js';
import { ConfigError, loadConfig } from '../config.js';
import { projectRoot } from '../paths.js';
import { build, TEST_STORE } from './helpers.js';
import { sqlOf } from './test-sql.js';
import { OLSZTYN, newDevice, postReport } from './report-helpers.js';
import { findProgram, missingProgram } from './tools.js';

const valid = { ...OLSZTYN, category: 'illegal_parking' };

/** The value of one sample line (`name{labels} value`) of an exposition, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrapeAfterTraffic(t: Parameters<typeof build>[0]): Promise<{ text: string; port: number; app: Awaited<ReturnType<typeof build>> }> {
  const app = await build(t, { metrics: { listen: { host: '127.0.0.1', port: 0 } } });
  const port = app.metrics.address()!.port;
  await app.inject({ url: '/api/v1/units' });
  await app.inject({ url: '/api/v1/reports?unit=kpp-wejherowo' });
  await app.inject({ url: '/api/v1/reports?unit=kpp-wejherowo' });
  await app.inject({ url: '/no/such/page' });
  const device = newDevice();
  const created = (await postReport(app, valid, { device })).json<ReportCreated>();
  assert.equal((await postReport(app, valid, { device })).statusCode, 429, 'daily rule, device');
  assert.equal((await postReport(app, { ...valid, category: 'no_such' })).statusCode, 422);
  const confirm = (d: string) =>
    app.inject({ method: 'POST', url: `/api/v1/reports/${created.id}/confirmations`, headers: { [DEVICE_HEADER]: d }, remoteAddress: '192.0.2.9' });
  assert.equal((await confirm(newDevice())).statusCode, 201);
  assert.equal((await confirm(device)).statusCode, 429);
  // One real report 10 days old and still new: past both service targets.
  assert.equal(await sqlOf(app).run('UPDATE reports SET created_at = ? WHERE id = ?', new Date(Date.now() - 10 * 86_400_000).toISOString(), created.id), 1);
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
  return { text: await response.text(), port, app };
}

test('GET /metrics on its own listener: requests, citizen writes by outcome and code, daily rule, cache, overdue, database, event loop', async (t) => {
  const { text, port, app } = await scrapeAfterTraffic(t);
  assert.equal(sample(text, 'kmzb_http_request_duration_seconds_count{method="GET",route="/api/v1/units",status_code="200"}'), 1);
  assert.equal(sample(text, 'kmzb_http_request_duration_seconds_count{method="GET",route="/api/v1/reports",status_code="200"}'), 2);
  assert.equal(sample(text, 'kmzb_http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}'), 1);
  assert.equal(sample(text, 'kmzb_citizen_writes_total{kind="report",outcome="accepted",code=""}'), 1);
  assert.equal(sample(text, 'kmzb_citizen_writes_total{kind="report",outcome="refused",code="REPORT_LIMIT_REACHED"}'), 1);
  assert.equal(sample(text, 'kmzb_citizen_writes_total{kind="report",outcome="refused",code="UNKNOWN_CATEGORY"}'), 1);
  assert.equal(sample(text, 'kmzb_citizen_writes_total{kind="confirmation",outcome="accepted",code=""}'), 1);
  assert.equal(sample(text, 'kmzb_citizen_writes_total{kind="confirmation",outcome="refused",code="REPORT_LIMIT_REACHED"}'), 1);
  assert.equal(sample(text, 'kmzb_daily_rule_refusals_total{kind="report",scope="device"}'), 1);
  assert.equal(sample(text, 'kmzb_daily_rule_refusals_total{kind="confirmation",scope="device"}'), 1);
  assert.equal(sample(text, 'kmzb_map_answer_cache_lookups_total{result="miss"}'), 1);
  assert.equal(sample(text, 'kmzb_map_answer_cache_lookups_total{result="hit"}'), 1);
  assert.equal(sample(text, 'kmzb_reports_overdue{target="read"}'), 1);
  assert.equal(sample(text, 'kmzb_reports_overdue{target="verify"}'), 1);
  if (TEST_STORE === 'sqlite') {
    assert.ok(sample(text, 'kmzb_database_size_bytes{file="main"}')! > 1_000_000);
    assert.ok(sample(text, 'kmzb_database_size_bytes{file="wal"}')! > 0, 'the writes went to the WAL');
  } else {
    // PostgreSQL: the database as a whole (the WAL is the cluster's).
    assert.ok(sample(text, 'kmzb_database_size_bytes{file="database"}')! > 1_000_000);
    assert.equal(sample(text, 'kmzb_database_size_bytes{file="main"}'), undefined);
  }
  assert.ok(sample(text, 'nodejs_eventloop_lag_p99_seconds') !== undefined);

  // Only /metrics on that listener, and nothing of it on the public app.
  assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 404);
  assert.equal((await app.inject({ url: '/metrics' })).statusCode, 404);
});

test('the mail queue: waiting, retrying and failed mails', async (t) => {
  const app = await build(t, { metrics: { listen: { host: '127.0.0.1', port: 0 } } });
  const port = app.metrics.address()!.port;
  const now = new Date().toISOString();
  const mail = (row: { attempts: number; sent: string | null; failed: string | null }) => sqlOf(app).run(
    `INSERT INTO mail_queue (kind, recipient, subject, text, html, created_at, attempts, next_attempt_at, sent_at, failed_at)
     VALUES ('digest', 'a@example.pl', 's', 't', 'h', ?, ?, ?, ?, ?)`, now, row.attempts, now, row.sent, row.failed,
  );
  await mail({ attempts: 0, sent: null, failed: null });
  await mail({ attempts: 2, sent: null, failed: null });
  await mail({ attempts: 8, sent: null, failed: now });
  await mail({ attempts: 1, sent: now, failed: null });
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  assert.equal(sample(text, 'kmzb_mail_queue{state="waiting"}'), 2);
  assert.equal(sample(text, 'kmzb_mail_queue{state="retrying"}'), 1);
  assert.equal(sample(text, 'kmzb_mail_queue{state="failed"}'), 1);
});

test('the exposition passes promtool check metrics', async (t) => {
  const promtool = findProgram('promtool');
  if (!promtool) return t.skip(missingProgram('promtool', 'apt-get install prometheus'));
  const { text } = await scrapeAfterTraffic(t);
  const check = spawnSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
});

test('the example alert rules pass promtool check rules and their unit tests', (t) => {
  const promtool = findProgram('promtool');
  if (!promtool) return t.skip(missingProgram('promtool', 'apt-get install prometheus'));
  const dir = join(projectRoot, 'deploy', 'prometheus');
  const rules = spawnSync(promtool, ['check', 'rules', 'kmzb-alerts.yml'], { cwd: dir, encoding: 'utf8' });
  assert.equal(rules.status, 0, `${rules.stdout}${rules.stderr}`);
  assert.match(rules.stdout, /SUCCESS: 5 rules found/);
  const unit = spawnSync(promtool, ['test', 'rules', 'kmzb-alerts.test.yml'], { cwd: dir, encoding: 'utf8' });
  assert.equal(unit.status, 0, `${unit.stdout}${unit.stderr}`);
});

test('metrics are off unless KMZB_METRICS is set; it takes host:port or a loopback port', async (t) => {
  const app = await build(t);
  assert.equal(app.hasDecorator('metrics'), false);
  assert.equal(loadConfig({}).metrics, undefined);
  assert.equal(loadConfig({ KMZB_METRICS: '0' }).metrics, undefined);
  assert.deepEqual(loadConfig({ KMZB_METRICS: '9464' }).metrics, { host: '127.0.0.1', port: 9464 });
  assert.deepEqual(loadConfig({ KMZB_METRICS: '10.0.0.5:9100' }).metrics, { host: '10.0.0.5', port: 9100 });
  assert.deepEqual(loadConfig({ KMZB_METRICS: '[::1]:9464' }).metrics, { host: '::1', port: 9464 });
  for (const bad of ['yes', ':9464', '127.0.0.1:70000', 'http://127.0.0.1:9464']) {
    assert.throws(() => loadConfig({ KMZB_METRICS: bad }), (error: Error) => error instanceof ConfigError && /KMZB_METRICS/.test(error.message), bad);
  }
});
