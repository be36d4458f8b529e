import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { STAFF_PREFIX } from '../../common/api.js';
import { DEFAULT_REPORT_LIMITS, kmzbApp } from '../app.js';
import { DEFAULT_REPORT_MAP_OPTIONS } from '../reports/report-map.js';
import { DEFAULT_LOGIN_LIMITS } from '../staff/login-throttle.js';
import { seededTemplate, tempDir, TEST_STORE } from './helpers.js';
import { testDatabase } from './pg-cluster.js';
import { OLSZTYN, jpegWithExif, postReport, postReportWithPhotos } from './report-helpers.js';
import { addStaff, logIn, PASSWORD, staffInject } from './staff-helpers.js';

const ROLES = ['anonymous', 'otherCountyOfficer', 'countyOfficer', 'hqAdmin', 'nationalAdmin'] as const;
type Role = (typeof ROLES)[number];
const STAFF: Role[] = ['countyOfficer', 'hqAdmin', 'nationalAdmin', 'otherCountyOfficer'];
const IN_SCOPE: Role[] = ['countyOfficer', 'hqAdmin', 'nationalAdmin'];
const ADMINS: Role[] = ['hqAdmin', 'nationalAdmin'];

interface Ctx {
  app: FastifyInstance;
  report: () => Promise<{ id: string; version: number }>;
  n: number;
}

/**
 * Every staff route: how to call it for one cell of the matrix, and who may. A route that
 * is registered but missing here fails the first test, so no route skips the matrix.
 */
const MATRIX: Record<string, { allowed: Role[]; request: (ctx: Ctx) => Promise<InjectOptions> }> = {
  'POST /api/v1/staff/session': { allowed: [...ROLES], request: async () => ({ method: 'POST', url: '/api/v1/staff/session', payload: { login: 'county', password: PASSWORD } }) },
  'DELETE /api/v1/staff/session': { allowed: STAFF, request: async () => ({ method: 'DELETE', url: '/api/v1/staff/session' }) },
  'GET /api/v1/staff/me': { allowed: STAFF, request: async () => ({ method: 'GET', url: '/api/v1/staff/me' }) },
  'GET /api/v1/staff/reports': { allowed: IN_SCOPE, request: async () => ({ method: 'GET', url: '/api/v1/staff/reports?unit=kmp-olsztyn' }) },
  'POST /api/v1/staff/reports': {
    allowed: IN_SCOPE,
    request: async () => ({ method: 'POST', url: '/api/v1/staff/reports', payload: { ...OLSZTYN, category: 'illegal_parking', source: 'debate' } }),
  },
  'GET /api/v1/staff/reports/:id': { allowed: IN_SCOPE, request: async ({ report }) => ({ method: 'GET', url: `/api/v1/staff/reports/${(await report()).id}` }) },
  'GET /api/v1/staff/reports/:id/photos/:n': {
    allowed: IN_SCOPE,
    request: async ({ app, n }) => {
      const response = await postReportWithPhotos(app, { ...OLSZTYN, category: 'illegal_parking' }, [jpegWithExif()], { ip: `203.0.113.${n}` });
      return { method: 'GET', url: `/api/v1/staff/reports/${response.json<{ id: string }>().id}/photos/1` };
    },
  },
  'POST /api/v1/staff/reports/:id/status': {
    allowed: IN_SCOPE,
    request: async ({ report }) => {
      const { id, version } = await report();
      return { method: 'POST', url: `/api/v1/staff/reports/${id}/status`, payload: { status: 'verifying', version } };
    },
  },
  // Scope is checked per report inside: staff out of scope get 200 with each report refused (REPORT_NOT_FOUND).
  'POST /api/v1/staff/reports/bulk-status': {
    allowed: STAFF,
    request: async ({ report }) => {
      const { id, version } = await report();
      return { method: 'POST', url: '/api/v1/staff/reports/bulk-status', payload: { status: 'verifying', reports: [{ id, version }] } };
    },
  },
  'POST /api/v1/staff/reports/:id/duplicate-of': {
    allowed: IN_SCOPE,
    request: async ({ report }) => {
      const original = await report();
      const { id, version } = await report();
      return { method: 'POST', url: `/api/v1/staff/reports/${id}/duplicate-of`, payload: { original: original.id, version } };
    },
  },
  'GET /api/v1/staff/units/:id/config': { allowed: ADMINS, request: async () => ({ method: 'GET', url: '/api/v1/staff/units/kmp-olsztyn/config' }) },
  'PUT /api/v1/staff/units/:id/config': {
    allowed: ADMINS, request: async () => ({ method: 'PUT', url: '/api/v1/staff/units/kmp-olsztyn/config', payload: { accentColor: '#112233' } }),
  },
  'GET /api/v1/staff/accounts': { allowed: ADMINS, request: async () => ({ method: 'GET', url: '/api/v1/staff/accounts' }) },
  'POST /api/v1/staff/accounts': {
    allowed: ADMINS,
    request: async ({ n }) => ({
      method: 'POST', url: '/api/v1/staff/accounts',
      payload: { login: `new-${n}`, displayName: 'New Officer', role: 'officer', unit: 'kmp-olsztyn', password: PASSWORD },
    }),
  },
  'PATCH /api/v1/staff/accounts/:id': {
    allowed: ADMINS,
    request: async ({ app, n }) => ({ method: 'PATCH', url: `/api/v1/staff/accounts/${await addStaff(app, `target-${n}`, 'officer', 'kmp-olsztyn')}`, payload: { displayName: 'Renamed' } }),
  },
  'GET /api/v1/staff/me/notifications': { allowed: STAFF, request: async () => ({ method: 'GET', url: '/api/v1/staff/me/notifications' }) },
  'PUT /api/v1/staff/me/notifications': { allowed: STAFF, request: async () => ({ method: 'PUT', url: '/api/v1/staff/me/notifications', payload: { newReports: true } }) },
  'GET /api/v1/staff/mail': { allowed: ADMINS, request: async () => ({ method: 'GET', url: '/api/v1/staff/mail' }) },
  'GET /api/v1/staff/audit': { allowed: ADMINS, request: async () => ({ method: 'GET', url: '/api/v1/staff/audit' }) },
  'POST /api/v1/staff/crime-stats/import': {
    allowed: ADMINS,
    request: async () => ({
      method: 'POST', url: '/api/v1/staff/crime-stats/import?dryRun=true', headers: { 'content-type': 'text/csv' },
      payload: 'teryt,year,month,category,count\n2862,2025,1,theft,1\n',
    }),
  },
};

/** The real application plugin in an instance whose onRoute hook lists what gets registered. */
async function appWithRouteList(t: TestContext): Promise<{ app: FastifyInstance; routes: string[] }> {
  const dir = tempDir(t);
  const dbPath = join(dir, 'kmzb.sqlite');
  // The suite's store: a copy of the seeded SQLite file, or a clone of the seeded PostgreSQL template.
  const database = TEST_STORE === 'postgres' ? await testDatabase({ seeded: true }) : undefined;
  if (!database) copyFileSync(seededTemplate(), dbPath);
  const app = Fastify({ ajv: { customOptions: { removeAdditional: 'all' } } });
  // Closed before its database is dropped.
  t.after(async () => {
    await app.close();
    await database?.drop();
  });
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat().filter((m) => m !== 'HEAD');
    // HEAD twins of GET routes behave like their GET; staff paths include the session routes.
    if (route.url.startsWith(`${STAFF_PREFIX}/`)) for (const m of methods) routes.push(`${m} ${route.url}`);
  });
  await app.register(kmzbApp, {
    dbPath, databaseUrl: database?.url, distDir: join(dir, 'none'), demoDir: join(dir, 'none'), demoReports: 0,
    limits: { ...DEFAULT_REPORT_LIMITS, perDevice: 1000, perNetwork: 1000, writesPerMinute: 10_000 },
    reportMap: DEFAULT_REPORT_MAP_OPTIONS, loginLimits: DEFAULT_LOGIN_LIMITS,
  });
  await app.ready();
  return { app, routes };
}

test('every registered staff route is in the authorisation matrix, and every matrix row is a route', async (t) => {
  const { routes } = await appWithRouteList(t);
  assert.deepEqual([...new Set(routes)].sort(), Object.keys(MATRIX).sort());
});

test('each staff route answers each kind of caller exactly as the matrix says', async (t) => {
  const { app } = await appWithRouteList(t);
  await addStaff(app, 'other', 'officer', 'kmp-gdansk');
  await addStaff(app, 'county', 'officer', 'kmp-olsztyn');
  await addStaff(app, 'hq', 'admin', 'kwp-olsztyn');
  await addStaff(app, 'national', 'admin', 'pl');
  const logins: Record<Role, string | undefined> = {
    anonymous: undefined, otherCountyOfficer: 'other', countyOfficer: 'county', hqAdmin: 'hq', nationalAdmin: 'national',
  };
  let n = 0;
  const report = async () => {
    n++;
    const response = await postReport(app, { ...OLSZTYN, category: 'illegal_parking' }, { ip: `192.0.2.${n % 250}` });
    return { id: response.json<{ id: string }>().id, version: 1 };
  };
  for (const [route, { allowed, request }] of Object.entries(MATRIX)) {
    for (const role of ROLES) {
      n++;
      // A fresh session per cell: logging out in one cell must not affect the next.
      const login = logins[role];
      const cookie = login === undefined ? undefined : await logIn(app, login);
      const response = await staffInject(app, cookie, await request({ app, report, n }));
      const ok = response.statusCode < 400;
      assert.equal(ok, allowed.includes(role), `${route} as ${role}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      if (!ok) {
        const expected = role === 'anonymous' ? [401] : [403, 404];
        assert.ok(expected.includes(response.statusCode), `${route} as ${role}: ${response.statusCode}`);
      }
    }
  }
});
