/**
 * Names the current widget for the configurator's snippet: the content-hashed ES entry rollup
 * wrote under dist/widget/v/ (named in versioned-entry.json), and a content-hashed copy of the
 * classic file beside it (one file, nothing imports it back, so a copy is safe). Writes dist/widget/manifest.json with each file's
 * path under /widget/ and its Subresource Integrity value (sha384), served `no-cache` by the
 * server; the files under v/ never change and are served `immutable`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The widget's output folder; another one for tests. */
const root = process.argv[2] ?? 'dist/widget';
const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

// v/ keeps earlier builds (pasted snippets still load them): rollup names this build's entry.
const { file: module } = JSON.parse(readFileSync(join(root, 'versioned-entry.json'), 'utf8'));
if (typeof module !== 'string' || !module.startsWith('v/')) throw new Error(`no versioned ES entry named in ${root}/versioned-entry.json`);

const classicBytes = readFileSync(join(root, 'kmzb-map.classic.js'));
const classicHash = createHash('sha256').update(classicBytes).digest('base64url').slice(0, 10);
const classic = `v/kmzb-map.classic.${classicHash}.js`;
copyFileSync(join(root, 'kmzb-map.classic.js'), join(root, classic));

const manifest = {
  module: { file: module, integrity: integrity(readFileSync(join(root, module))) },
  classic: { file: classic, integrity: integrity(classicBytes) },
};
writeFileSync(join(root, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
rmSync(join(root, 'versioned-entry.json'));
