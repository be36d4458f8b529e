import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { build, TEST_STORE } from './helpers.js';
import { plant } from './map-helpers.js';

const FEEDS = ['/api/v1/feeds/kwp-gdansk/new.atom', '/api/v1/feeds/kwp-gdansk/confirmed.atom'];
const EXPORTS = ['/api/v1/exports/reports.csv?unit=kwp-gdansk', '/api/v1/exports/reports.geojson?unit=kwp-gdansk'];

test('Atom feeds send an ETag, Last-Modified of the newest entry and Cache-Control, and answer 304', async (t) => {
  const app = await build(t);
  await plant(app, { unit: 'kmp-gdansk', createdDaysAgo: 3 });
  await plant(app, { unit: 'kmp-gdansk', status: 'confirmed', changedDaysAgo: 2 });
  for (const url of FEEDS) {
    const first = await app.inject(url);
    assert.equal(first.statusCode, 200, url);
    assert.match(String(first.headers.etag), /^"[\w-]+"$/, url);
    assert.equal(first.headers['cache-control'], 'public, max-age=300', url);
    const lastModified = String(first.headers['last-modified']);
    assert.ok(Date.parse(lastModified) < Date.now() - 86_400_000, `${url}: ${lastModified} is the newest entry's date`);
    const byTag = await app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(byTag.statusCode, 304, url);
    assert.equal(byTag.body, '');
    assert.equal(byTag.headers['content-type'], undefined, url);
    assert.equal((await app.inject({ url, headers: { 'if-modified-since': lastModified } })).statusCode, 304, url);
  }
  await plant(app, { unit: 'kmp-gdansk', status: 'confirmed' });
  for (const url of FEEDS) {
    const first = await app.inject(url);
    const changed = await app.inject({ url, headers: { 'if-modified-since': new Date(Date.now() - 3_600_000).toUTCString() } });
    assert.equal(changed.statusCode, 200, url);
    assert.equal(changed.headers.etag, first.headers.etag, url);
  }
});

test('an empty feed has no Last-Modified (its updated is the request time)', async (t) => {
  const app = await build(t);
  const response = await app.inject('/api/v1/feeds/kpp-wejherowo/new.atom');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['last-modified'], undefined);
  assert.ok(response.headers.etag);
});

/**
 * An export's data version on PostgreSQL is the cluster's snapshot (pg-store.ts dataVersion):
 * a commit in any database of the cluster moves it, here another test file's, so a tag may go
 * stale between two requests with nothing written to this database; then the question is
 * asked again. On SQLite only this database's writes move it: the first try must hold.
 */
const TRIES = TEST_STORE === 'postgres' ? 20 : 1;

/** A 200 with the export's tag, then a 304 for that tag (after at most TRIES fresh tags). */
async function revalidated(app: FastifyInstance, url: string): Promise<{ first: LightMyRequestResponse; again: LightMyRequestResponse }> {
  for (let tries = 1; ; tries++) {
    const first = await app.inject(url);
    assert.equal(first.statusCode, 200, url);
    const again = await app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
    if (again.statusCode === 304 || tries >= TRIES) return { first, again };
  }
}

test('exports: a weak ETag from the data and the question, 304 until a write', async (t) => {
  const app = await build(t);
  for (let i = 0; i < 30; i++) await plant(app, { unit: 'kmp-gdansk', createdDaysAgo: i % 5 });
  for (const url of EXPORTS) {
    const { first, again } = await revalidated(app, url);
    const etag = String(first.headers.etag);
    assert.match(etag, /^W\/"/, url);
    assert.equal(first.headers['cache-control'], 'public, max-age=60', url);
    const other = await app.inject(`${url}&since=2020-01-01`);
    assert.notEqual(other.headers.etag, etag, 'another question, another tag');
    assert.equal(again.statusCode, 304, url);
    assert.equal(again.body, '');
    assert.equal(again.headers['content-type'], undefined, url);
    // Streamed as it is read, not compressed (see the compression plugin).
    assert.equal((await app.inject({ url, headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'], undefined);
  }
  // More 304s than slots, one after another: a 304 takes no slot.
  let etag = String((await app.inject(EXPORTS[0]!)).headers.etag);
  let notModified = 0;
  for (let tries = 0; notModified < 6 && tries < 6 * TRIES; tries++) {
    const response = await app.inject({ url: EXPORTS[0]!, headers: { 'if-none-match': etag } });
    if (response.statusCode === 304) {
      notModified++;
    } else {
      // (PostgreSQL: another database's commit moved the tag; this 200 read the export whole.)
      assert.ok(TRIES > 1 && response.statusCode === 200, `${response.statusCode} ${response.body.slice(0, 200)}`);
      etag = String(response.headers.etag);
    }
  }
  assert.equal(notModified, 6);
  assert.equal((await app.inject(EXPORTS[0]!)).statusCode, 200);
});

test('an export\'s ETag changes after a write', async (t) => {
  const app = await build(t);
  await plant(app, { unit: 'kmp-gdansk' });
  const before = await app.inject(EXPORTS[1]!);
  await plant(app, { unit: 'kmp-gdansk' });
  const after = await app.inject({ url: EXPORTS[1]!, headers: { 'if-none-match': String(before.headers.etag) } });
  assert.equal(after.statusCode, 200);
  assert.notEqual(after.headers.etag, before.headers.etag);
});

test('Open311 GET answers carry Cache-Control like the API\'s and an ETag that revalidates', async (t) => {
  const app = await build(t);
  const id = await plant(app, { unit: 'kmp-gdansk' });
  const expected: [string, string][] = [
    ['/open311/v2/discovery.json', 'public, max-age=300'],
    ['/open311/v2/services.xml', 'public, max-age=300'],
    ['/open311/v2/services/vandalism.json', 'public, max-age=300'],
    ['/open311/v2/requests.json', 'public, max-age=30'],
    ['/open311/v2/requests.xml', 'public, max-age=30'],
    [`/open311/v2/requests/${id}.json`, 'public, max-age=30'],
  ];
  for (const [url, cacheControl] of expected) {
    const first = await app.inject(url);
    assert.equal(first.statusCode, 200, url);
    assert.equal(first.headers['cache-control'], cacheControl, url);
    const again = await app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(again.statusCode, 304, url);
    assert.equal(again.headers['access-control-allow-origin'], '*', url);
  }
  const refused = await app.inject('/open311/v2/requests/nope.json');
  assert.equal(refused.headers['cache-control'], undefined);
});
