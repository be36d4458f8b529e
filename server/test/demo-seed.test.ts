import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemoReports } from '../demo/seed-demo-reports.js';
import { build } from './helpers.js';

test('buildApp seeds no demo reports unless asked', async (t) => {
  const app = await build(t);
  assert.equal(app.reports.count(), 0);
});

test('demo reports: national category shares, statuses by age with history, marked and removable', async (t) => {
  const app = await build(t, { demoReports: 2000 });
  const now = Date.now();
  assert.equal(app.reports.count(), 2000);
  const rows = app.db.prepare('SELECT id, category, status, source, created_at AS createdAt, demo FROM reports').all() as {
    id: string; category: string; status: string; source: string; createdAt: string; demo: number;
  }[];
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
  const history = app.db.prepare('SELECT status, at FROM report_history WHERE report_id = ? ORDER BY at, rowid');
  for (const row of rows.slice(0, 200)) {
    const steps = history.all(row.id) as { status: string; at: string }[];
    assert.deepEqual(steps[0], { status: 'new', at: row.createdAt });
    assert.equal(steps.at(-1)!.status, row.status);
    assert.ok(steps.every((step) => Date.parse(step.at) <= now));
  }
  // Spread over many units, weighted to cities.
  const units = app.db.prepare('SELECT unit_id AS unit, count(*) AS n FROM reports GROUP BY unit_id ORDER BY n DESC').all() as { unit: string; n: number }[];
  assert.ok(units.length > 200, `${units.length} units`);
  assert.ok(units.slice(0, 5).every((u) => /^km[p]-|^krp-/.test(u.unit)), JSON.stringify(units.slice(0, 5)));
  assert.equal(app.reports.clearDemo(), 2000);
  const left = (table: string) => (app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  assert.deepEqual([left('reports'), left('reports_rtree'), left('report_history')], [0, 0, 0]);
});

test('the demo seed does not add to a database that already has reports', async (t) => {
  const app = await build(t, { demoReports: 10 });
  assert.equal(app.reports.count(), 10);
  assert.equal(await seedDemoReports(app, { count: 5 }), 5, 'the function itself always adds');
  assert.equal(app.reports.count(), 15);
});
