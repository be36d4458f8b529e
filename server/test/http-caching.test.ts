import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unmodifiedSince } from '../http/etag.js';
import { build } from './helpers.js';
import { plant } from './map-helpers.js';

const MAP = '/api/v1/reports?unit=kpp-wejherowo';
const earlier = (httpDate: string, seconds: number) => new Date(Date.parse(httpDate) - seconds * 1000).toUTCString();

test('If-Modified-Since gives 304 where Last-Modified is sent, unless If-None-Match is there to decide', async (t) => {
  const app = await build(t);
  const id = await plant(app, { status: 'verifying', changedDaysAgo: 1 });
  for (const url of [MAP, `/api/v1/reports/${id}`]) {
    const first = await app.inject(url);
    const lastModified = String(first.headers['last-modified']);
    assert.ok(Date.parse(lastModified) > 0, url);
    const same = await app.inject({ url, headers: { 'if-modified-since': lastModified } });
    assert.equal(same.statusCode, 304, url);
    assert.equal(same.body, '');
    assert.equal(same.headers['content-type'], undefined, url);
    assert.equal((await app.inject({ url, headers: { 'if-modified-since': earlier(lastModified, -3600) } })).statusCode, 304);
    assert.equal((await app.inject({ url, headers: { 'if-modified-since': earlier(lastModified, 1) } })).statusCode, 200, url);
    assert.equal((await app.inject({ url, headers: { 'if-modified-since': 'yesterday' } })).statusCode, 200, url);
    // RFC 9110 13.2.2: If-None-Match, when present, decides alone.
    const stale = await app.inject({ url, headers: { 'if-modified-since': lastModified, 'if-none-match': '"other"' } });
    assert.equal(stale.statusCode, 200, url);
  }
});

test('the map\'s 304 carries no content type, plain or compressed', async (t) => {
  const app = await build(t);
  await plant(app, { status: 'verifying' });
  for (const encoding of [undefined, 'gzip']) {
    const headers = encoding ? { 'accept-encoding': encoding } : {};
    const first = await app.inject({ url: MAP, headers });
    const again = await app.inject({ url: MAP, headers: { ...headers, 'if-none-match': String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.headers['content-type'], undefined, `encoding ${encoding}`);
    assert.equal(again.headers['content-encoding'], undefined);
  }
});

test('unmodifiedSince compares HTTP dates and treats what it cannot read as modified', () => {
  const at = 'Wed, 21 Oct 2025 07:28:00 GMT';
  assert.equal(unmodifiedSince(at, at), true);
  assert.equal(unmodifiedSince('Wed, 21 Oct 2025 07:27:59 GMT', at), false);
  assert.equal(unmodifiedSince(undefined, at), false);
  assert.equal(unmodifiedSince(at, undefined), false);
  assert.equal(unmodifiedSince('not a date', at), false);
});
