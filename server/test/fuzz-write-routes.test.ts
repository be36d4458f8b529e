/**
 * Property-based fuzzing of every public write route (issue 10, "Keep it tested"): at least
 * 1,000 generated requests per route, mixing structurally valid but odd bodies with wrong
 * content types, cut-short bodies and random bytes (fuzz-bodies.ts, fuzz-forms.ts). Each
 * answer must be below 500 and, when an error, carry a documented code (common/errors.ts) in
 * the product's format, or in the Open311 format under its prefix; no request may stall; and
 * the app must still take a good request afterwards.
 *
 * The seed is printed; replay a failure with
 *   KMZB_FUZZ_SEED=<seed> node --import tsx --test server/test/fuzz-write-routes.test.ts
 * and KMZB_FUZZ_RUNS=<n> runs more (or fewer) requests per route.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ApiPath, DEVICE_HEADER, OPEN311_PREFIX, StaffPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import type { AppOptions } from '../app.js';
import {
  FRESH_DEVICE, bodyBytes, sometimes, contentType, deviceHeader, headerText, loginJson, oddHeaders, pathId, randomBytes, reportJson, statusChangeJson,
  type FuzzRequest,
} from './fuzz-bodies.js';
import { crimeCsv, multipartRequest, open311Body } from './fuzz-forms.js';
import { usePasswordCost } from '../staff/passwords.js';
import { build } from './helpers.js';
import { sqlOf } from './test-sql.js';
import { parseXml } from './xml-check.js';
import { OLSZTYN, newDevice, postReport } from './report-helpers.js';
import { PASSWORD, SAME_ORIGIN, addStaff, logIn, olsztynReport, staffInject } from './staff-helpers.js';

// Reading the environment is the server's config.ts's job; a test may choose its own seed.
const SEED = process.env.KMZB_FUZZ_SEED ? Number(process.env.KMZB_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = process.env.KMZB_FUZZ_RUNS ? Number(process.env.KMZB_FUZZ_RUNS) : 1000;
console.log(`fuzz-write-routes: seed ${SEED}, ${RUNS} requests per route (replay: KMZB_FUZZ_SEED=${SEED})`);

// This file tests input handling, not hashing: at scrypt 2^10 (1 MiB, about 1 ms) the few
// hundred logins that pass the schema fit in CI time. Set after helpers.js's own setting,
// before the first hash; each test file runs in its own process, so no other file sees it.
usePasswordCost(10);

const PARAMETERS = { seed: SEED, numRuns: RUNS } as const;
const CODES = new Set<string>(Object.values(ErrorCode));
/** A request that takes this long is stalled (each takes milliseconds). */
const STALL_MS = 15_000;

/**
 * The daily rule and the throttles raised, so that thousands of requests from one test
 * address still reach the checks behind them (the rules themselves have their own tests).
 */
const OPEN_LIMITS: Partial<AppOptions> = {
  // As behind a reverse proxy: X-Forwarded-* headers are generated too.
  trustProxy: true,
  reportLimits: { perDevice: 1, perNetwork: 1_000_000_000, writesPerMinute: 1_000_000_000 },
  loginLimits: { perPair: 1_000_000_000, perAccount: 1_000_000_000, perNetwork: 1_000_000_000 },
};

/** Sends a generated request, a fresh device token in place of FRESH_DEVICE, and fails on a stall. */
async function send(app: FastifyInstance, method: 'POST', url: string, request: FuzzRequest): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value === FRESH_DEVICE ? newDevice() : value;
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${STALL_MS} ms`)), STALL_MS);
  });
  try {
    return await Promise.race([
      app.inject({ method, url, headers, payload: withFreshDevices(request.payload), remoteAddress: '192.0.2.1' }),
      stalled,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** FRESH_DEVICE inside a body (raw or url-encoded) becomes a new token each time. */
function withFreshDevices(payload: Buffer): Buffer {
  let text = payload.toString('latin1');
  for (const needle of [FRESH_DEVICE, encodeURIComponent(FRESH_DEVICE)]) text = text.split(needle).join(newDevice());
  return Buffer.from(text, 'latin1');
}

/** How often each answer came, e.g. `400 INVALID_REQUEST`: printed, to see what the bodies reached. */
class Tally {
  private readonly counts = new Map<string, number>();

  add(response: LightMyRequestResponse, code: string | undefined): void {
    const key = `${response.statusCode}${code ? ` ${code}` : ''}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  print(route: string): void {
    const parts = [...this.counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key} x${n}`);
    console.log(`${route}: ${parts.join(', ')}`);
  }
}

function describe(response: LightMyRequestResponse): string {
  return `${response.statusCode} ${String(response.headers['content-type'])} ${response.body.slice(0, 300)}`;
}

/** Below 500; an error is JSON in the product's format with a documented code. */
function assertDocumented(response: LightMyRequestResponse): string | undefined {
  assert.ok(response.statusCode < 500, `a 5xx: ${describe(response)}`);
  if (response.statusCode < 400) return undefined;
  assert.match(String(response.headers['content-type']), /^application\/json/, describe(response));
  const body = response.json<{ statusCode: unknown; code: unknown; message: unknown }>();
  assert.ok(typeof body.code === 'string' && CODES.has(body.code), `undocumented code: ${describe(response)}`);
  assert.equal(body.statusCode, response.statusCode, describe(response));
  assert.equal(typeof body.message, 'string', describe(response));
  return body.code;
}

/**
 * Below 500; an error is Open311's `[{code, description}]` (JSON) or `<errors><error>` (XML,
 * well-formed), its code the HTTP status and its description starting with a documented code.
 */
function assertOpen311(response: LightMyRequestResponse, format: 'json' | 'xml'): string | undefined {
  assert.ok(response.statusCode < 500, `a 5xx: ${describe(response)}`);
  let errors: { code: unknown; description: unknown }[];
  if (format === 'xml') {
    assert.match(String(response.headers['content-type']), /^text\/xml/, describe(response));
    const root = parseXml(response.body);
    if (response.statusCode < 400) {
      assert.equal(root.name, 'service_requests', describe(response));
      return undefined;
    }
    assert.equal(root.name, 'errors', describe(response));
    errors = root.children.map((error) => ({
      code: Number(error.children.find((c) => c.name === 'code')?.text),
      description: error.children.find((c) => c.name === 'description')?.text,
    }));
  } else {
    assert.match(String(response.headers['content-type']), /^application\/json/, describe(response));
    errors = response.json();
    assert.ok(Array.isArray(errors), describe(response));
    if (response.statusCode < 400) return undefined;
  }
  assert.equal(errors.length, 1, describe(response));
  assert.equal(errors[0]!.code, response.statusCode, describe(response));
  const code = /^([A-Z_]+): /.exec(String(errors[0]!.description))?.[1];
  assert.ok(code !== undefined && CODES.has(code), `undocumented code: ${describe(response)}`);
  return code;
}

/** A JSON-ish request: the body (maybe odd), its content type, the device header and odd headers. */
function jsonRequest(text: fc.Arbitrary<string>, extra: fc.Arbitrary<Record<string, string | undefined>> = fc.constant({})): fc.Arbitrary<FuzzRequest> {
  return fc.record({ payload: bodyBytes(text), type: contentType('application/json'), headers: oddHeaders(SAME_ORIGIN), extra })
    .map(({ payload, type, headers, extra }) => ({ payload, headers: { ...headers, 'content-type': type, ...extra } }));
}

/**
 * Sends `arbitrary`'s requests and checks every answer (assertDocumented, unless `request`
 * checks its own and returns the code), then prints the tally of answers.
 */
async function fuzzRoute<T>(
  route: string,
  arbitrary: fc.Arbitrary<T>,
  request: (value: T) => Promise<LightMyRequestResponse | { response: LightMyRequestResponse; code: string | undefined }>,
): Promise<void> {
  const tally = new Tally();
  await fc.assert(fc.asyncProperty(arbitrary, async (value) => {
    const sent = await request(value);
    if ('response' in sent) tally.add(sent.response, sent.code);
    else tally.add(sent, assertDocumented(sent));
  }), PARAMETERS);
  tally.print(route);
}

const device = deviceHeader.map((value) => ({ [DEVICE_HEADER]: value }));

test('fuzz POST /api/v1/reports (JSON): no 5xx, documented codes', { timeout: 120_000 }, async (t) => {
  const app = await build(t, OPEN_LIMITS);
  await fuzzRoute('POST /api/v1/reports (JSON)', jsonRequest(reportJson, device), (request) => send(app, 'POST', ApiPath.reports, request));
  const good = await postReport(app, { ...OLSZTYN, category: 'illegal_parking' });
  assert.equal(good.statusCode, 201, good.body);
});

test('fuzz POST /api/v1/reports (multipart with photos): no 5xx, documented codes', { timeout: 120_000 }, async (t) => {
  const app = await build(t, OPEN_LIMITS);
  const request = fc.record({ multipart: multipartRequest, headers: oddHeaders(SAME_ORIGIN), device })
    .map(({ multipart, headers, device }): FuzzRequest => ({
      payload: multipart.payload,
      // The lying Content-Length of oddHeaders is left to the JSON routes: here it is the body's own.
      headers: { ...headers, 'content-length': undefined, 'content-type': multipart.contentType, ...device },
    }));
  await fuzzRoute('POST /api/v1/reports (multipart)', request, (generated) => send(app, 'POST', ApiPath.reports, generated));
  const good = await postReport(app, { ...OLSZTYN, category: 'illegal_parking' });
  assert.equal(good.statusCode, 201, good.body);
});

test('fuzz POST /api/v1/reports/:id/confirmations: no 5xx, documented codes', { timeout: 120_000 }, async (t) => {
  const app = await build(t, OPEN_LIMITS);
  const ids = [await olsztynReport(app), await olsztynReport(app), await olsztynReport(app, 'speeding')];
  // A closed report, so that REPORT_NOT_OPEN is reached too.
  assert.equal(await sqlOf(app).run("UPDATE reports SET status = 'eliminated' WHERE id = ?", ids[2]), 1);
  const request = fc.record({ id: pathId(ids), request: jsonRequest(fc.oneof(fc.constant(''), fc.constant('{}'), reportJson), device) });
  await fuzzRoute('POST /api/v1/reports/:id/confirmations', request, ({ id, request: generated }) =>
    send(app, 'POST', `${ApiPath.reports}/${id}/confirmations`, generated));
  const good = await app.inject({ method: 'POST', url: `${ApiPath.reports}/${ids[0]}/confirmations`, headers: { [DEVICE_HEADER]: newDevice() } });
  assert.equal(good.statusCode, 201, good.body);
});

test('fuzz POST /open311/v2/requests.json and .xml (form-encoded): no 5xx, Open311 errors with documented codes', { timeout: 120_000 }, async (t) => {
  const app = await build(t, OPEN_LIMITS);
  const request = fc.record({
    format: fc.constantFrom('json', 'json', 'json', 'xml'),
    payload: open311Body.map((body) => (Buffer.isBuffer(body) ? body : Buffer.from(body))),
    type: contentType('application/x-www-form-urlencoded'),
    headers: oddHeaders(SAME_ORIGIN),
    device: sometimes(deviceHeader, 4),
    query: sometimes(fc.oneof(fc.constantFrom('kmp-olsztyn', 'kwp-olsztyn', 'pl', 'kmp-gdansk', 'x'.repeat(65)), headerText).map(encodeURIComponent), 5),
  });
  await fuzzRoute('POST /open311/v2/requests.{json,xml}', request, async ({ format, payload, type, headers, device, query }) => {
    const url = `${OPEN311_PREFIX}/requests.${format}${query === undefined ? '' : `?jurisdiction_id=${query}`}`;
    const response = await send(app, 'POST', url, { payload, headers: { ...headers, 'content-type': type, [DEVICE_HEADER]: device } });
    return { response, code: assertOpen311(response, format) };
  });
  const good = await app.inject({
    method: 'POST', url: `${OPEN311_PREFIX}/requests.json`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ long: '20.4801', lat: '53.7784', service_code: 'illegal_parking', device_id: newDevice() }).toString(),
  });
  assert.equal(good.statusCode, 200, good.body);
});

test('fuzz POST /api/v1/staff/session (login): no 5xx, documented codes', { timeout: 120_000 }, async (t) => {
  const app = await build(t, OPEN_LIMITS);
  await addStaff(app, 'fuzz-officer', 'officer', 'kmp-olsztyn');
  const body = loginJson(['fuzz-officer', 'FUZZ-OFFICER', 'nobody'], [PASSWORD, 'wrong password', '']);
  await fuzzRoute('POST /api/v1/staff/session', jsonRequest(body), (request) => send(app, 'POST', StaffPath.session, request));
  await logIn(app, 'fuzz-officer');
});

/** A session cookie as sent: mostly the real one, else none, a stale or garbled one. */
function cookieHeader(cookie: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 30, arbitrary: fc.constant(cookie) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom('kmzb_staff=garbage', `${cookie}x`, 'kmzb_staff="open', 'kmzb_staff=%zz', `${cookie}; ${cookie}`), headerText) },
  );
}

test('fuzz POST /api/v1/staff/reports/:id/status (logged in): no 5xx, documented codes', { timeout: 120_000 }, async (t) => {
  const app = await build(t, OPEN_LIMITS);
  await addStaff(app, 'fuzz-officer', 'officer', 'kmp-olsztyn');
  const cookie = await logIn(app, 'fuzz-officer');
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push(await olsztynReport(app));
  // Gdańsk: outside the officer's unit.
  const outside = await postReport(app, { lon: 18.6466, lat: 54.352, category: 'illegal_parking' });
  ids.push(outside.json<{ id: string }>().id);
  const request = fc.record({ id: pathId(ids), request: jsonRequest(statusChangeJson, cookieHeader(cookie).map((value) => ({ cookie: value }))) });
  await fuzzRoute('POST /api/v1/staff/reports/:id/status', request, ({ id, request: generated }) =>
    send(app, 'POST', StaffPath.reportStatus.replace(':id', id), generated));
  const fresh = await olsztynReport(app);
  const good = await staffInject(app, cookie, { method: 'POST', url: StaffPath.reportStatus.replace(':id', fresh), payload: { status: 'verifying', version: 1 } });
  assert.equal(good.statusCode, 200, good.body);
});

test('fuzz POST /api/v1/staff/crime-stats/import (check and import, admin): no 5xx, documented codes', { timeout: 120_000 }, async (t) => {
  const app = await build(t, OPEN_LIMITS);
  await addStaff(app, 'fuzz-admin', 'admin', 'kwp-olsztyn');
  const cookie = await logIn(app, 'fuzz-admin');
  const request = fc.record({
    payload: fc.oneof({ weight: 6, arbitrary: crimeCsv.map((csv) => Buffer.from(csv)) }, { weight: 1, arbitrary: bodyBytes(crimeCsv) }, { weight: 1, arbitrary: randomBytes }),
    type: contentType('text/csv'),
    headers: oddHeaders(SAME_ORIGIN),
    cookie: cookieHeader(cookie),
    dryRun: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('?dryRun=true', '?dryRun=false', '') },
      { weight: 1, arbitrary: fc.constantFrom('?dryRun=', '?dryRun=1', '?dryRun=yes&dryRun=no') },
      { weight: 1, arbitrary: headerText.map((s) => `?dryRun=${encodeURIComponent(s)}`) },
    ),
  });
  await fuzzRoute('POST /api/v1/staff/crime-stats/import', request, ({ payload, type, headers, cookie: sent, dryRun }) =>
    send(app, 'POST', `${StaffPath.crimeStatsImport}${dryRun}`, { payload, headers: { ...headers, 'content-type': type, cookie: sent } }));
  const csv = 'teryt,year,month,category,count\n2862,2025,1,theft,120\n';
  for (const dryRun of ['true', 'false']) {
    const good = await staffInject(app, cookie, { method: 'POST', url: `${StaffPath.crimeStatsImport}?dryRun=${dryRun}`, headers: { 'content-type': 'text/csv' }, payload: csv });
    assert.equal(good.statusCode, 200, good.body);
  }
});
