import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Empties an output folder when a build starts, so it holds only this build's files: chunk
 * names carry a content hash, and the chunks of earlier builds would otherwise stay beside the
 * new ones (served by nobody, but counted by build/report-size.mjs).
 * `keep` names entries that outlive a build: dist/widget/v/ holds the versioned widgets that
 * pasted snippets point at, so an earlier version keeps loading after a new build.
 * @param {string} dir
 * @param {{ keep?: string[] }} [options]
 * @returns {import('rollup').Plugin}
 */
export function cleanDir(dir, { keep = [] } = {}) {
  return {
    name: 'clean-dir',
    buildStart() {
      let entries;
      try {
        entries = readdirSync(dir);
      } catch {
        return; // no folder yet
      }
      for (const entry of entries) if (!keep.includes(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
    },
  };
}
