/**
 * bench:map-render — first render of 5,000 reports in headless Chromium: the built widget
 * (dist/widget/kmzb-map.js, basemap none, unit pl) next to a bare OpenLayers page drawing the
 * same GeoJSON. Time = navigation start → the first 'rendercomplete' after a frame in which the
 * report layer was drawn with all the features (its own 'postrender' says so).
 * The widget's unit and categories come from the real app (temporary database); its report
 * answer is the generated GeoJSON, as is the bare page's. Median of RUNS, and the ratio.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';

const RUNS = Number(process.env.RUNS ?? 7);
/** PROFILE=1: also print, for one widget load, when each request started and ended and the marks. */
const PROFILE = process.env.PROFILE === '1';
const POINTS = 5000;

// Reports spread over Poland, deterministic.
let seed = 42;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const statuses = ['new', 'verifying', 'confirmed', 'eliminated', 'forwarded', 'not_confirmed'];
const categories = ['illegal_parking', 'illegal_dump', 'vandalism', 'rail_level_crossing', 'stray_dogs', 'begging'];
const now = new Date().toISOString();
const reports = JSON.stringify({
  type: 'FeatureCollection', clustered: false, total: POINTS,
  features: Array.from({ length: POINTS }, (_, n) => {
    const id = `B${String(n).padStart(9, '0')}`;
    return {
      type: 'Feature', id,
      geometry: { type: 'Point', coordinates: [14.5 + random() * 9, 49.3 + random() * 5.2] },
      properties: { kind: 'report', id, category: categories[n % 6], status: statuses[n % 6], createdAt: now, updatedAt: now, confirmations: 0, unit: 'pl' },
    };
  }),
});

const bare = (await build({ entryPoints: ['bench/map-render-bare.js'], bundle: true, minify: true, write: false, format: 'esm' })).outputFiles[0].text;
const dataDir = mkdtempSync(join(tmpdir(), 'kmzb-bench-'));
const { buildApp } = await tsImport('../server/app.ts', import.meta.url);
const app = await buildApp({ dbPath: join(dataDir, 'kmzb.sqlite') });
await app.ready();

// Long tasks become measures under PROFILE (getEntries() does not keep them otherwise).
const observe = PROFILE
  ? `<script>new PerformanceObserver((l) => l.getEntries().forEach((e) => performance.measure('long task', { start: e.startTime, duration: e.duration }))).observe({ type: 'longtask' });</script>`
  : '';
// The widget's frame also holds its title bar, filters bar and list (38 %): 1270 px of frame
// give its map the bare page's 1000 × 700 px (PROFILE prints both), so both draw the same area.
const style = `${observe}<style>html,body{margin:0}#map,kmzb-map{display:block;width:1000px;height:700px}kmzb-map{height:1270px}</style>`;
const pages = {
  '/bare.html': `<!doctype html><html lang="pl">${style}<div id="map"></div><script type="module" src="/bare.js"></script></html>`,
  '/widget.html': `<!doctype html><html lang="pl">${style}<kmzb-map unit="pl" basemap="none" height="1270px" api="/"></kmzb-map>
<script type="module" src="/widget/kmzb-map.js"></script>
<script type="module">
  // Attach to the report layer as soon as the map has it; stop at the first complete frame in
  // which that layer was drawn with all the reports (see map-render-bare.js).
  const el = document.querySelector('kmzb-map');
  const wait = () => {
    const layer = el.map?.getAllLayers().find((l) => l.get('name') === 'reports');
    if (!layer) return requestAnimationFrame(wait);
    let drawn = false;
    layer.on('postrender', () => (drawn ||= layer.getSource().getFeatures().length === ${POINTS}));
    el.map.on('rendercomplete', () => {
      if (drawn && !window.__rendered) window.__rendered = performance.now();
    });
  };
  wait();
</script></html>`,
};
const types = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname.startsWith('/api/v1/reports')) return res.writeHead(200, { 'content-type': types['.json'] }).end(reports);
  if (url.pathname.startsWith('/api/')) {
    const answer = await app.inject({ method: 'GET', url: req.url });
    return res.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] }).end(answer.rawPayload);
  }
  if (pages[url.pathname]) return res.writeHead(200, { 'content-type': types['.html'] }).end(pages[url.pathname]);
  if (url.pathname === '/bare.js') return res.writeHead(200, { 'content-type': types['.js'] }).end(bare);
  if (url.pathname === '/reports.json') return res.writeHead(200, { 'content-type': types['.json'] }).end(reports);
  try {
    const body = readFileSync(join('dist', url.pathname));
    res.writeHead(200, { 'content-type': types[extname(url.pathname)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(0);
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1100,800'],
});
async function measure(path) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  await page.goto(origin + path);
  await page.waitForFunction(() => window.__rendered, { timeout: 30_000, polling: 20 });
  const ms = await page.evaluate(() => window.__rendered);
  if (PROFILE) {
    const entries = await page.evaluate(() =>
      performance.getEntries().filter((e) => e.entryType === 'resource' || e.entryType === 'mark' || e.entryType === 'measure' || e.entryType === 'longtask')
        .map((e) => ({ type: e.entryType, name: e.name.replace(location.origin, ''), start: e.startTime, end: e.startTime + e.duration })),
    );
    const size = await page.evaluate(() => JSON.stringify((window.map ?? document.querySelector('kmzb-map').map).getSize()));
    console.log(`${path}: rendered at ${ms.toFixed(0)} ms, map size ${size}`);
    for (const e of entries) console.log(`  ${e.type.padEnd(8)} ${e.start.toFixed(0).padStart(5)} → ${e.end.toFixed(0).padStart(5)}  ${e.name.slice(0, 90)}`);
  }
  await page.close();
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await measure('/bare.html'); // warm-up: Chromium's first page pays for process start
  await measure('/widget.html');
  const times = { bare: [], widget: [] };
  for (let i = 0; i < RUNS; i++) {
    times.bare.push(await measure('/bare.html'));
    times.widget.push(await measure('/widget.html'));
  }
  const [b, w] = [median(times.bare), median(times.widget)];
  console.log(`first render of ${POINTS} reports, median of ${RUNS} (ms from navigation start)`);
  console.log(`bare OpenLayers page  ${b.toFixed(0).padStart(6)}   runs: ${times.bare.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(`<kmzb-map> widget     ${w.toFixed(0).padStart(6)}   runs: ${times.widget.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(`ratio widget / bare   ${(w / b).toFixed(2)}   (target ≤ 1.30)`);
} finally {
  await browser.close();
  server.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
