import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CompressedBodies } from '../http/compressed-bodies.js';
import { build } from './helpers.js';
import { plant } from './map-helpers.js';

const LARGE = ['/api/v1/units', '/open311/v2/requests.json', '/open311/v2/requests.xml', '/api/v1/feeds/kwp-gdansk/new.atom'];

async function withReports(t: Parameters<typeof build>[0]) {
  const app = await build(t);
  for (let i = 0; i < 12; i++) await plant(app, { unit: i % 2 ? 'kmp-gdansk' : 'kpp-wejherowo', createdDaysAgo: i });
  return app;
}

test('large answers come gzip-encoded with Vary and decode to the plain bytes', async (t) => {
  const app = await withReports(t);
  for (const url of LARGE) {
    const plain = await app.inject(url);
    assert.equal(plain.statusCode, 200, url);
    assert.ok(plain.rawPayload.length > 1024, `${url} is over 1 KB`);
    assert.equal(plain.headers['content-encoding'], undefined, url);
    assert.match(String(plain.headers.vary), /Accept-Encoding/, url);
    const gzipped = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate' } });
    assert.equal(gzipped.statusCode, 200, url);
    assert.equal(gzipped.headers['content-encoding'], 'gzip', url);
    assert.match(String(gzipped.headers.vary), /Accept-Encoding/, url);
    assert.equal(gzipped.headers['content-type'], plain.headers['content-type'], url);
    assert.ok(gzipped.rawPayload.length < plain.rawPayload.length / 2, url);
    assert.equal(Number(gzipped.headers['content-length']), gzipped.rawPayload.length, url);
    assert.deepEqual(gunzipSync(gzipped.rawPayload), plain.rawPayload, url);
    const brotli = await app.inject({ url, headers: { 'accept-encoding': 'gzip;q=0.5, br' } });
    assert.equal(brotli.headers['content-encoding'], 'br', url);
    assert.deepEqual(brotliDecompressSync(brotli.rawPayload), plain.rawPayload, url);
  }
});

test('a compressed answer carries the weak form of the ETag and revalidates to a 304 that names it', async (t) => {
  const app = await withReports(t);
  for (const url of LARGE.slice(0, 3)) {
    const plain = await app.inject(url);
    const gzipped = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    assert.match(String(plain.headers.etag), /^"/, url);
    assert.equal(gzipped.headers.etag, `W/${plain.headers.etag}`, url);
    const again = await app.inject({ url, headers: { 'accept-encoding': 'gzip', 'if-none-match': String(gzipped.headers.etag) } });
    assert.equal(again.statusCode, 304, url);
    assert.equal(again.body, '');
    assert.equal(again.headers['content-encoding'], undefined, url);
    assert.equal(again.headers.etag, gzipped.headers.etag, url);
    assert.match(String(again.headers.vary), /Accept-Encoding/, url);
    // The same body again: served from the kept compressed bytes, identical.
    const third = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    assert.deepEqual(third.rawPayload, gzipped.rawPayload, url);
  }
});

test('small answers, refused encodings and the map\'s own encoding are left alone', async (t) => {
  const app = await withReports(t);
  const small = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(small.statusCode, 200);
  assert.ok(small.rawPayload.length < 1024);
  assert.equal(small.headers['content-encoding'], undefined);
  const refused = await app.inject({ url: '/api/v1/units', headers: { 'accept-encoding': 'gzip;q=0, identity' } });
  assert.equal(refused.headers['content-encoding'], undefined);
  JSON.parse(refused.body);
  // The map compresses its cached answers itself: one gzip layer, never two.
  const map = await app.inject({ url: '/api/v1/reports?unit=kwp-gdansk', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(map.headers['content-encoding'], 'gzip');
  assert.equal(JSON.parse(gunzipSync(map.rawPayload).toString()).type, 'FeatureCollection');
  assert.equal(map.headers.vary, 'Accept-Encoding, Accept');
});

test('CompressedBodies drops the least recently used bodies past its byte budget', () => {
  const bodies = new CompressedBodies(100);
  bodies.set('"a"', 'gzip', Buffer.alloc(40));
  bodies.set('"b"', 'gzip', Buffer.alloc(40));
  assert.ok(bodies.get('"a"', 'gzip'));
  bodies.set('"c"', 'gzip', Buffer.alloc(40));
  assert.equal(bodies.get('"b"', 'gzip'), undefined);
  assert.ok(bodies.get('"a"', 'gzip'));
  assert.ok(bodies.get('"c"', 'gzip'));
  assert.equal(bodies.get('"a"', 'br'), undefined);
  bodies.set('"huge"', 'br', Buffer.alloc(101));
  assert.equal(bodies.size, 2);
});
