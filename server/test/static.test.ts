import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { build, tempDir, writeFiles } from './helpers.js';

test('the demo index is served at /', async (t) => {
  const demoDir = tempDir(t);
  writeFiles(demoDir, { 'index.html': '<!doctype html><title>KMZB demo</title><kmzb-map></kmzb-map>' });
  const app = await build(t, { demoDir });
  const response = await app.inject('/');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/html/);
  assert.match(response.body, /<kmzb-map><\/kmzb-map>/);
  const missing = await app.inject('/no-such-page.html');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().code, 'ROUTE_NOT_FOUND');
});

test('the built widget is served at /widget/ as JavaScript, open to every origin', async (t) => {
  const distDir = tempDir(t);
  writeFiles(distDir, {
    'widget/kmzb-map.js': 'export const kmzb = 1;\n',
    'widget/kmzb-map.classic.js': '(function () {})();\n',
  });
  const app = await build(t, { distDir });
  for (const file of ['kmzb-map.js', 'kmzb-map.classic.js']) {
    const response = await app.inject(`/widget/${file}`);
    assert.equal(response.statusCode, 200, file);
    assert.match(String(response.headers['content-type']), /^(text|application)\/javascript/);
    assert.equal(response.headers['access-control-allow-origin'], '*');
  }
  assert.equal((await app.inject('/widget/kmzb-map.js')).body, 'export const kmzb = 1;\n');
  assert.equal((await app.inject('/widget/nope.js')).statusCode, 404);
});

test('the server starts without a widget build and says to run npm run build', async (t) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await build(t, { distDir: join(tempDir(t), 'missing'), logger: { level: 'warn', stream } });
  const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
  assert.ok(warnings.some((w) => w.level === 40 && /npm run build/.test(w.msg)), JSON.stringify(warnings));
  assert.equal((await app.inject('/widget/kmzb-map.js')).statusCode, 404);
  assert.equal((await app.inject('/healthz')).statusCode, 200);
});
