import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../paths.js';
import { build, tempDir, writeFiles } from './helpers.js';

/** The part of the custom-elements manifest (schema 2.x) this test reads. */
interface Named { name: string }
interface Member extends Named { kind: string; privacy?: string; static?: boolean }
interface Attribute extends Named { fieldName?: string }
interface Declaration extends Named {
  tagName?: string;
  attributes?: Attribute[];
  members?: Member[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest { modules: { path: string; declarations?: Declaration[] }[] }

/**
 * The manifest as `npm run build:widget` writes it, made here from the sources with the same
 * config (the analyzer's own cli, writing nothing), so the test needs no build.
 */
async function analyze(): Promise<Manifest> {
  const url = pathToFileURL(join(projectRoot, 'node_modules/@custom-elements-manifest/analyzer/cli.js')).href;
  const { cli } = (await import(url)) as { cli: (options: object) => Promise<Manifest> };
  return cli({ argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], cwd: projectRoot, noWrite: true });
}

/** The first-column names of the README table whose header's first cell is `header`, in "Embedding the widget". */
function readmeColumn(header: string): string[] {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Embedding the widget\n');
  assert.ok(start >= 0, 'README has no "Embedding the widget" section');
  const end = readme.indexOf('\n## ', start + 1);
  const lines = readme.slice(start, end).split('\n');
  const at = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  assert.ok(at >= 0, `no README table headed "${header}"`);
  const names: string[] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    const cell = /^\| `([^`]+)` \|/.exec(line);
    assert.ok(cell, `README row without a \`name\` in the first cell: ${line}`);
    names.push(cell[1]!);
  }
  return names;
}

const sorted = (names: string[]) => [...names].sort();

test('the manifest describes <kmzb-map> and the README element reference lists exactly what it has', async () => {
  const manifest = await analyze();
  const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === 'kmzb-map');
  assert.ok(element, 'no <kmzb-map> in the manifest');
  const attributes = (element.attributes ?? []).map((a) => a.name);
  const fromAttributes = new Set((element.attributes ?? []).map((a) => a.fieldName));
  // Public instance fields and getters with no attribute: the JavaScript-only API.
  const properties = (element.members ?? [])
    .filter((m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public' && !fromAttributes.has(m.name))
    .map((m) => m.name);

  // What the element really has (a JSDoc tag lost by the analyzer shows up here first).
  for (const name of ['unit', 'lang', 'basemap', 'basemap-url', 'view', 'report', 'token']) assert.ok(attributes.includes(name), name);
  for (const name of ['legend', 'list', 'reports-status', 'panel', 'panel-toggle', 'fullscreen', 'instruction', 'track']) {
    assert.ok(element.cssParts?.some((p) => p.name === name), `part ${name}`);
  }
  assert.ok(element.cssProperties?.some((p) => p.name === '--kmzb-map-background'));
  assert.ok(element.events?.some((e) => e.name === 'kmzb-report-select'));
  assert.ok(properties.includes('config'));

  assert.deepEqual(sorted(readmeColumn('attribute')), sorted(attributes), 'attributes');
  assert.deepEqual(sorted(readmeColumn('property')), sorted(properties), 'properties');
  assert.deepEqual(sorted(readmeColumn('event')), sorted((element.events ?? []).map((e) => e.name)), 'events');
  assert.deepEqual(sorted(readmeColumn('part')), sorted((element.cssParts ?? []).map((p) => p.name)), 'parts');
  assert.deepEqual(sorted(readmeColumn('CSS property')), sorted((element.cssProperties ?? []).map((p) => p.name)), 'CSS properties');
});

test('custom-elements.json is served beside the bundle as JSON', async (t) => {
  const distDir = tempDir(t);
  writeFiles(distDir, { 'widget/kmzb-map.js': 'export {};\n', 'widget/custom-elements.json': '{"schemaVersion":"2.1.0","modules":[]}\n' });
  const app = await build(t, { distDir });
  const response = await app.inject('/widget/custom-elements.json');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.equal(response.json().schemaVersion, '2.1.0');
});
