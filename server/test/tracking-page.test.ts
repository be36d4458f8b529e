import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiPath, DEVICE_HEADER } from '../../common/api.js';
import type { ReportCreated } from '../../common/schemas/report.js';
import { build } from './helpers.js';
import { OLSZTYN, newDevice, postReport } from './report-helpers.js';

const PRIVATE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'x-content-type-options': 'nosniff',
};

test('/r/:id is a plain HTML shell loading the widget in its tracking view, private and unindexed', async (t) => {
  const app = await build(t);
  const response = await app.inject('/r/7K3M9Q2XWD');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
  for (const [name, value] of Object.entries(PRIVATE_HEADERS)) assert.equal(response.headers[name], value, name);
  const csp = String(response.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'(;|$)/, 'no inline scripts allowed');
  assert.match(csp, /frame-ancestors 'none'/);
  const html = response.body;
  assert.match(html, /<kmzb-map view="track" report="7K3M9Q2XWD"><\/kmzb-map>/);
  assert.match(html, /<script type="module" src="\/widget\/kmzb-map\.js"><\/script>/);
  assert.deepEqual(html.match(/<script\b[^>]*>/g), ['<script type="module" src="/widget/kmzb-map.js">'], 'no inline script');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.match(html, /<meta name="robots" content="noindex, nofollow" \/>/);
  assert.match(html, /<meta name="referrer" content="no-referrer" \/>/);
  assert.equal(response.headers['access-control-allow-origin'], undefined);
});

test('the page looks nothing up: any well-formed id gets the same shell; a retyped lower-case id is normalised', async (t) => {
  const app = await build(t);
  const { id } = (await postReport(app, { ...OLSZTYN, category: 'animal_cruelty' })).json<ReportCreated>();
  const real = await app.inject(`/r/${id}`);
  const unknown = await app.inject('/r/ABCDEFGHJK');
  assert.equal(real.statusCode, 200);
  assert.equal(unknown.statusCode, 200);
  assert.equal(real.body.replaceAll(id, 'X'), unknown.body.replaceAll('ABCDEFGHJK', 'X'), 'a non-public report is not revealed by the page');
  assert.match((await app.inject(`/r/${id.toLowerCase()}`)).body, new RegExp(`report="${id}"`));
});

test('a malformed id gets a 404 page with the same private headers', async (t) => {
  const app = await build(t);
  for (const path of ['/r/short', '/r/<script>alert(1)<%2Fscript>', '/r/ILOU000000']) {
    const response = await app.inject(path);
    assert.equal(response.statusCode, 404, path);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.doesNotMatch(response.body, /<script/);
  }
});

test('POST /api/v1/reports answers with the absolute tracking link, the token in its fragment', async (t) => {
  const app = await build(t);
  const created = (await postReport(app, { ...OLSZTYN, category: 'speeding' })).json<ReportCreated>();
  assert.equal(created.trackingUrl, `http://localhost/r/${created.id}#token=${created.trackingToken}`);
  // Behind a proxy: KMZB_PUBLIC_URL, never the Host or X-Forwarded-Proto the client sent.
  const proxied = await build(t, { trustProxy: true, publicUrl: 'https://kmzb.example.pl' });
  const response = await proxied.inject({
    method: 'POST', url: ApiPath.reports, remoteAddress: '192.0.2.1',
    headers: { [DEVICE_HEADER]: newDevice(), host: 'evil.example', 'x-forwarded-proto': 'http' },
    payload: { ...OLSZTYN, category: 'speeding' },
  });
  const behind = response.json<ReportCreated>();
  assert.equal(behind.trackingUrl, `https://kmzb.example.pl/r/${behind.id}#token=${behind.trackingToken}`);
  const page = await proxied.inject(new URL(behind.trackingUrl).pathname);
  assert.equal(page.statusCode, 200);
});
