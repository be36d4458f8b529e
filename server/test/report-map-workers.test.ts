import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STATUSES } from '../../common/catalogue.js';
import { seedDemoReports } from '../demo/seed-demo-reports.js';
import { ReportMapRepository, type MapCellGroup } from '../db/report-map-repository.js';
import { AnswerCache, type CachedAnswer } from '../reports/answer-cache.js';
import { GRID_BASE_ZOOM, gridAt } from '../reports/clusters.js';
import { DEFAULT_REPORT_MAP_OPTIONS, ReportMapService } from '../reports/report-map.js';
import { build } from './helpers.js';
import { plant } from './map-helpers.js';

// Reports are seeded after start-up (not by the demoReports option): a slow machine must not
// run into Fastify's plugin start-up timeout.

test('a worker thread answers byte for byte what the main thread answers, writes included', async (t) => {
  const app = await build(t, { reportMap: { pointLimit: 100, workers: 2, cacheTtlMs: 0 } });
  seedDemoReports(app, { count: 3000 });
  const inThread = new ReportMapService({ map: new ReportMapRepository(app.db), categories: app.categories }, { ...DEFAULT_REPORT_MAP_OPTIONS, pointLimit: 100, cacheTtlMs: 0, workers: 0 });
  const since = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  const queries = [
    { unit: 'pl', zoom: 6 }, { unit: 'pl' }, { unit: 'kwp-gdansk', since }, { unit: 'kpp-wejherowo' },
    { unit: 'pl', zoom: 8, bbox: '17,53,19.5,55', categories: 'speeding,vandalism' },
  ];
  const check = async (): Promise<void> => {
    const now = Date.now();
    // Asked at once: the workers answer them side by side.
    const answers = await Promise.all(queries.map((q) => app.reportMap.answer(q, now)));
    for (const [i, query] of queries.entries()) {
      const expected = await inThread.answer(query, now);
      assert.equal(answers[i]!.body, expected.body, JSON.stringify(query));
      assert.equal(answers[i]!.etag, expected.etag);
      assert.ok(Buffer.isBuffer(answers[i]!.gzip), 'the gzip body comes back as a Buffer');
      assert.deepEqual(answers[i]!.gzip, expected.gzip);
    }
  };
  await check();
  // The worker's own connection sees the main thread's commits (WAL).
  plant(app, { unit: 'kpp-wejherowo', category: 'vandalism' });
  plant(app, { unit: 'kpp-wejherowo', status: 'not_confirmed', changedDaysAgo: 3 });
  await check();
  const response = await app.inject('/api/v1/reports?unit=pl&zoom=6');
  assert.equal(response.statusCode, 200);
  assert.equal(response.json<{ clustered: boolean }>().clustered, true);
});

test('the same question asked while it is being built waits for that build', async (t) => {
  const app = await build(t, { reportMap: { pointLimit: 100 } });
  seedDemoReports(app, { count: 500 });
  let builds = 0;
  const counting = new ReportMapService({
    map: new ReportMapRepository(app.db), categories: app.categories,
    builder: async (job) => {
      builds++;
      const { buildAnswer } = await import('../reports/map-answer.js');
      return buildAnswer(new ReportMapRepository(app.db), job);
    },
  }, { ...DEFAULT_REPORT_MAP_OPTIONS, pointLimit: 100, workers: 0 });
  const answers = await Promise.all([1, 2, 3].map(() => counting.answer({ unit: 'pl', zoom: 6 })));
  assert.equal(builds, 1);
  assert.equal(new Set(answers.map((a) => a.etag)).size, 1);
  await counting.answer({ unit: 'pl', zoom: 6 });
  assert.equal(builds, 1, 'then it is cached');
});

test('a cached answer asks for its rebuild in the last part of its life, and is served meanwhile', () => {
  const cache = new AnswerCache(60_000, 10, 15_000);
  const answer = { body: '{}', etag: '"a"', gzip: Buffer.alloc(0), gzipEtag: '"a-gz"' };
  cache.set('k', 'v1', 0, answer);
  assert.deepEqual(cache.get('k', 'v1', 44_999), { answer, refresh: false, hits: 1 });
  assert.deepEqual(cache.get('k', 'v1', 45_000), { answer, refresh: true, hits: 2 });
  assert.equal(cache.get('k', 'v1', 60_000), undefined, 'expired');
});

test('a rebuilt answer with the same body keeps the brotli of the one it replaces; a changed one does not', () => {
  const cache = new AnswerCache(60_000, 10, 15_000);
  const br = Buffer.from('br');
  cache.set('k', 'v1', 0, { body: '{}', etag: '"a"', gzip: Buffer.alloc(0), gzipEtag: '"a-gz"', br, brEtag: '"a-br"' });
  const same: CachedAnswer = { body: '{}', etag: '"a"', gzip: Buffer.alloc(0), gzipEtag: '"a-gz"' };
  cache.set('k', 'v1', 45_000, same);
  assert.equal(cache.get('k', 'v1', 45_001)?.answer.br, br);
  assert.equal(same.brEtag, '"a-br"');
  const changed = { body: '{"x":1}', etag: '"b"', gzip: Buffer.alloc(0), gzipEtag: '"b-gz"' };
  cache.set('k', 'v1', 90_000, changed);
  assert.equal(cache.get('k', 'v1', 90_001)?.answer.br, undefined);
});

test('national clusters from the stored grid cells equal those grouped from coordinates', async (t) => {
  const app = await build(t);
  seedDemoReports(app, { count: 2000 });
  const repository = new ReportMapRepository(app.db);
  const categories = app.categories.list().map(({ code, visibility }) => ({ code, visibility }));
  const selection = { categories, statuses: STATUSES, now: new Date() };
  // The migration's constants are the base zoom's grid: the stored cell is the computed one.
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  const rows = app.db.prepare('SELECT lon, lat, grid_x AS gx, grid_y AS gy FROM reports').all() as { lon: number; lat: number; gx: number; gy: number }[];
  for (const r of rows) assert.deepEqual([r.gx, r.gy], [Math.floor((r.lon + 180) / cellLon), Math.floor((r.lat + 90) / cellLat)]);
  const plan = app.db.prepare(`EXPLAIN QUERY PLAN SELECT grid_x, grid_y, status, category, count(*) FROM reports INDEXED BY reports_grid GROUP BY 1, 2, 3, 4`).all() as { detail: string }[];
  assert.ok(!plan.some((p) => p.detail.includes('TEMP B-TREE')), 'grouped in index order, no sort');
  for (const zoom of [3, 6, 8]) {
    const grid = gridAt(zoom);
    const key = (g: MapCellGroup) => `${g.cx}:${g.cy}:${g.status}:${g.category}`;
    const exact = (groups: MapCellGroup[]) => groups.map((g) => [key(g), g.count, g.minLon, g.minLat, g.maxLon, g.maxLat, g.updatedAt]).sort();
    const fromGrid = repository.gridCells(selection, GRID_BASE_ZOOM - zoom);
    const fromCoordinates = repository.cells(selection, grid.cellLon, grid.cellLat);
    assert.ok(fromGrid.length > 10, `zoom ${zoom}: enough groups`);
    assert.deepEqual(exact(fromGrid), exact(fromCoordinates), `zoom ${zoom}`);
  }
});
