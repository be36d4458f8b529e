import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// One direction between layers (issue 16): the domain depends on the store port and common/,
// the store adapters depend on the port, and only the HTTP edge knows about statuses and
// Fastify. This test reads every import of the server's and common's source files.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The domain: what the product does, whichever store and transport it runs on. */
const DOMAIN = ['reports', 'stats', 'staff', 'mail', 'open-data', 'open311', 'photos', 'units', 'catalogue'];

/** Server files every layer may use: where the project's files are, the shipped data, time slicing. */
const BASE = ['server/paths.ts', 'server/shipped-data.ts', 'server/time-slice.ts'];

/** Where a file belongs: common, base, store (the port), postgres, db (the SQLite adapter), geo, a domain area, or edge. */
function layerOf(file: string): string {
  const path = relative(ROOT, file).split('\\').join('/').replace(/\.js$/, '.ts');
  if (path.startsWith('common/')) return 'common';
  if (BASE.includes(path)) return 'base';
  if (path.startsWith('server/store/postgres/')) return 'postgres';
  if (path.startsWith('server/store/')) return 'store';
  const area = path.split('/')[1]!;
  if (area === 'db') return 'db';
  if (area === 'geo') return 'geo';
  if (DOMAIN.includes(area)) return 'domain';
  return 'edge';
}

/** What each layer may import from the project (the edge, app and CLIs may import anything). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  common: ['common'],
  base: ['common', 'base'],
  store: ['common', 'store'],
  geo: ['common', 'base', 'geo', 'store'],
  db: ['common', 'base', 'store', 'geo', 'db'],
  postgres: ['common', 'base', 'store', 'geo', 'postgres'],
  domain: ['common', 'base', 'store', 'geo', 'domain'],
};

/** Packages a layer must never import: the web framework outside the edge, drivers outside their adapter. */
const FORBIDDEN_PACKAGES: Readonly<Record<string, readonly RegExp[]>> = {
  common: [/^fastify/, /^@fastify\//, /^better-sqlite3$/, /^pg$/],
  base: [/^fastify/, /^@fastify\//, /^better-sqlite3$/, /^pg$/],
  store: [/^fastify/, /^@fastify\//, /^better-sqlite3$/, /^pg$/],
  geo: [/^fastify/, /^@fastify\//, /^better-sqlite3$/, /^pg$/],
  db: [/^fastify/, /^@fastify\//, /^pg$/],
  postgres: [/^fastify/, /^@fastify\//, /^better-sqlite3$/],
  domain: [/^fastify/, /^@fastify\//, /^better-sqlite3$/, /^pg$/],
};

/**
 * Domain files that still call the SQLite repositories directly, being moved behind the store
 * port one area at a time. The list may only shrink: a new file that imports server/db fails,
 * and so does a listed file that no longer needs to be listed.
 */
const NOT_YET_ON_THE_PORT = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic imports with a literal. */
function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]/g)) found.push(match[1]!);
  for (const match of source.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) found.push(match[1]!);
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  return found;
}

/** The layer a relative import lands in. */
function targetLayer(from: string, specifier: string): string {
  return layerOf(resolve(dirname(from), specifier));
}

interface Violation {
  file: string;
  imports: string;
}

function violations(): Violation[] {
  const found: Violation[] = [];
  for (const file of [...sourceFiles(join(ROOT, 'server')), ...sourceFiles(join(ROOT, 'common'))]) {
    const layer = layerOf(file);
    const allowed = MAY_IMPORT[layer];
    if (!allowed) continue;
    const name = relative(ROOT, file).split('\\').join('/');
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const target = targetLayer(file, specifier);
        if (!allowed.includes(target)) found.push({ file: name, imports: `${specifier} (${target})` });
      } else if (FORBIDDEN_PACKAGES[layer]!.some((pattern) => pattern.test(specifier))) {
        found.push({ file: name, imports: specifier });
      }
    }
  }
  return found;
}

test('the import reader sees static, type-only, re-exported and dynamic imports', () => {
  const source = [
    "import { a } from './a.js';",
    "import type { B } from '../b.js';",
    "export { c } from './c.js';",
    "import './side-effect.js';",
    "const d = await import('./d.js');",
    "import {\n  e,\n  f,\n} from 'pg';",
  ].join('\n');
  assert.deepEqual(importsOf(source).sort(), ['../b.js', './a.js', './c.js', './d.js', './side-effect.js', 'pg'].sort());
});

test('layers import only in their direction; the domain never imports the edge, Fastify or a driver', () => {
  const unexpected = violations().filter((v) => !(NOT_YET_ON_THE_PORT.has(v.file) && /\((db)\)$|^better-sqlite3$/.test(v.imports)));
  assert.deepEqual(unexpected, []);
});

test('the list of domain files not yet on the store port only shrinks', () => {
  const stillDirect = new Set(violations().filter((v) => NOT_YET_ON_THE_PORT.has(v.file)).map((v) => v.file));
  const movedButListed = [...NOT_YET_ON_THE_PORT].filter((file) => !stillDirect.has(file));
  assert.deepEqual(movedButListed, [], 'these files no longer import server/db: take them off NOT_YET_ON_THE_PORT');
});
