/**
 * bench:page — the KWP demo page as a citizen's phone loads it: headless Chromium with the CPU
 * throttled 4× through the DevTools protocol, RUNS loads (default 5), each printing largest
 * contentful paint, total blocking time (long tasks after first contentful paint, each beyond
 * 50 ms, until the page is ready and a second has passed), cumulative layout shift (a
 * `layout-shift` PerformanceObserver, shifts after input left out) and the time to ready, beside
 * the same figures of the bare OpenLayers page of bench:map-render (bench/map-render-bare.js)
 * drawing the same reports in a page of its own.
 *
 * The widget is the built one (run `npm run build:widget` first); its API is the real app on a
 * temporary database with the 5,000 demo reports; the demo page is served as it is, except
 * basemap="none" (no tiles here: no network). Medians, and the widget/bare ratios.
 * SIZE=desktop measures at 1366×900 instead of 390×844. PROFILE=1 prints each load's long tasks
 * and requests; TRACE=1 traces each load and names what each long task spent its time on
 * (bench/trace-tasks.mjs).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { startApp } from './start-app.mjs';
import { longTasks, TRACE_CATEGORIES } from './trace-tasks.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const SIZE = process.env.SIZE === 'desktop' ? { width: 1366, height: 900 } : { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const THROTTLE = 4;
/** TRACE=1: each load traced, its long tasks listed with what they spent their time on (slows the page a little). */
const TRACE = process.env.TRACE === '1';

const dataDir = mkdtempSync(join(tmpdir(), 'kmzb-page-'));
const { buildApp } = await tsImport('../server/app.ts', import.meta.url);
const app = await startApp(buildApp, { dbPath: join(dataDir, 'kmzb.sqlite'), demoReports: 5000 });

// The bare page draws the reports the widget is answered with for the unit's area.
const unit = (await app.inject({ url: '/api/v1/units/kwp-olsztyn' })).json();
const reportsJson = (await app.inject({ url: `/api/v1/reports?unit=kwp-olsztyn&bbox=${unit.bbox.join(',')}&zoom=8` })).rawPayload;
const bare = (await build({ entryPoints: ['bench/map-render-bare.js'], bundle: true, minify: true, write: false, format: 'esm' })).outputFiles[0].text;
const kwp = readFileSync('demo/kwp.html', 'utf8').replace('<kmzb-map unit="kwp-olsztyn">', '<kmzb-map unit="kwp-olsztyn" basemap="none">');
if (kwp === readFileSync('demo/kwp.html', 'utf8')) throw new Error('demo/kwp.html: the <kmzb-map> tag changed; update bench/page.mjs');
// The bare page in the same host page: its map where the widget is, as tall as the widget's map.
const barePage = kwp
  .replace('<script type="module" src="/widget/kmzb-map.js"></script>', '<style>#map{height:min(80vh,640px);border:1px solid #c9ccd1}</style>')
  .replace('<kmzb-map unit="kwp-olsztyn" basemap="none"></kmzb-map>', '<div id="map"></div><script type="module" src="/bare.js"></script>');

const types = { '.js': 'text/javascript', '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/kwp.html') return res.writeHead(200, { 'content-type': types['.html'] }).end(kwp);
  if (url.pathname === '/kwp-osm.html') return res.writeHead(200, { 'content-type': types['.html'] }).end(readFileSync('demo/kwp.html'));
  if (url.pathname === '/bare.html') return res.writeHead(200, { 'content-type': types['.html'] }).end(barePage);
  if (url.pathname === '/bare.js') return res.writeHead(200, { 'content-type': types['.js'] }).end(bare);
  if (url.pathname === '/reports.json') return res.writeHead(200, { 'content-type': types['.json'] }).end(reportsJson);
  if (url.pathname.startsWith('/api/')) {
    const answer = await app.inject({ method: 'GET', url: req.url });
    return res.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] }).end(answer.rawPayload);
  }
  let body;
  try {
    body = readFileSync(url.pathname.startsWith('/widget/') ? join('dist', url.pathname) : join('demo', url.pathname));
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { 'content-type': types[extname(url.pathname)] ?? 'application/octet-stream' }).end(body);
});
await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

/** Collects paints, long tasks and layout shifts from the start of the document. */
const OBSERVE = `(() => {
  const m = (window.__metrics = { lcp: 0, fcp: 0, longTasks: [], cls: 0, ready: 0 });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => (m.lcp = e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => e.name === 'first-contentful-paint' && (m.fcp = e.startTime))).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => m.longTasks.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (!e.hadRecentInput) m.cls += e.value; })).observe({ type: 'layout-shift', buffered: true });
  customElements.whenDefined('kmzb-map').then(() => document.querySelector('kmzb-map').ready).then(() => (m.ready = performance.now()));
})();`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

async function measure(path) {
  const page = await browser.newPage();
  await page.setViewport(SIZE);
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.evaluateOnNewDocument(OBSERVE);
  if (TRACE) await page.tracing.start({ categories: TRACE_CATEGORIES });
  await page.goto(origin + path, { waitUntil: 'load' });
  const readyKey = path === '/bare.html' ? '__rendered' : '__metrics.ready';
  await page.waitForFunction(`!!window.${readyKey}`, { timeout: 60_000, polling: 50 });
  await new Promise((resolve) => setTimeout(resolve, 1000)); // late shifts and tasks
  const metrics = await page.evaluate(() => ({ ...window.__metrics, rendered: window.__rendered }));
  if (TRACE) printTrace(path, metrics, JSON.parse(Buffer.from(await page.tracing.stop()).toString()));
  if (process.env.PROFILE === '1') {
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.responseEnd)]));
    console.log(path, 'fcp', Math.round(metrics.fcp), 'ready', Math.round(metrics.ready || metrics.rendered));
    for (const [start, duration] of metrics.longTasks) console.log(`  long task ${Math.round(start)} +${Math.round(duration)}`);
    for (const [name, start, end] of resources) console.log(`  ${String(start).padStart(5)} → ${String(end).padStart(5)} ${name.slice(0, 80)}`);
  }
  await page.close();
  const ready = path === '/bare.html' ? metrics.rendered : metrics.ready;
  const tbt = metrics.longTasks.filter(([start]) => start >= metrics.fcp).reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
  return { lcp: metrics.lcp, tbt, cls: metrics.cls, ready };
}

const sourceMaps = new Map();
/** A position in a built widget script as its source names it ("render kmzb-map.component.ts:270"), through the build's source map. */
function widgetSource(url, line, column) {
  const path = new URL(url).pathname;
  if (!path.startsWith('/widget/')) return undefined;
  if (!sourceMaps.has(path)) {
    try {
      sourceMaps.set(path, new TraceMap(readFileSync(join('dist', `${path}.map`), 'utf8')));
    } catch {
      sourceMaps.set(path, undefined);
    }
  }
  const map = sourceMaps.get(path);
  const found = map && originalPositionFor(map, { line, column });
  if (!found?.source) return undefined;
  const file = found.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '').replace(/^widget\/src\//, '');
  return `${found.name ? `${found.name} ` : ''}${file}:${found.line}`;
}

/** TRACE=1: the load's long tasks from its trace, each with its main cause and its top JavaScript functions. */
function printTrace(path, metrics, trace) {
  const ms = (n) => `${n.toFixed(0)} ms`;
  console.log(`${path} fcp ${ms(metrics.fcp)} ready ${ms(metrics.ready || metrics.rendered || 0)}: long tasks (trace)`);
  for (const task of longTasks(trace, path, widgetSource)) {
    console.log(`  ${ms(task.start).padStart(8)} +${ms(task.duration).padEnd(7)} ${task.cause}`);
    console.log(`      events: ${task.events.map(([name, time]) => `${name} ${time.toFixed(0)}`).join(', ')}`);
    if (task.forced.length) console.log(`      forced: ${task.forced.slice(0, 3).map(([name, time]) => `${name} ${time.toFixed(0)}`).join(', ')}`);
    if (task.functions.length) console.log(`      js self: ${task.functions.slice(0, 3).map(([name, time]) => `${name} ${time.toFixed(0)}`).join(', ')}`);
    // Self time by package (ol, lit …) or the widget's own sources: what a split of the bundle would move.
    const packages = new Map();
    for (const [name, time] of task.functions) {
      const source = / (\S+):\d+$/.exec(name)?.[1];
      const key = !source ? 'native' : source.endsWith('.ts') ? 'widget' : source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
      packages.set(key, (packages.get(key) ?? 0) + time);
    }
    console.log(`      js by package: ${[...packages].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([key, time]) => `${key} ${time.toFixed(0)}`).join(', ')}`);
    // With callees: the widget's own functions (its TypeScript sources) say which part of it ran.
    const own = task.stacks.filter(([name]) => /\.ts:\d+$/.test(name)).slice(0, 6);
    const stacks = own.length ? own : task.stacks.slice(0, 4);
    if (stacks.length) console.log(`      js with callees: ${stacks.map(([name, time]) => `${name} ${time.toFixed(0)}`).join(', ')}`);
  }
}

/**
 * The JavaScript a default embed (basemap OSM) downloads before its first frame with tiles: the
 * demo page as published, OSM's tile requests answered with the WMTS fixture's tile (no network
 * here), until the map's first complete render after a tile drew. Each file counted at its gzip
 * size (level 9, as a server with static compression sends it).
 */
async function defaultEmbedJs() {
  const page = await browser.newPage();
  await page.setViewport(SIZE);
  await page.setRequestInterception(true);
  const tile = readFileSync('widget/src/map/fixtures/wmts/tile.png');
  page.on('request', (request) => {
    if (request.url().includes('tile.openstreetmap.org')) void request.respond({ status: 200, contentType: 'image/png', body: tile, headers: { 'access-control-allow-origin': '*' } });
    else void request.continue();
  });
  await page.goto(`${origin}/kwp-osm.html`, { waitUntil: 'load' });
  const files = await page.evaluate(async () => {
    const el = document.querySelector('kmzb-map');
    await customElements.whenDefined('kmzb-map');
    await el.ready;
    const map = el.map;
    const basemap = () => map.getAllLayers().find((l) => l.get('name') === 'basemap');
    // The first complete render after the basemap layer drew its tiles.
    await new Promise((resolve) => {
      const check = () => (basemap()?.getSource()?.getState() === 'ready' && basemap().rendered ? resolve() : map.once('rendercomplete', check));
      check();
    });
    return performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/widget/') && p.endsWith('.js'));
  });
  await page.close();
  const sizes = files.map((file) => ({ file: file.slice('/widget/'.length), gzip: gzipSync(readFileSync(join('dist', file)), { level: 9 }).length }));
  return { sizes, total: sizes.reduce((sum, f) => sum + f.gzip, 0) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await measure('/bare.html'); // warm-up: Chromium's first page pays for process start
  const runs = { bare: [], widget: [] };
  for (let i = 0; i < RUNS; i++) {
    runs.bare.push(await measure('/bare.html'));
    runs.widget.push(await measure('/kwp.html'));
  }
  const row = (name, key, digits, unit) => {
    const [b, w] = [median(runs.bare.map((r) => r[key])), median(runs.widget.map((r) => r[key]))];
    const ratio = b > 0 ? (w / b).toFixed(2) : '–';
    const all = runs.widget.map((r) => r[key].toFixed(digits)).join(' ');
    console.log(`${name.padEnd(26)} ${w.toFixed(digits).padStart(8)} ${b.toFixed(digits).padStart(8)} ${ratio.padStart(6)}   ${unit}  widget runs: ${all}`);
  };
  console.log(`KWP demo page, ${SIZE.width}×${SIZE.height}, CPU ${THROTTLE}× slower, median of ${RUNS}`);
  console.log(`${''.padEnd(26)} ${'widget'.padStart(8)} ${'bare'.padStart(8)} ${'ratio'.padStart(6)}`);
  row('largest contentful paint', 'lcp', 0, 'ms');
  row('total blocking time', 'tbt', 0, 'ms');
  row('cumulative layout shift', 'cls', 3, '  ');
  row('time to ready', 'ready', 0, 'ms');
  console.log('targets: CLS ≤ 0.02, blocking time ≤ 1.2 × the bare page');
  const js = await defaultEmbedJs();
  console.log(`default embed (basemap osm), JavaScript before the first frame with tiles: ${(js.total / 1024).toFixed(1)} KiB gzip`);
  for (const { file, gzip } of js.sizes) console.log(`  ${file.padEnd(40)} ${(gzip / 1024).toFixed(1).padStart(6)} KiB`);
  console.log('target: ≤ 120 KB gzip in total');
} finally {
  await browser.close();
  server.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
