import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../paths.js';

const packageDir = join(projectRoot, 'packages', 'kmzb-map');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** Every file a package.json field points at: the exports map's targets, types and customElements. */
function pointedAt(pkg: Record<string, unknown>): string[] {
  const targets: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  walk(pkg.types);
  walk(pkg.customElements);
  return targets.map((target) => target.replace(/^\.\//, ''));
}

test('the kmzb-map package: npm pack lists every file its exports, types and customElements point at, as built', (t) => {
  if (!existsSync(join(packageDir, 'dist', 'widget', 'kmzb-map.js'))) {
    t.skip('packages/kmzb-map is filled by `npm run build:widget`');
    return;
  }
  const pkg = readJson(join(packageDir, 'package.json'));
  const root = readJson(join(projectRoot, 'package.json'));
  assert.equal(pkg.name, 'kmzb-map');
  assert.equal(pkg.version, root.version, 'the package is released with the app: same version');
  assert.notEqual(pkg.private, true);
  assert.deepEqual(Object.keys(pkg.exports), ['.', './classic', './custom-elements.json']);

  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir, encoding: 'utf8' }));
  const files = new Set<string>(packed[0].files.map((file: { path: string }) => file.path));
  for (const target of pointedAt(pkg)) {
    assert.ok(files.has(target), `${target} is not in the package`);
    assert.ok(existsSync(join(packageDir, target)), `${target} was not built`);
  }
  // The ES entry's chunks come along; the server's versioned copies and source maps do not.
  assert.ok([...files].some((file) => /^dist\/widget\/kmzb-report-form-[\w-]+\.js$/.test(file)));
  assert.ok(![...files].some((file) => file.startsWith('dist/widget/v/') || file === 'dist/widget/manifest.json' || file.endsWith('.map')));
  assert.ok(files.has('LICENSE') && files.has('README.md'));

  const types = readFileSync(join(packageDir, pkg.types), 'utf8');
  assert.match(types, /export \{ KmzbMap \}/);
  assert.match(types, /'kmzb-map': KmzbMap/);
  const manifest = readJson(join(packageDir, pkg.customElements));
  assert.ok(manifest.modules.some((m: { declarations?: { tagName?: string }[] }) => m.declarations?.some((d) => d.tagName === 'kmzb-map')));
});
