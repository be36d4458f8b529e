import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempDir } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

export interface LintResult {
  totals: { errors: number; warnings: number };
  problems: LintProblem[];
}

/**
 * Runs `redocly lint` (the project's dev dependency and `.redocly.yaml`) on a document: the
 * check an outside reader of /docs/json would make. Telemetry and the update check are off,
 * so the run touches no network.
 */
export async function redoclyLint(t: TestContext, document: string): Promise<LintResult> {
  const file = join(tempDir(t, 'kmzb-openapi-'), 'openapi.json');
  writeFileSync(file, document);
  const run = promisify(execFile);
  const args = ['lint', file, '--config', join(ROOT, '.redocly.yaml'), '--format', 'json', '--max-problems', '1000'];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  // Exit code 1 means problems were found: the JSON report on stdout says which.
  const { stdout } = await run(join(ROOT, 'node_modules/.bin/redocly'), args, { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 })
    .catch((error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`redocly failed: ${error.stderr ?? String(error)}`);
      return { stdout: error.stdout };
    });
  return JSON.parse(stdout) as LintResult;
}
