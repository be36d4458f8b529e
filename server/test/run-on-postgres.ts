/**
 * `npm run test:server:postgres`: the server suite on PostgreSQL. Starts one throwaway cluster
 * (fsync off, as tests want), builds the migrated and the seeded template databases once, and
 * runs the same test files as `npm run test:server` with KMZB_TEST_DATABASE_URL naming the
 * cluster, so every app a test builds runs on a database of its own cloned from the seeded
 * template (server/test/helpers.ts). Extra arguments name test files instead of all of them.
 * Exits with the suite's code; 2 with the reason when PostgreSQL is not installed.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { ensureTemplate, localPgUnavailableReason, startPgCluster } from './pg-cluster.js';

const reason = localPgUnavailableReason();
if (reason) {
  console.error(`test:server:postgres: ${reason}`);
  process.exit(2);
}

/**
 * Files the PostgreSQL pass leaves to `npm run test:server`, which already runs them whole:
 * their PostgreSQL half runs there on clusters of their own (both stores side by side, or
 * PostgreSQL only), or they never open a store (pure functions, SQLite's own machinery).
 * Running them again here would test nothing new and cost minutes of CI.
 */
const ALREADY_ON_BOTH = /^(store-contract.*|store-unit|pg-.*|shared-throttle|failover|migrate-store.*|open-store)\.test\.ts$/;
const NO_STORE = /^(geo|layers|open311-xml|photos|read-photo|report-rules|widget-package|group-commit|migrate)\.test\.ts$/;

const all = readdirSync(join(projectRoot, 'server', 'test')).filter((f) => f.endsWith('.test.ts')).sort();
const left = all.filter((f) => ALREADY_ON_BOTH.test(f) || NO_STORE.test(f));
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : all.filter((f) => !left.includes(f)).map((f) => join('server', 'test', f));
const cluster = await startPgCluster({ settings: { max_connections: 300 } });
let code = 1;
try {
  await ensureTemplate(cluster.adminUrl, true);
  console.log(`test:server:postgres: cluster on port ${cluster.port}; ${files.length} test files` +
    (process.argv.slice(2).length ? '' : ` (left to test:server, which runs them whole: ${left.join(', ')})`));
  code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', '--test-force-exit', ...files], {
      cwd: projectRoot, stdio: 'inherit', env: { ...process.env, KMZB_TEST_DATABASE_URL: cluster.adminUrl },
    });
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
} finally {
  await cluster.stop();
}
process.exit(code);
