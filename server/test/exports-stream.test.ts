import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { demoReports } from '../demo/seed-demo-reports.js';
import { newReportId } from '../reports/ids.js';
import { build } from './helpers.js';

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
  // Other triggers (the statistics aggregate) make each insert costly and have nothing to do
  // with exports; this test's own database loads faster without them. The R*Tree ones stay.
  const triggers = app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'reports_rtree_%'").pluck().all() as string[];
  for (const name of triggers) app.db.exec(`DROP TRIGGER "${name}"`);
  // A bulk load into a throwaway file: no fsync, and a cache that holds it without spilling.
  app.db.pragma('synchronous = OFF');
  app.db.pragma('cache_size = -262144');
  const insert = app.db.transaction(() => {
    const deps = { units: app.units, powiats: app.powiats, locator: app.locator };
    for (const r of demoReports(deps, { count: REPORTS, days: 300, seed: 6 })) {
      app.reports.insert({ ...r, id: newReportId(), trackingHash: randomBytes(32), description: 'PRIVATE-TEXT', demo: true });
    }
  });
  const loading = Date.now();
  insert();
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
