import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { defaultDistDir, projectRoot } from '../paths.js';
import { build, tempDir, writeFiles } from './helpers.js';

interface Release { file: string; integrity: string }

/** The console's snippet builder (a widget module: imported at run time, outside the server's type check). */
async function embedSnippet(origin: string, unit: string, release?: Release): Promise<string> {
  const url = pathToFileURL(join(projectRoot, 'widget/src/console/console-configurator/config-form.ts')).href;
  const module = (await import(url)) as { embedSnippet: (origin: string, unit: string, release?: Release) => string };
  return module.embedSnippet(origin, unit, release);
}

const sha384 = (bytes: Buffer) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * What a browser does with the pasted snippet: fetch its src and compare the bytes with its
 * integrity. Returns the script's answer for the cache assertions.
 */
async function loadSnippetScript(app: FastifyInstance, snippet: string) {
  const src = /<script type="module" src="http:\/\/kmzb\.test(\/widget\/v\/[\w.-]+\.js)" integrity="(sha384-[\w+/=]+)" crossorigin="anonymous"><\/script>/.exec(snippet);
  assert.ok(src, `not a versioned script with integrity: ${snippet}`);
  const response = await app.inject(src[1]!);
  assert.equal(response.statusCode, 200);
  assert.equal(sha384(response.rawPayload), src[2], 'the integrity does not match the served bytes');
  return response;
}

test('the snippet names the versioned widget with an integrity that matches the served bytes, cached for a year', async (t) => {
  const distDir = tempDir(t);
  writeFiles(distDir, {
    'widget/kmzb-map.js': 'export const unversioned = 1;\n',
    'widget/v/kmzb-map.Ab12Cd34.js': 'export const versioned = "zażółć";\n',
    'widget/v/kmzb-map.Old00000.js': 'export const earlier = 1;\n',
    'widget/versioned-entry.json': '{"file":"v/kmzb-map.Ab12Cd34.js"}',
    'widget/kmzb-map.classic.js': '(function () { "classic"; })();\n',
  });
  // The build's own step, on this folder.
  execFileSync(process.execPath, [join(projectRoot, 'build/widget-versions.mjs'), join(distDir, 'widget')]);
  const app = await build(t, { distDir });

  const manifest = await app.inject('/widget/manifest.json');
  assert.equal(manifest.statusCode, 200);
  assert.equal(manifest.headers['cache-control'], 'no-cache');
  const { module, classic } = manifest.json() as { module: Release; classic: Release };
  assert.equal(module.file, 'v/kmzb-map.Ab12Cd34.js', 'the entry rollup named, not an earlier one kept in v/');
  assert.match(classic.file, /^v\/kmzb-map\.classic\.[\w-]{10}\.js$/);

  const snippet = await embedSnippet('http://kmzb.test', 'kwp-olsztyn', module);
  assert.match(snippet, /\n<kmzb-map unit="kwp-olsztyn"><\/kmzb-map>$/);
  const script = await loadSnippetScript(app, snippet);
  assert.equal(script.body, 'export const versioned = "zażółć";\n');
  assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(script.headers['access-control-allow-origin'], '*', 'crossorigin="anonymous" needs CORS');
  assert.match(String(script.headers['content-type']), /javascript/);

  const classicScript = await app.inject(`/widget/${classic.file}`);
  assert.equal(sha384(classicScript.rawPayload), classic.integrity);
  assert.equal(classicScript.body, '(function () { "classic"; })();\n');
  // Earlier versions stay served (pasted snippets point at them); the stable name is not immutable.
  assert.equal((await app.inject('/widget/v/kmzb-map.Old00000.js')).statusCode, 200);
  assert.notEqual((await app.inject('/widget/kmzb-map.js')).headers['cache-control'], 'public, max-age=31536000, immutable');
  // Without a build manifest the console falls back to the unversioned entry.
  assert.equal(await embedSnippet('http://kmzb.test', 'pl'), '<script type="module" src="http://kmzb.test/widget/kmzb-map.js"></script>\n<kmzb-map unit="pl"></kmzb-map>');
});

test('the built widget (npm run build:widget): manifest.json names files whose served bytes match their integrity', async (t) => {
  if (!existsSync(join(defaultDistDir, 'widget', 'manifest.json'))) {
    t.skip('no build: run `npm run build:widget`');
    return;
  }
  const app = await build(t, { distDir: defaultDistDir });
  const { module, classic } = (await app.inject('/widget/manifest.json')).json() as { module: Release; classic: Release };
  await loadSnippetScript(app, await embedSnippet('http://kmzb.test', 'pl', module));
  await loadSnippetScript(app, await embedSnippet('http://kmzb.test', 'pl', classic));
});
