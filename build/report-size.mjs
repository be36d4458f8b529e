/**
 * Prints the size of every built widget file, minified and gzipped (zlib level 9, as a server
 * with static compression would send it), plus the total of the ES entry with its chunks.
 * Figures only: a size budget that fails the build can be added on top of this.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = 'dist/widget';

/** @param {string} dir @returns {string[]} */
const jsFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });

const kib = (bytes) => (bytes / 1024).toFixed(1);
// v/ holds the versioned copies (build/widget-versions.mjs): the same code again, not listed.
const rows = jsFiles(root).filter((path) => !relative(root, path).startsWith('v/')).map((path) => {
  const bytes = readFileSync(path);
  return { file: relative(root, path), min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const es = rows.filter((row) => row.file !== 'kmzb-map.classic.js');
rows.push({
  file: 'ES entry + chunks',
  min: es.reduce((sum, row) => sum + row.min, 0),
  gzip: es.reduce((sum, row) => sum + row.gzip, 0),
});

const width = Math.max(...rows.map((row) => row.file.length));
console.log(`${'file'.padEnd(width)}  ${'min KiB'.padStart(8)}  ${'gzip KiB'.padStart(8)}`);
for (const row of rows) {
  console.log(`${row.file.padEnd(width)}  ${kib(row.min).padStart(8)}  ${kib(row.gzip).padStart(8)}`);
}
