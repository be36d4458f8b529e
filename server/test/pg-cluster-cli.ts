/**
 * One PostgreSQL cluster for a whole test run (CI): starts a throwaway cluster, builds the
 * migrated template test databases are cloned from, writes `KMZB_TEST_DATABASE_URL=<url>` to
 * FILE (sh syntax, written whole: wait for the file, then source it), and stays in the
 * foreground until SIGTERM or SIGINT, then stops the cluster, removes its folder and FILE.
 *
 *   node --import tsx server/test/pg-cluster-cli.ts [--fast] [--write-env FILE]
 *
 * --fast turns fsync, synchronous_commit and full_page_writes off (tests); without it the
 * cluster is durable (benchmarks). Exits 2 with the reason when PostgreSQL is not installed.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureTemplate, localPgUnavailableReason, startPgCluster } from './pg-cluster.js';

const { values } = parseArgs({
  options: {
    fast: { type: 'boolean', default: false },
    'write-env': { type: 'string' },
  },
});

const reason = localPgUnavailableReason();
if (reason) {
  console.error(`pg-cluster: ${reason}`);
  process.exit(2);
}

const envFile = values['write-env'];
const cluster = await startPgCluster({ durable: !values.fast });
let stopping = false;
const stop = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  if (envFile) rmSync(envFile, { force: true });
  await cluster.stop();
  console.log(`pg-cluster: stopped (${signal})`);
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

try {
  await ensureTemplate(cluster.adminUrl);
} catch (error) {
  console.error('pg-cluster: building the template database failed:', error);
  await cluster.stop();
  process.exit(1);
}
const line = `KMZB_TEST_DATABASE_URL=${cluster.adminUrl}\n`;
if (envFile) {
  writeFileSync(`${envFile}.partial`, line);
  renameSync(`${envFile}.partial`, envFile);
}
console.log(`pg-cluster: ${values.fast ? 'fast' : 'durable'} cluster in ${cluster.dir}, pid ${process.pid}`);
process.stdout.write(line);
// The signal handlers keep the process alive; so does this timer, whatever else ends.
setInterval(() => undefined, 1 << 30);
