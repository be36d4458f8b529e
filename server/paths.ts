import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the project root by walking up from `from` to the first directory with a
 * package.json. The nesting depth differs between source (server/*.ts run by tsx) and
 * the build (dist-server/server/*.js), so a fixed `../..` would be wrong in one of them.
 */
export function findProjectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
}

/** Absolute path of the project root (the folder with package.json). */
export const projectRoot = findProjectRoot();

/**
 * Migrations and shipped data are read from the source tree, because tsc copies only
 * .ts output into dist-server/.
 */
export const migrationsDir = join(projectRoot, 'server', 'db', 'migrations');
/** The PostgreSQL store's migrations (plain SQL, as SQLite's). */
export const pgMigrationsDir = join(projectRoot, 'server', 'store', 'postgres', 'migrations');
export const dataDir = join(projectRoot, 'server', 'data');

/** Default locations of the built widget and the demo pages. */
export const defaultDistDir = join(projectRoot, 'dist');
export const defaultDemoDir = join(projectRoot, 'demo');
export const defaultDbPath = join(projectRoot, 'var', 'kmzb.sqlite');
