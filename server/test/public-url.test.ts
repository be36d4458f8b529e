import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig } from '../config.js';
import { listeningUrl } from '../plugins/public-url.js';
import { build } from './helpers.js';
import { plant } from './map-helpers.js';
import { newDevice, OLSZTYN } from './report-helpers.js';

const EVIL = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

/** Every absolute http(s) URL in an answer. */
function urlsIn(body: string): string[] {
  return [...body.matchAll(/https?:\/\/[^\s"<>&]+/g)].map((m) => m[0]).filter((url) => !/w3\.org|open311\.org/.test(url));
}

/** Feeds, discovery (both formats) and an Open311 POST, all sent with a forged Host. */
async function linksWithForgedHost(app: FastifyInstance): Promise<string[]> {
  await plant(app, { unit: 'kmp-olsztyn' });
  const bodies: string[] = [];
  for (const url of ['/api/v1/feeds/kwp-olsztyn/new.atom', '/api/v1/feeds/kwp-olsztyn/confirmed.atom', '/open311/v2/discovery.json', '/open311/v2/discovery.xml']) {
    const response = await app.inject({ url, headers: EVIL });
    assert.equal(response.statusCode, 200, url);
    bodies.push(response.body);
  }
  const form = new URLSearchParams({ service_code: 'vandalism', lat: String(OLSZTYN.lat), long: String(OLSZTYN.lon), device_id: newDevice() });
  const created = await app.inject({
    method: 'POST', url: '/open311/v2/requests.json', remoteAddress: '192.0.2.8',
    headers: { ...EVIL, 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString(),
  });
  assert.equal(created.statusCode, 200, created.body);
  bodies.push(created.body);
  const urls = bodies.flatMap(urlsIn);
  assert.ok(urls.some((url) => /\/r\/[0-9A-Z]{10}#token=/.test(url)), 'the tracking link is among them');
  assert.ok(urls.some((url) => url.endsWith('/open311/v2')), 'the discovery endpoint is among them');
  return urls;
}

test('with KMZB_PUBLIC_URL every absolute link starts with it, whatever Host says', async (t) => {
  const app = await build(t, { publicUrl: 'https://kmzb.example.pl/mapa', trustProxy: true });
  const urls = await linksWithForgedHost(app);
  assert.ok(urls.length >= 6);
  for (const url of urls) assert.ok(url.startsWith('https://kmzb.example.pl/mapa/'), url);
});

test('without it, links use the listening address (not the request\'s Host)', async (t) => {
  const app = await build(t);
  for (const url of await linksWithForgedHost(app)) assert.ok(url.startsWith('http://localhost/'), url);
  // Listening for real: the bound address and port.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const body = await new Promise<string>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/open311/v2/discovery.json', headers: { host: 'evil.example' } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(JSON.parse(body).endpoints[0].url, `http://127.0.0.1:${port}/open311/v2`);
});

test('listeningUrl: an unspecified address reads as localhost, IPv6 in brackets', () => {
  assert.equal(listeningUrl({ address: '0.0.0.0', family: 'IPv4', port: 3000 }), 'http://localhost:3000');
  assert.equal(listeningUrl({ address: '::', family: 'IPv6', port: 3000 }), 'http://localhost:3000');
  assert.equal(listeningUrl({ address: '::1', family: 'IPv6', port: 80 }), 'http://[::1]:80');
  assert.equal(listeningUrl(null), 'http://localhost');
});

test('KMZB_PUBLIC_URL is validated: http(s), no query, credentials or fragment; a trailing slash is dropped', () => {
  assert.equal(loadConfig({ KMZB_PUBLIC_URL: 'https://kmzb.example.pl/' }).publicUrl, 'https://kmzb.example.pl');
  assert.equal(loadConfig({ KMZB_PUBLIC_URL: 'HTTPS://Kmzb.Example.pl:443/mapa/' }).publicUrl, 'https://kmzb.example.pl/mapa');
  assert.equal(loadConfig({}).publicUrl, undefined);
  for (const bad of ['kmzb.example.pl', 'ftp://kmzb.example.pl', 'https://a:b@kmzb.example.pl', 'https://kmzb.example.pl/?x=1', 'https://kmzb.example.pl/#top', 'javascript:alert(1)']) {
    assert.throws(() => loadConfig({ KMZB_PUBLIC_URL: bad }), (error: unknown) => error instanceof ConfigError && /^KMZB_PUBLIC_URL must be/.test(error.message), bad);
  }
});
