import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { ErrorBody } from '../../common/errors.js';
import type { ReportCreated } from '../../common/schemas/report.js';
import type { ReportMap } from '../../common/schemas/report-map.js';
import { build } from './helpers.js';
import { changeStatus } from './pg-a-helpers.js';
import { sqlOf } from './test-sql.js';
import { getMap, plant } from './map-helpers.js';
import { OLSZTYN, newDevice, postReport } from './report-helpers.js';

test('the map answers with ETag, Last-Modified and a short public cache; If-None-Match gives 304', async (t) => {
  const app = await build(t);
  const id = await plant(app, { status: 'verifying', changedDaysAgo: 1 });
  const url = '/api/v1/reports?unit=kpp-wejherowo';
  const first = await app.inject(url);
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['cache-control'], 'public, max-age=30');
  assert.match(String(first.headers['content-type']), /^application\/json/);
  const etag = String(first.headers.etag);
  assert.match(etag, /^"[\w-]{32}"$/);
  const updatedAt = (first.json<ReportMap>().features[0]!.properties as { updatedAt: string }).updatedAt;
  assert.equal(first.headers['last-modified'], new Date(updatedAt).toUTCString());

  const again = await app.inject({ url, headers: { 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  assert.equal(again.headers.etag, etag);
  assert.equal((await app.inject({ url, headers: { 'if-none-match': `W/${etag}` } })).statusCode, 304);

  // A status change is a new answer at once, cache or not.
  await changeStatus(app, id, new Date().toISOString(), 'confirmed');
  const changed = await app.inject({ url, headers: { 'if-none-match': etag } });
  assert.equal(changed.statusCode, 200);
  assert.notEqual(changed.headers.etag, etag);
  const properties = changed.json<ReportMap>().features[0]!.properties;
  assert.equal(properties.kind === 'report' ? properties.status : properties.kind, 'confirmed');
});

test('one report: public with ETag and 304 without a token, private and uncached with it', async (t) => {
  const app = await build(t);
  const created = (await postReport(app, { ...OLSZTYN, category: 'vandalism' })).json<ReportCreated>();
  const url = `/api/v1/reports/${created.id}`;
  const first = await app.inject(url);
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['cache-control'], 'public, max-age=30');
  assert.equal(first.headers['last-modified'], new Date(created.createdAt).toUTCString());
  const etag = String(first.headers.etag);
  const again = await app.inject({ url, headers: { 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');

  const own = await app.inject({ url: `${url}?token=${created.trackingToken}`, headers: { 'if-none-match': etag } });
  assert.equal(own.statusCode, 200, 'the private view never answers 304 from a shared tag');
  assert.equal(own.headers['cache-control'], 'private, no-store');
  assert.equal(own.headers.etag, undefined);
});

test('no private field reaches the map or the public view, clustered or not', async (t) => {
  const app = await build(t, { reportMap: { pointLimit: 2 } });
  const secret = 'PLANTED-DESCRIPTION Jan Kowalski WX 12345';
  const device = newDevice();
  const { id } = (await postReport(app, { ...OLSZTYN, category: 'begging', description: secret }, { device, ip: '198.51.100.7' })).json<ReportCreated>();
  const hash = (await sqlOf(app).get<{ h: Buffer }>('SELECT tracking_hash AS h FROM reports WHERE id = ?', id))!;
  await app.inject({ method: 'POST', url: `/api/v1/reports/${id}/confirmations`, headers: { 'kmzb-device': newDevice() }, remoteAddress: '198.51.100.8' });
  const points = await app.inject('/api/v1/reports?unit=kmp-olsztyn');
  assert.equal(points.json<ReportMap>().clustered, false);
  const feature = points.json<ReportMap>().features[0]!;
  assert.deepEqual(Object.keys(feature.properties).sort(), ['category', 'confirmations', 'createdAt', 'id', 'kind', 'status', 'unit', 'updatedAt']);
  assert.equal(feature.properties.kind === 'report' && feature.properties.confirmations, 1);
  await plant(app, { unit: 'kmp-olsztyn' });
  await plant(app, { unit: 'kmp-olsztyn' });
  const clusters = await app.inject('/api/v1/reports?unit=kmp-olsztyn');
  assert.equal(clusters.json<ReportMap>().clustered, true);
  const detail = await app.inject(`/api/v1/reports/${id}`);
  for (const body of [points.body, clusters.body, detail.body]) {
    for (const needle of [secret, 'Kowalski', device, '198.51.100', hash.h.toString('hex'), hash.h.toString('base64'), 'tracking', 'description']) {
      assert.ok(!body.includes(needle), `${needle} leaked into ${body.slice(0, 120)}`);
    }
  }
});

test('bad filters are 400s with their own codes', async (t) => {
  const app = await build(t);
  const cases: [string, number, string][] = [
    ['categories=speeding,teleportation', 400, 'UNKNOWN_CATEGORY'],
    ['statuses=new,lost', 400, 'UNKNOWN_STATUS'],
    ['bbox=18,54,19', 400, 'INVALID_BBOX'],
    ['bbox=18,54,19,55,1', 400, 'INVALID_BBOX'],
    ['bbox=19,54,18,55', 400, 'INVALID_BBOX'],
    ['bbox=18,55,19,54', 400, 'INVALID_BBOX'],
    ['bbox=18,54,190,55', 400, 'INVALID_BBOX'],
    ['bbox=18,-95,19,55', 400, 'INVALID_BBOX'],
    ['bbox=a,b,c,d', 400, 'INVALID_BBOX'],
    ['bbox=18,,19,55', 400, 'INVALID_BBOX'],
    ['since=yesterday', 400, 'INVALID_PERIOD'],
    ['since=2025-02-30', 400, 'INVALID_PERIOD'],
    ['until=2025-05-01T18:30:00', 400, 'INVALID_PERIOD'],
    ['since=2025-05-02&until=2025-05-01', 400, 'INVALID_PERIOD'],
    ['since=2025-05-01T12:00:00Z&until=2025-05-01T11:00:00Z', 400, 'INVALID_PERIOD'],
    ['zoom=abc', 400, 'INVALID_REQUEST'],
    ['zoom=30', 400, 'INVALID_REQUEST'],
    ['unit=kpp-nowhere', 404, 'UNIT_NOT_FOUND'],
  ];
  for (const [query, status, code] of cases) {
    const response = await app.inject(`/api/v1/reports?${query}`);
    assert.equal(response.statusCode, status, query);
    assert.equal(response.json<ErrorBody>().code, code, query);
  }
  const fine = await app.inject('/api/v1/reports?since=2025-05-01&until=2025-05-01&bbox=18,54,18,54&zoom=7.5');
  assert.equal(fine.statusCode, 200, 'one day, a point-sized box and a fractional zoom are fine');
});

test('a client that accepts gzip gets the same answer gzipped, with its own ETag and 304', async (t) => {
  const app = await build(t);
  await plant(app);
  const url = '/api/v1/reports?unit=kwp-gdansk';
  const plain = await app.inject(url);
  const zipped = await app.inject({ url, headers: { 'accept-encoding': 'br, gzip, deflate' } });
  assert.equal(zipped.statusCode, 200);
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers.vary, 'Accept-Encoding, Accept');
  assert.equal(gunzipSync(zipped.rawPayload).toString(), plain.body);
  assert.notEqual(zipped.headers.etag, plain.headers.etag);
  const again = await app.inject({ url, headers: { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers.etag) } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.headers['content-encoding'], undefined);
});

test('an answer asked for often is also sent in brotli to clients that take it; q=0 refusals are honoured', async (t) => {
  const app = await build(t, { reportMap: { brotliAfterHits: 3 } });
  await plant(app);
  const url = '/api/v1/reports?unit=kwp-gdansk';
  const plain = await app.inject(url); // built and cached
  const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
  for (let hit = 1; hit <= 3; hit++) {
    // The third hit starts the compression in the background; until it is done gzip is sent.
    assert.equal((await app.inject({ url, headers: browser })).headers['content-encoding'], 'gzip', `hit ${hit}`);
  }
  let br = await app.inject({ url, headers: browser });
  for (let tries = 0; br.headers['content-encoding'] !== 'br' && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    br = await app.inject({ url, headers: browser });
  }
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers.vary, 'Accept-Encoding, Accept');
  assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
  const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gzip.headers['content-encoding'], 'gzip', 'a client without br still gets gzip');
  assert.ok(br.rawPayload.length < gzip.rawPayload.length, `brotli ${br.rawPayload.length} B, gzip ${gzip.rawPayload.length} B`);
  assert.equal(new Set([br.headers.etag, gzip.headers.etag, plain.headers.etag]).size, 3, 'one ETag per representation');
  const again = await app.inject({ url, headers: { ...browser, 'if-none-match': String(br.headers.etag) } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.headers['content-encoding'], undefined);
  assert.equal((await app.inject({ url, headers: { 'accept-encoding': 'br;q=0, gzip' } })).headers['content-encoding'], 'gzip');
  const refused = await app.inject({ url, headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
  assert.equal(refused.headers['content-encoding'], undefined);
  assert.equal(refused.body, plain.body);
});

test('map points carry coordinates to 5 decimals and times to the second; the report page keeps the stored ones', async (t) => {
  const app = await build(t);
  const id = await plant(app, { lon: 18.2357149, lat: 54.6055261 }, Date.parse('2026-11-20T10:11:12.345Z'));
  const feature = (await getMap(app, 'unit=kpp-wejherowo')).map.features[0]!;
  assert.deepEqual(feature.geometry.coordinates, [18.23571, 54.60553]);
  assert.equal(feature.properties.kind === 'report' && feature.properties.createdAt, '2026-11-20T10:11:11Z');
  assert.equal(feature.properties.kind === 'report' && feature.properties.updatedAt, '2026-11-20T10:11:11Z');
  const detail = (await app.inject(`/api/v1/reports/${id}`)).json<{ createdAt: string }>();
  assert.equal(detail.createdAt, '2026-11-20T10:11:11.345Z');
});
