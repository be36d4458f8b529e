import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CategoryVisibility, Status } from '../../common/catalogue.js';
import type { ClusterProperties, ReportMap } from '../../common/schemas/report-map.js';
import { isPubliclyVisible } from '../../common/visibility.js';
import { seedDemoReports } from '../demo/seed-demo-reports.js';
import { build } from './helpers.js';
import { sqlOf } from './test-sql.js';

type App = Awaited<ReturnType<typeof build>>;

// Reports are seeded after start-up (not by the demoReports option): a slow machine must not
// run into Fastify's plugin start-up timeout (PostgreSQL writes them a few times slower).

interface Row { unit: string; category: string; visibility: CategoryVisibility; status: Status; lon: number; lat: number; createdAt: string; updatedAt: string }

/** Counts straight from the table, filtered by the TS rule: independent of the map's SQL. */
async function rawCounts(app: App, keep: (row: Row) => boolean): Promise<{ total: number; statuses: Record<string, number>; categories: Record<string, number> }> {
  const rows = await sqlOf(app).all<Row>(
    `SELECT r.unit_id AS unit, r.category, c.visibility, r.status, r.lon, r.lat, r.created_at AS "createdAt", r.updated_at AS "updatedAt"
     FROM reports r JOIN categories c ON c.code = r.category`,
  );
  const now = new Date();
  const counts = { total: 0, statuses: {} as Record<string, number>, categories: {} as Record<string, number> };
  for (const row of rows) {
    if (!keep(row) || !isPubliclyVisible(row.visibility, row.status, row.updatedAt, now)) continue;
    counts.total++;
    counts.statuses[row.status] = (counts.statuses[row.status] ?? 0) + 1;
    counts.categories[row.category] = (counts.categories[row.category] ?? 0) + 1;
  }
  return counts;
}

function summed(map: ReportMap): { total: number; statuses: Record<string, number>; categories: Record<string, number> } {
  const sums = { total: 0, statuses: {} as Record<string, number>, categories: {} as Record<string, number> };
  for (const feature of map.features) {
    const p = feature.properties as ClusterProperties;
    assert.equal(p.kind, 'cluster');
    assert.equal(Object.values(p.statuses).reduce((a, b) => a + b, 0), p.count, 'statuses add up to the count');
    assert.equal(Object.values(p.categories).reduce((a, b) => a + b, 0), p.count, 'categories add up to the count');
    const [lon, lat] = feature.geometry.coordinates;
    const [minLon, minLat, maxLon, maxLat] = p.extent;
    assert.ok(minLon <= lon && lon <= maxLon && minLat <= lat && lat <= maxLat, 'the point lies in its extent');
    sums.total += p.count;
    for (const [k, n] of Object.entries(p.statuses)) sums.statuses[k] = (sums.statuses[k] ?? 0) + n;
    for (const [k, n] of Object.entries(p.categories)) sums.categories[k] = (sums.categories[k] ?? 0) + n;
  }
  return sums;
}

const sortedEntries = (record: Record<string, number>) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

test('cluster counts per status and category equal the raw counts', async (t) => {
  const app = await build(t, { reportMap: { pointLimit: 100 } });
  await seedDemoReports(app, { count: 5000 });
  const children = await sqlOf(app).all<{ id: string }>("SELECT id FROM units WHERE parent_id = 'kwp-gdansk'");
  assert.ok(children.length > 10);
  const gdansk = new Set(['kwp-gdansk', ...children.map((u) => u.id)]);
  const since = new Date(Date.now() - 180 * 86_400_000).toISOString();
  const cases: [string, (row: Row) => boolean][] = [
    ['unit=pl&zoom=6', () => true],
    ['unit=pl&zoom=9', () => true],
    ['unit=pl', () => true],
    [`unit=kwp-gdansk&zoom=8&since=${since}`, (r) => gdansk.has(r.unit) && r.createdAt >= since],
    ['unit=pl&zoom=7&bbox=16,51,20,53.5&categories=speeding,public_drinking,dangerous_entertainment',
      (r) => r.lon >= 16 && r.lon <= 20 && r.lat >= 51 && r.lat <= 53.5 && ['speeding', 'public_drinking', 'dangerous_entertainment'].includes(r.category)],
  ];
  for (const [query, keep] of cases) {
    const response = await app.inject(`/api/v1/reports?${query}`);
    assert.equal(response.statusCode, 200, response.body);
    const map = response.json<ReportMap>();
    const raw = await rawCounts(app, keep);
    assert.ok(raw.total > 100, `${query}: enough reports to cluster (${raw.total})`);
    assert.equal(map.clustered, true, query);
    const sums = summed(map);
    assert.equal(map.total, raw.total, query);
    assert.equal(sums.total, raw.total, query);
    assert.deepEqual(sortedEntries(sums.statuses), sortedEntries(raw.statuses), query);
    assert.deepEqual(sortedEntries(sums.categories), sortedEntries(raw.categories), query);
  }
  const national = (await app.inject('/api/v1/reports?unit=pl&zoom=6')).json<ReportMap>();
  const finer = (await app.inject('/api/v1/reports?unit=pl&zoom=9')).json<ReportMap>();
  assert.ok(national.features.length < finer.features.length, 'more clusters when zoomed in');
});

test('at or under the point limit the answer is points', async (t) => {
  const app = await build(t, { reportMap: { pointLimit: 1000 } });
  await seedDemoReports(app, { count: 400 });
  const map = (await app.inject('/api/v1/reports?unit=pl&zoom=5')).json<ReportMap>();
  assert.equal(map.clustered, false);
  assert.equal(map.total, map.features.length);
  assert.equal(map.total, (await rawCounts(app, () => true)).total);
  const dates = map.features.map((f) => (f.properties.kind === 'report' ? f.properties.createdAt : ''));
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
});
