import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ReportMap } from '../../common/schemas/report-map.js';
import { AnswerCache, type CachedAnswer } from '../reports/answer-cache.js';
import type { BuiltAnswer } from '../store/report-map.js';
import { DEFAULT_REPORT_MAP_OPTIONS, ReportMapService } from '../reports/report-map.js';
import { build, TEST_STORE } from './helpers.js';
import { plant } from './map-helpers.js';

const answer = (tag: string): CachedAnswer => ({ body: '{}', etag: `"${tag}"`, gzip: Buffer.alloc(0), gzipEtag: `"${tag}-gz"` });

test('a clustered answer is served stale after a write or its expiry, for at most one more lifetime; points are not', () => {
  const cache = new AnswerCache(60_000, 10, 15_000);
  const clusters = answer('c');
  cache.set('c', 'v1', 0, clusters, 60_000);
  assert.deepEqual(cache.get('c', 'v1', 10), { answer: clusters, refresh: false, hits: 1 });
  assert.deepEqual(cache.get('c', 'v2', 20), { answer: clusters, refresh: true, hits: 2 }, 'after a write: served, rebuilt');
  assert.deepEqual(cache.get('c', 'v1', 62_000), { answer: clusters, refresh: true, hits: 3 }, 'after 62 s quiet: served, rebuilt');
  assert.equal(cache.get('c', 'v1', 120_000), undefined, 'never older than two lifetimes');
  const points = answer('p');
  cache.set('p', 'v1', 0, points);
  assert.equal(cache.get('p', 'v2', 10), undefined, 'a write ends a points answer at once');
  cache.set('p', 'v1', 0, points);
  assert.equal(cache.get('p', 'v1', 60_000), undefined, 'and so does its expiry');
});

/** A service in the main thread whose builds are counted and can be awaited. */
function countingService(app: FastifyInstance): { service: ReportMapService; builds: () => number; settled: () => Promise<void> } {
  const inThread = app.store.reportMap.builder(0);
  const running: Promise<BuiltAnswer>[] = [];
  const service = new ReportMapService({
    map: app.store.reportMap, categories: app.categories,
    builder: (job) => {
      const built = Promise.resolve().then(() => inThread.build(job));
      running.push(built);
      return built;
    },
  }, { ...DEFAULT_REPORT_MAP_OPTIONS, pointLimit: 0, workers: 0 });
  return {
    service,
    builds: () => running.length,
    settled: async () => {
      await Promise.all(running);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const totalOf = (cached: CachedAnswer) => (JSON.parse(cached.body) as ReportMap).total;

/**
 * An answer the cache serves without a build. On SQLite at once (not a promise: the unit's
 * version is known without a query); on PostgreSQL after at most one read of the version
 * (another instance may have written), never after the build.
 */
async function servedFromCache(answer: CachedAnswer | Promise<CachedAnswer>): Promise<CachedAnswer> {
  if (TEST_STORE === 'sqlite') assert.ok(!(answer instanceof Promise), 'served at once, not a promise');
  return answer;
}

test('a write invalidates only the answers of units above it; no visitor waits for the rebuild', async (t) => {
  const app = await build(t);
  await plant(app, { unit: 'kpp-wejherowo' });
  await plant(app, { unit: 'kmp-olsztyn' });
  const { service, builds, settled } = countingService(app);
  const now = Date.now();
  const first = await service.answer({ unit: 'kwp-gdansk' }, now);
  const national = await service.answer({ unit: 'pl' }, now);
  assert.equal(builds(), 2);
  assert.equal(totalOf(first), 1);

  await plant(app, { unit: 'kmp-olsztyn' });
  assert.equal(await servedFromCache(service.answer({ unit: 'kwp-gdansk' }, now + 1)), first, 'a write in another voivodeship leaves it current');
  assert.equal(builds(), 2);
  assert.equal(await servedFromCache(service.answer({ unit: 'pl' }, now + 1)), national, 'the national answer is served as it was...');
  await settled();
  assert.equal(builds(), 3, '...while it is rebuilt in the background');
  assert.equal(totalOf(await service.answer({ unit: 'pl' }, now + 2)), 3);

  await plant(app, { unit: 'kpp-wejherowo' });
  const served = await servedFromCache(service.answer({ unit: 'kwp-gdansk' }, now + 3));
  assert.equal(served, first, 'served at once, stale');
  await settled();
  assert.equal(builds(), 4);
  assert.equal(totalOf(await service.answer({ unit: 'kwp-gdansk' }, now + 4)), 2, 'the rebuilt answer counts the new report');

  // 62 s without visitors: the expired answer is still served at once, and rebuilt.
  const rebuilt = await service.answer({ unit: 'kwp-gdansk' }, now + 4);
  const quiet = await servedFromCache(service.answer({ unit: 'kwp-gdansk' }, now + 62_000));
  assert.equal(quiet, rebuilt, 'the expired answer itself');
  assert.equal(totalOf(quiet), 2);
  await settled();
  assert.equal(builds(), 5);
  // Past two lifetimes nothing that old is served: the visitor waits for the build.
  const waited = service.answer({ unit: 'kwp-gdansk' }, now + 200_000);
  assert.ok(waited instanceof Promise);
  const fresh = await waited;
  assert.equal(builds(), 6, 'built for this visitor');
  assert.notEqual(fresh, quiet);
  assert.equal(totalOf(fresh), 2);
});
