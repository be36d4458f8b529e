import { rmSync } from 'node:fs';

/**
 * Empties an output folder when a build starts, so it holds only this build's files: chunk
 * names carry a content hash, and the chunks of earlier builds would otherwise stay beside the
 * new ones (served by nobody, but counted by build/report-size.mjs).
 * @param {string} dir
 * @returns {import('rollup').Plugin}
 */
export function cleanDir(dir) {
  return {
    name: 'clean-dir',
    buildStart() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
