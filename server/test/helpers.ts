import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../app.js';
import { openDatabase } from '../db/open.js';
import { seedIfEmpty } from '../db/seed.js';
import { loadShippedData } from '../shipped-data.js';
import { MIN_COST_LOG2, usePasswordCost } from '../staff/passwords.js';

// Logins at the production cost (2^17, 0.6 s each) would take most of the suite's time.
usePasswordCost(MIN_COST_LOG2);

/** A temporary folder removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'kmzb-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes files (path relative to `dir` → content), creating folders as needed. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

let template: string | undefined;

/**
 * A migrated and seeded database, built once per test process (seeding the areas takes about
 * half a second) and copied for each test, so every test still owns its own file.
 */
export function seededTemplate(): string {
  if (template) return template;
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-template-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'template.sqlite');
  const db = openDatabase(path);
  seedIfEmpty(db, () => loadShippedData());
  // Leave WAL mode so that the single file holds everything and can be copied alone.
  db.pragma('journal_mode = DELETE');
  db.close();
  template = path;
  return path;
}

/**
 * Builds the app on a fresh copy of the seeded database, closed when the test ends. Unless
 * the test says otherwise the widget and demo folders do not exist, so tests never depend on
 * a build having run.
 */
export async function build(t: TestContext, options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-test-'));
  const dbPath = join(dir, 'kmzb.sqlite');
  copyFileSync(seededTemplate(), dbPath);
  let app: FastifyInstance | undefined;
  // One hook, so the database is closed before its folder is deleted.
  t.after(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  app = await buildApp({ dbPath, distDir: join(dir, 'no-dist'), demoDir: join(dir, 'no-demo'), ...options });
  return app;
}
