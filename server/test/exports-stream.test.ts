import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { demoReports } from '../demo/seed-demo-reports.js';
import { newReportId } from '../reports/ids.js';
import type { FastifyInstance } from 'fastify';
import { build, TEST_STORE } from './helpers.js';
import { sqlOf } from './test-sql.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Live memory after a full collection: JS heap plus Buffers and other memory outside it. */
function liveBytes(): number {
  gc();
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

const REPORTS = 50_000;

/**
 * Loads REPORTS demo reports, all `new`, with a description no export may show. Other
 * triggers (the statistics and map aggregates) make each insert costly and have nothing to do
 * with exports; this test's own database loads faster without them (SQLite's R*Tree ones
 * stay; PostgreSQL's points are a generated column).
 */
async function load(app: FastifyInstance): Promise<void> {
  const deps = { units: app.units, powiats: app.powiats, locator: app.locator };
  // A tenth of them drawn (routing each point costs), each used ten times under new ids.
  const drawn = [...demoReports(deps, { count: REPORTS / 10, days: 300, seed: 6 })];
  const reports = Array.from({ length: REPORTS }, (_, i) => drawn[i % drawn.length]!);
  if (TEST_STORE === 'sqlite') {
    const triggers = app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'reports_rtree_%'").pluck().all() as string[];
    for (const name of triggers) app.db.exec(`DROP TRIGGER "${name}"`);
    // A bulk load into a throwaway file: no fsync, and a cache that holds it without spilling.
    app.db.pragma('synchronous = OFF');
    app.db.pragma('cache_size = -262144');
    app.db.transaction(() => {
      for (const r of reports) {
        app.reports.insert({ ...r, id: newReportId(), trackingHash: randomBytes(32), description: 'PRIVATE-TEXT', demo: true });
      }
    })();
    return;
  }
  // PostgreSQL: the same rows as the store's insert writes them (its history rows are not
  // exported), a few thousand per statement.
  const sql = sqlOf(app);
  await sql.run('ALTER TABLE reports DISABLE TRIGGER USER');
  for (let at = 0; at < reports.length; at += 5000) {
    const chunk = reports.slice(at, at + 5000);
    await sql.run(`INSERT INTO reports (id, unit_id, category, source, lon, lat, description, tracking_hash, created_at, updated_at, demo)
      SELECT id, unit_id, category, source, lon, lat, 'PRIVATE-TEXT', tracking_hash, created_at, created_at, 1
      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::bytea[], ?::text[])
        AS r (id, unit_id, category, source, lon, lat, tracking_hash, created_at)`,
    chunk.map(() => newReportId()), chunk.map((r) => r.unitId), chunk.map((r) => r.category), chunk.map((r) => r.source),
    chunk.map((r) => r.lon), chunk.map((r) => r.lat), chunk.map(() => randomBytes(32)), chunk.map((r) => r.createdAt));
  }
  assert.equal(await app.store.reports.count(), reports.length);
}

/**
 * The reasoning: server and client run in this process, and the client throws each chunk away
 * as it arrives. Sampled after a full GC, live memory then holds only what the server keeps
 * between chunks. An export built in memory (rows fetched with .all(), or the text joined
 * before sending) keeps the whole export alive while it is sent, so live memory would grow by
 * at least its size (~9 MB of CSV, ~19 MB of GeoJSON here). A streamed export holds about a
 * chunk (64 KB) plus the socket buffers. The bound below, a quarter of the export, is far above
 * the second and far below the first, so it tests the design, not the machine's speed.
 */
test(`national exports of ${REPORTS.toLocaleString('en')} reports stream with flat memory`, async (t) => {
  const app = await build(t);
  const loading = Date.now();
  await load(app);
  t.diagnostic(`loaded in ${Date.now() - loading} ms`);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };

  for (const kind of ['csv', 'geojson'] as const) {
    await t.test(kind, async (t) => {
      const started = Date.now();
      // Warm up: the first fetch loads undici and the first export prepares its caches.
      await (await fetch(`http://127.0.0.1:${port}/api/v1/exports/reports.${kind}?unit=pl&since=2001-01-01&until=2001-01-02`)).text();
      const baseline = liveBytes();
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/exports/reports.${kind}?unit=pl`);
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let bytes = 0;
      let lines = 0;
      let peak = 0;
      let nextSample = 0;
      let leaked = false;
      let tail = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        const text = decoder.decode(value, { stream: true });
        lines += text.split('\n').length - 1;
        // The marker may straddle two chunks: search with the end of the previous one.
        if ((tail + text).includes('PRIVATE-TEXT')) leaked = true;
        tail = text.slice(-16);
        if (bytes >= nextSample) {
          peak = Math.max(peak, liveBytes() - baseline);
          nextSample += 1024 * 1024;
        }
      }
      const growth = Math.max(peak, liveBytes() - baseline);
      t.diagnostic(`${(bytes / 1e6).toFixed(1)} MB in ${Date.now() - started} ms, peak live growth ${(growth / 1e6).toFixed(2)} MB`);
      assert.ok(!leaked, 'descriptions never reach an export');
      // Every report is `new`, so all but those of never-public categories are exported.
      assert.ok(lines > REPORTS * 0.9, `${lines} lines`);
      assert.ok(bytes > 5_000_000, `the export is large (${bytes} bytes)`);
      assert.ok(growth < bytes / 4, `live memory grew by ${growth} bytes for a ${bytes}-byte export`);
    });
  }
});
