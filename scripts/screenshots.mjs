/**
 * npm run screenshots: every view of the widget and the console, in headless Chromium, at a
 * desktop (1366×900) and a phone (390×844) size, as PNGs in var/screenshots/ (git-ignored).
 *
 * The server runs in this process on a temporary database (units seeded, 5,000 synthetic demo
 * reports, one staff admin made by the staff CLI for the console), listening on a free port;
 * the built widget (dist/) is served as `npm start` serves it. `SKIP_BUILD=1` uses the current
 * dist/ instead of running `npm run build:widget` first; `ONLY=kwp-map,console` narrows the shots.
 * Look at the pictures: a layout bug is seen in a second there, and missed by every test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import { startApp } from '../bench/start-app.mjs';

const OUT = 'var/screenshots';
const ONLY = process.env.ONLY?.split(',').filter(Boolean);
const SIZES = [
  { name: 'desktop', width: 1366, height: 900, deviceScaleFactor: 1 },
  { name: 'phone', width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];
const STAFF = { login: 'zrzuty', password: 'zrzuty-ekranu-2026', unit: 'kwp-olsztyn' };

if (process.env.SKIP_BUILD !== '1') execFileSync('npm', ['run', 'build:widget'], { stdio: 'inherit' });

const dataDir = mkdtempSync(join(tmpdir(), 'kmzb-shots-'));
const dbPath = join(dataDir, 'kmzb.sqlite');
// The staff CLI creates (and seeds) the database with the first admin, as an operator would.
execFileSync(process.execPath, ['--import', 'tsx', 'server/staff-cli.ts', 'add', '--login', STAFF.login, '--name', 'Zrzuty Ekranu', '--role', 'admin', '--unit', STAFF.unit], {
  env: { ...process.env, KMZB_DB: dbPath, KMZB_STAFF_PASSWORD: STAFF.password },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const { buildApp } = await tsImport('../server/app.ts', import.meta.url);
// Started again on the same database if seeding the reports outlasts the plugin timeout (a loaded machine).
const app = await startApp(buildApp, { dbPath, demoReports: 5000 });
await app.listen({ port: 0, host: '127.0.0.1' });
const origin = `http://127.0.0.1:${app.server.address().port}`;
mkdirSync(OUT, { recursive: true });

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars=false'],
});

/** Runs `fn(el, root)` in the page, with the first kmzb-map and its shadow root. */
const inWidget = (page, fn, ...args) =>
  page.evaluate((source, ...a) => {
    const el = document.querySelector('kmzb-map');
    return new Function('el', 'root', 'args', `return (${source})(el, root, args)`)(el, el.shadowRoot, a);
  }, fn.toString(), ...args);

/** Waits for the widget to be ready and its reports loaded (or failed), plus two frames. */
async function settle(page) {
  await page.waitForFunction(() => !!(customElements.get('kmzb-map') && document.querySelector('kmzb-map')?.shadowRoot), { timeout: 20_000 });
  await page.evaluate(() => document.querySelector('kmzb-map').ready);
  await page.waitForFunction(
    () => !document.querySelector('kmzb-map').shadowRoot.querySelector('.reports-message[data-state="loading"]'),
    { timeout: 20_000 },
  ).catch(() => {});
  await frames(page);
}

const frames = (page, n = 3) => page.evaluate((n) => new Promise((r) => { const f = () => (--n ? requestAnimationFrame(f) : setTimeout(r, 50)); requestAnimationFrame(f); }), n);
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

let shot = 0;
async function save(page, size, name, { element = true } = {}) {
  const file = join(OUT, `${size.name}-${name}.png`);
  if (element) {
    const el = await page.$('kmzb-map');
    await el.scrollIntoView();
    await frames(page, 2);
    await el.screenshot({ path: file });
  } else {
    await page.screenshot({ path: file, fullPage: true });
  }
  shot++;
  console.log(`  ${file}`);
}

/** Clicks an element inside the widget's shadow roots, found by a `>>>` piercing selector. */
async function click(page, selector) {
  const handle = await page.waitForSelector(selector, { timeout: 10_000 });
  await handle.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
  await handle.click();
  await frames(page);
}

/** One browser context per size: its own storage, so each size gets its own device token (one report a day). */
let context;
async function newPage(size) {
  const page = await context.newPage();
  await page.setViewport(size);
  page.on('pageerror', (error) => console.warn(`  page error: ${error.message}`));
  return page;
}

/** A public report id of the unit (points, not clusters: a town at street zoom). */
async function aReportId() {
  const answer = await app.inject({ url: '/api/v1/reports?unit=kmp-olsztyn&bbox=20.35,53.70,20.60,53.85&zoom=14' });
  const feature = answer.json().features.find((f) => f.properties.kind === 'report');
  return feature?.properties.id;
}

const scenes = {
  /** The KWP demo page, whole, then the widget's map view and its panels. */
  async 'kwp-map'(size) {
    const page = await newPage(size);
    await page.goto(`${origin}/kwp.html`);
    await page.evaluate(() => document.querySelector('kmzb-map').setAttribute('basemap', 'none'));
    await settle(page);
    await save(page, size, 'kwp-page', { element: false });
    await save(page, size, 'map');
    // A narrow widget keeps its panel (filters, legend, list) in a sheet over the map: open it.
    if (await page.$('kmzb-map >>> .panel-toggle[aria-expanded="false"]')) {
      const toggle = await page.$('kmzb-map >>> .panel-toggle');
      if (await toggle.isVisible()) await click(page, 'kmzb-map >>> .panel-toggle');
      await save(page, size, 'panel-open');
    }
    await click(page, 'kmzb-map >>> kmzb-report-filters >>> summary');
    await save(page, size, 'filters-open');
    await click(page, 'kmzb-map >>> kmzb-report-filters >>> summary');
    await click(page, 'kmzb-map >>> .legend summary');
    await save(page, size, 'legend-open');
    await click(page, 'kmzb-map >>> .legend summary');
    // The list at street zoom (points, not clusters), then a report's detail.
    await inWidget(page, (el) => el.map.getView().animate({ center: [2280000, 7128000], zoom: 12, duration: 0 }));
    await pause(800);
    await settle(page);
    await save(page, size, 'list');
    const id = await aReportId();
    if (id) {
      await page.evaluate((id) => document.querySelector('kmzb-map').setAttribute('report', id), id);
      await page.waitForSelector('kmzb-map >>> kmzb-report-detail:not([hidden]) >>> h3', { timeout: 10_000 }).catch(() => {});
      await settle(page);
      await save(page, size, 'detail');
    }
    await page.close();
  },

  /** Each step of the report form, from "Zgłoś zagrożenie" on the KWP page. */
  async 'kwp-report'(size) {
    const page = await newPage(size);
    await page.goto(`${origin}/kwp.html`);
    await page.evaluate(() => document.querySelector('kmzb-map').setAttribute('basemap', 'none'));
    await settle(page);
    await click(page, 'kmzb-map >>> #view-button');
    await page.waitForSelector('kmzb-map >>> kmzb-report-form >>> #step-heading');
    await frames(page);
    await save(page, size, 'report-1-place');
    // Zoom into Olsztyn and drop the pin at the centre from the keyboard.
    await inWidget(page, (el) => el.map.getView().animate({ center: [2280000, 7128000], zoom: 14, duration: 0 }));
    await frames(page);
    await page.focus('kmzb-map >>> #map');
    await page.keyboard.press('Enter');
    await page.waitForSelector('kmzb-map >>> kmzb-report-form >>> .nav button.primary:not([disabled])', { timeout: 10_000 });
    await frames(page);
    await save(page, size, 'report-1-place-pinned');
    await click(page, 'kmzb-map >>> kmzb-report-form >>> .nav button.primary');
    await page.waitForSelector('kmzb-map >>> kmzb-report-form >>> input[name="category"]', { timeout: 10_000 });
    await save(page, size, 'report-2-category');
    await inWidget(page, (el, root) => [...root.querySelector('kmzb-report-form').shadowRoot.querySelectorAll('input[name="category"]')].find((i) => i.value === 'illegal_parking').click());
    await click(page, 'kmzb-map >>> kmzb-report-form >>> .nav button.primary');
    await page.waitForFunction(() => ['details', 'duplicates'].includes(document.querySelector('kmzb-map').shadowRoot.querySelector('kmzb-report-form').step), { timeout: 10_000 });
    await frames(page);
    const step = await inWidget(page, (el, root) => root.querySelector('kmzb-report-form').step);
    await save(page, size, `report-3-${step}`);
    if (step === 'duplicates') {
      await inWidget(page, (el, root) => root.querySelector('kmzb-report-form').goTo('details'));
      await frames(page);
      await save(page, size, 'report-3-details');
    }
    await click(page, 'kmzb-map >>> kmzb-report-form >>> .nav button.primary[type="submit"]');
    await page.waitForFunction(() => ['sent', 'confirmed'].includes(document.querySelector('kmzb-map').shadowRoot.querySelector('kmzb-report-form').step) || document.querySelector('kmzb-map').shadowRoot.querySelector('kmzb-report-form').shadowRoot.querySelector('.error:not(:empty)'), { timeout: 10_000 }).catch(() => {});
    await frames(page);
    await save(page, size, 'report-4-sent');
    // The report's status in the widget's tracking view, from the sent step's button.
    if (await page.$('kmzb-map >>> kmzb-report-form >>> button.track')) {
      await click(page, 'kmzb-map >>> kmzb-report-form >>> button.track');
      await page.waitForSelector('kmzb-map >>> kmzb-report-track >>> dl', { timeout: 10_000 }).catch(() => {});
      await frames(page);
      await save(page, size, 'report-5-track');
    }
    // Tracking: back to the form's first step, where "my reports" lists the one just sent.
    await inWidget(page, (el) => el.setAttribute('view', 'map'));
    await frames(page);
    await inWidget(page, (el) => el.setAttribute('view', 'report'));
    await page.waitForSelector('kmzb-map >>> kmzb-report-form >>> details.mine summary', { timeout: 10_000 }).catch(() => {});
    if (await page.$('kmzb-map >>> kmzb-report-form >>> details.mine summary')) {
      await click(page, 'kmzb-map >>> kmzb-report-form >>> details.mine summary');
      await pause(500);
      await save(page, size, 'report-tracking');
    }
    await page.close();
  },

  /** The KPP demo page: the classic build opening the form at once. */
  async kpp(size) {
    const page = await newPage(size);
    await page.goto(`${origin}/kpp.html`);
    await page.evaluate(() => document.querySelector('kmzb-map').setAttribute('basemap', 'none'));
    await settle(page);
    await save(page, size, 'kpp-page', { element: false });
    await page.close();
  },

  async stats(size) {
    const page = await newPage(size);
    await page.goto(`${origin}/kwp.html`);
    await page.evaluate(() => document.querySelector('kmzb-map').setAttribute('basemap', 'none'));
    await settle(page);
    await click(page, 'kmzb-map >>> #view-stats');
    await page.waitForSelector('kmzb-map >>> kmzb-stats-view', { timeout: 10_000 });
    await pause(1500);
    await save(page, size, 'stats');
    await page.close();
  },

  /** The staff console: logged in through the API (same origin, as the login form does). */
  async console(size) {
    const page = await newPage(size);
    await page.goto(`${origin}/admin`);
    const ok = await page.evaluate(async ({ login, password }) => {
      const answer = await fetch('/api/v1/staff/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
      return answer.ok;
    }, STAFF);
    if (!ok) throw new Error('console login failed');
    // A hash change alone is no new load: reload, so the console checks the session again.
    await page.goto(`${origin}/admin#queue`);
    await page.reload();
    await page.waitForSelector('kmzb-console >>> table', { timeout: 15_000 }).catch(() => {});
    await pause(1000);
    await save(page, size, 'console-queue', { element: false });
    const reportId = await aReportId();
    if (reportId) {
      await page.goto(`${origin}/admin#report/${reportId}`);
      await page.reload();
      await pause(1500);
      await save(page, size, 'console-report', { element: false });
    }
    await page.close();
  },
};

try {
  for (const size of SIZES) {
    console.log(`${size.name} ${size.width}×${size.height}`);
    context = await browser.createBrowserContext();
    for (const [name, scene] of Object.entries(scenes)) {
      if (ONLY && !ONLY.includes(name)) continue;
      try {
        await scene(size);
      } catch (error) {
        console.warn(`  ${name} failed: ${error.message}`);
      }
    }
    await context.close();
  }
  console.log(`${shot} screenshots in ${OUT}/`);
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
