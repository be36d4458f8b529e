import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, tempDir, writeFiles } from './helpers.js';

test('the staff console page is served at /admin, loading the console and the widget for the preview', async (t) => {
  const app = await build(t);
  const response = await app.inject('/admin');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/html/);
  assert.equal(response.headers['content-security-policy'], "frame-ancestors 'none'");
  assert.match(response.body, /<html lang="pl">/);
  assert.match(response.body, /<kmzb-console><\/kmzb-console>/);
  assert.match(response.body, /<script type="module" src="\/admin\/kmzb-console\.js"><\/script>/);
  assert.match(response.body, /<script type="module" src="\/widget\/kmzb-map\.js"><\/script>/);
});

test('the built console is served at /admin/ as JavaScript, without CORS', async (t) => {
  const distDir = tempDir(t);
  writeFiles(distDir, { 'admin/kmzb-console.js': 'export const console = 1;\n', 'widget/kmzb-map.js': 'export {};\n' });
  const app = await build(t, { distDir });
  const response = await app.inject('/admin/kmzb-console.js');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^(text|application)\/javascript/);
  assert.equal(response.headers['access-control-allow-origin'], undefined);
  assert.equal(response.body, 'export const console = 1;\n');
  assert.equal((await app.inject('/admin/nope.js')).statusCode, 404);
});
