/**
 * Fills packages/kmzb-map (the publishable widget package; the root package is the private app)
 * with this build: dist/widget (ES entry and chunks, classic file, custom-elements.json, minus
 * the versioned copies under v/, which only the server needs) and the declarations of the entry,
 * emitted here by tsc into dist/types. The package's version must be the app's (tested).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const pkg = 'packages/kmzb-map';

rmSync('dist/types', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' });

rmSync(join(pkg, 'dist'), { recursive: true, force: true });
cpSync('dist/widget', join(pkg, 'dist/widget'), {
  recursive: true,
  filter: (path) => !['v', 'manifest.json'].includes(relative('dist/widget', path).split(sep)[0] ?? ''),
});
cpSync('dist/types', join(pkg, 'dist/types'), { recursive: true });
cpSync('LICENSE', join(pkg, 'LICENSE'));
