import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemoReports } from '../demo/seed-demo-reports.js';
import { AnswerCache, type CachedAnswer } from '../reports/answer-cache.js';
import { DEFAULT_REPORT_MAP_OPTIONS, ReportMapService } from '../reports/report-map.js';
import { build, sqliteOnly } from './helpers.js';
import { plant } from './map-helpers.js';

// Reports are seeded after start-up (not by the demoReports option): a slow machine must not
// run into Fastify's plugin start-up timeout.

test('a worker thread answers byte for byte what the main thread answers, writes included', async (t) => {
  if (sqliteOnly(t, "the map's worker threads with read-only connections to the file (PostgreSQL builds answers in its own server processes)")) return;
  const app = await build(t, { reportMap: { pointLimit: 100, workers: 2, cacheTtlMs: 0 } });
  await seedDemoReports(app, { count: 3000 });
  const inThread = new ReportMapService({ map: app.store.reportMap, categories: app.categories }, { ...DEFAULT_REPORT_MAP_OPTIONS, pointLimit: 100, cacheTtlMs: 0, workers: 0 });
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
  await plant(app, { unit: 'kpp-wejherowo', category: 'vandalism' });
  await plant(app, { unit: 'kpp-wejherowo', status: 'not_confirmed', changedDaysAgo: 3 });
  await check();
  const response = await app.inject('/api/v1/reports?unit=pl&zoom=6');
  assert.equal(response.statusCode, 200);
  assert.equal(response.json<{ clustered: boolean }>().clustered, true);
});

test('the same question asked while it is being built waits for that build', async (t) => {
  const app = await build(t, { reportMap: { pointLimit: 100 } });
  await seedDemoReports(app, { count: 500 });
  let builds = 0;
  const counting = new ReportMapService({
    map: app.store.reportMap, categories: app.categories,
    builder: async (job) => {
      builds++;
      return app.store.reportMap.builder(0).build(job);
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
