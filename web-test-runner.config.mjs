import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './build/free-port.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';
import { cssStringWtr } from './build/css-string.mjs';

/**
 * Browser tests of the widget, in headless Chromium, against the real API: the server's app runs
 * in this process on a temporary SQLite file (seeded on first start), and `/api/` requests to the
 * test server are handed to it with `app.inject`, so tests need no port, no fixture and no network.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'kmzb-wtr-'));
const port = await freePort();
const appReady = tsImport('./server/app.ts', import.meta.url).then(async ({ buildApp }) => {
  // The minimum password cost: the console tests log in many times (2^17 takes 0.6 s a login).
  // Links the server writes (tracking links) point at this test server, as KMZB_PUBLIC_URL would.
  // Every test file reports from 127.0.0.1: the per-network cap (30 a day) and the burst throttle
  // (60 writes a minute) would refuse later files' reports in a long run; the per-device rule stays.
  const app = await buildApp({
    dbPath: join(dataDir, 'kmzb.sqlite'),
    passwordCostLog2: 14,
    publicUrl: `http://localhost:${port}`,
    reportLimits: { perNetwork: 100_000, writesPerMinute: 100_000 },
  });
  await app.ready();
  await seedMapFixture(app);
  await seedConsoleStaff(app);
  await seedCrimeStats(app);
  return app;
});
// Not awaited here: seeding overlaps the browser's start. Avoid an unhandled rejection meanwhile.
appReady.catch(() => {});

/**
 * The reports the map tests expect (widget/src/components/kmzb-map/report-map.fixtures.ts), written
 * through the server's own repository, with their status history and confirmations.
 */
async function seedMapFixture(app) {
  const { FIXTURE_UNIT, FIXTURE_REPORTS } = await tsImport('./widget/src/components/kmzb-map/report-map.fixtures.ts', import.meta.url);
  const ago = (days) => new Date(Date.now() - days * 86_400_000).toISOString();
  app.db.transaction(() => {
    for (const report of FIXTURE_REPORTS) {
      const { id, category, lon, lat } = report;
      app.reports.insert({ id, unitId: FIXTURE_UNIT, category, lon, lat, trackingHash: randomBytes(32), createdAt: ago(report.daysAgo) });
      for (const step of report.steps) app.reports.changeStatus(id, ago(step.daysAgo), step.status, step.note);
      for (let n = 0; n < report.confirmations; n++) app.reports.confirm(id, ago(0.5), randomBytes(32));
    }
  })();
}

/**
 * The staff accounts the console tests log in with (widget/src/console/console.fixtures.ts),
 * written through the server's own repository with its own password hashing.
 */
async function seedConsoleStaff(app) {
  const { FIXTURE_STAFF } = await tsImport('./widget/src/console/console.fixtures.ts', import.meta.url);
  const { StaffRepository } = await tsImport('./server/db/staff-repository.ts', import.meta.url);
  const { hashPassword, usePasswordCost } = await tsImport('./server/staff/passwords.ts', import.meta.url);
  usePasswordCost(14); // this loader's own copy of the module: the same cost as the app's
  const staff = new StaffRepository(app.db);
  for (const [n, account] of FIXTURE_STAFF.entries()) {
    const { login, displayName, role, unit, password } = account;
    staff.insert({ id: `wtr-staff-${n}`, login, displayName, role, unitId: unit, passwordHash: await hashPassword(password), createdAt: new Date().toISOString() });
  }
}

/**
 * Police crime figures for the fixture unit's powiat (widget/src/components/kmzb-stats/stats.fixtures.ts),
 * written through the store port as an import by the first console account would.
 */
async function seedCrimeStats(app) {
  const { fixtureCrimeRows } = await tsImport('./widget/src/components/kmzb-stats/stats.fixtures.ts', import.meta.url);
  await app.store.unit((tx) => tx.crimeStats.write(fixtureCrimeRows(), new Date().toISOString(), 'wtr-staff-0'));
}

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

/** @type {import('@web/dev-server-core').Middleware} */
async function apiMiddleware(ctx, next) {
  // The widget bundle the server's own pages load (the tracking page /r/:id): here, the sources.
  if (ctx.path === '/widget/kmzb-map.js') {
    ctx.type = 'application/javascript';
    ctx.body = "import '/widget/src/kmzb-map.ts';\n";
    return;
  }
  // Without an `api` attribute the widget asks next to its script: served from the sources here,
  // that is /widget/src/api/v1/…, which the built bundle (/widget/kmzb-map.js) makes /api/v1/….
  const api = ctx.path.indexOf('/api/v1/');
  if (api < 0 && !ctx.path.startsWith('/r/')) return next();
  const app = await appReady;
  const response = await app.inject({
    method: ctx.method,
    url: api > 0 ? ctx.url.slice(api) : ctx.url,
    headers: ctx.headers,
    payload: await readBody(ctx.req),
  });
  ctx.status = response.statusCode;
  for (const [name, value] of Object.entries(response.headers)) {
    // Koa sets the length and encoding of the body it sends itself.
    if (!['content-length', 'transfer-encoding', 'connection'].includes(name)) ctx.set(name, Array.isArray(value) ? value : String(value));
  }
  ctx.body = response.rawPayload;
}

/** Closes the app (and its database) and removes the temporary data when the run ends. */
const apiLifecycle = {
  name: 'kmzb-api',
  async serverStop() {
    await (await appReady.catch(() => undefined))?.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
};

export default {
  files: 'widget/src/**/*.test.ts',
  port,
  nodeResolve: true,
  middleware: [apiMiddleware],
  plugins: [apiLifecycle, cssStringWtr(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
};
