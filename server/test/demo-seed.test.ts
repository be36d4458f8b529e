import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemoReports } from '../demo/seed-demo-reports.js';
import { build, TEST_STORE } from './helpers.js';
import { sqlOf } from './test-sql.js';

test('buildApp seeds no demo reports unless asked', async (t) => {
  const app = await build(t);
  assert.equal(await app.store.reports.count(), 0);
});

test('demo reports: national category shares, statuses by age with history, marked and removable', async (t) => {
  const app = await build(t, { demoReports: 2000 });
  const now = Date.now();
  assert.equal(await app.store.reports.count(), 2000);
  const sql = sqlOf(app);
  const rows = await sql.all<{
    id: string; category: string; status: string; source: string; createdAt: string; demo: number;
  }>('SELECT id, category, status, source, created_at AS "createdAt", demo FROM reports');
  assert.ok(rows.every((row) => row.demo === 1));
  const share = (filter: (row: (typeof rows)[number]) => boolean) => rows.filter(filter).length / rows.length;
  const topThree = share((row) => ['speeding', 'illegal_parking', 'public_drinking'].includes(row.category));
  assert.ok(topThree > 0.65 && topThree < 0.75, `speeding, parking and drinking: ${topThree}`);
  assert.ok(share((row) => row.source === 'citizen') > 0.85);
  const old = rows.filter((row) => now - Date.parse(row.createdAt) > 30 * 86_400_000);
  assert.ok(old.every((row) => !['new', 'verifying'].includes(row.status)), 'old reports are settled');
  const young = rows.filter((row) => now - Date.parse(row.createdAt) < 2 * 86_400_000);
  assert.ok(young.length > 0 && young.every((row) => ['new', 'verifying'].includes(row.status)), 'recent ones are open');
  // History ends in the current status and starts with 'new' at creation.
  for (const row of rows.slice(0, 200)) {
    const steps = await sql.all<{ status: string; at: string }>('SELECT status, at FROM report_history WHERE report_id = ? ORDER BY at, rowid', row.id);
    assert.deepEqual(steps[0], { status: 'new', at: row.createdAt });
    assert.equal(steps.at(-1)!.status, row.status);
    assert.ok(steps.every((step) => Date.parse(step.at) <= now));
  }
  // Spread over many units, weighted to cities.
  const units = await sql.all<{ unit: string; n: number }>('SELECT unit_id AS unit, count(*) AS n FROM reports GROUP BY unit_id ORDER BY n DESC');
  assert.ok(units.length > 200, `${units.length} units`);
  assert.ok(units.slice(0, 5).every((u) => /^km[p]-|^krp-/.test(u.unit)), JSON.stringify(units.slice(0, 5)));
  assert.equal(await app.store.unit((tx) => tx.reports.clearDemo()), 2000);
  // SQLite keeps the points in an R*Tree table of their own; PostgreSQL's are a column of reports.
  const tables = TEST_STORE === 'sqlite' ? ['reports', 'reports_rtree', 'report_history'] : ['reports', 'report_history'];
  const left = await Promise.all(tables.map((table) => sql.value<number>(`SELECT count(*) FROM ${table}`)));
  assert.deepEqual(left, tables.map(() => 0));
});

test('the demo seed does not add to a database that already has reports', async (t) => {
  const app = await build(t, { demoReports: 10 });
  assert.equal(await app.store.reports.count(), 10);
  assert.equal(await seedDemoReports(app, { count: 5 }), 5, 'the function itself always adds');
  assert.equal(await app.store.reports.count(), 15);
});
