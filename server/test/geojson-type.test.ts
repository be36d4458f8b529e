import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { prefersGeoJson } from '../http/geojson-type.js';
import { build } from './helpers.js';
import { plant } from './map-helpers.js';

const MAP = '/api/v1/reports?unit=kwp-gdansk';

test('the map is application/geo+json when Accept asks for it, application/json otherwise, each with its own ETag', async (t) => {
  const app = await build(t);
  await plant(app, { unit: 'kmp-gdansk' });
  const plain = await app.inject(MAP);
  assert.match(String(plain.headers['content-type']), /^application\/json/);
  assert.match(String(plain.headers.vary), /\bAccept\b/);
  for (const accept of ['application/geo+json', 'application/geo+json, application/json;q=0.9', 'application/geo+json, */*']) {
    const geo = await app.inject({ url: MAP, headers: { accept } });
    assert.equal(geo.statusCode, 200, accept);
    assert.match(String(geo.headers['content-type']), /^application\/geo\+json/, accept);
    assert.equal(geo.body, plain.body, 'the same FeatureCollection');
    assert.notEqual(geo.headers.etag, plain.headers.etag);
    const again = await app.inject({ url: MAP, headers: { accept, 'if-none-match': String(geo.headers.etag) } });
    assert.equal(again.statusCode, 304);
    // The JSON representation's tag does not stand for the GeoJSON one.
    assert.equal((await app.inject({ url: MAP, headers: { accept, 'if-none-match': String(plain.headers.etag) } })).statusCode, 200);
  }
  const zipped = await app.inject({ url: MAP, headers: { accept: 'application/geo+json', 'accept-encoding': 'gzip' } });
  assert.match(String(zipped.headers['content-type']), /^application\/geo\+json/);
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(zipped.rawPayload).toString(), plain.body);
  for (const accept of ['application/json', '*/*', 'application/json, application/geo+json;q=0.5', 'application/geo+json;q=0']) {
    assert.match(String((await app.inject({ url: MAP, headers: { accept } })).headers['content-type']), /^application\/json/, accept);
  }
});

test('exports stay application/geo+json whatever Accept says', async (t) => {
  const app = await build(t);
  const response = await app.inject({ url: '/api/v1/exports/reports.geojson?unit=kwp-gdansk', headers: { accept: 'application/json' } });
  assert.match(String(response.headers['content-type']), /^application\/geo\+json/);
});

test('prefersGeoJson reads weights', () => {
  assert.equal(prefersGeoJson(undefined), false);
  assert.equal(prefersGeoJson('application/GEO+JSON'), true);
  assert.equal(prefersGeoJson('application/geo+json;q=0.5, application/json'), false);
  assert.equal(prefersGeoJson('application/geo+json;q=abc'), false);
  assert.equal(prefersGeoJson('text/html, application/geo+json;q=0.1'), true);
});
