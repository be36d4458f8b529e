/**
 * Store-migration benchmark: a national SQLite database (bench/migrate-store-data.ts: 3,000,000
 * reports with their history, staff, audit entries, confirmations, photos on 1 in 200, and the
 * statistics and map aggregates; built once into var/bench/migrate-store-<count>.sqlite and
 * reused, `--fresh` rebuilds it) copied into an empty PostgreSQL database by
 * copySqliteToPostgres, the function behind `npm run migrate-store`. Prints each table's rows
 * and rows/s, the index builds, and the whole: reports/s and rows/s from the first read to the
 * commit. The figures of each run go to var/bench/migrate-store-<count>.json.
 *
 * PostgreSQL: a throwaway durable cluster (the test helpers' startPgCluster, fsync on) with the
 * settings a database server for this would have (shared_buffers 1 GB, max_wal_size 8 GB), or
 * `--url postgres://...` of a cluster's admin database, where a database is created and dropped.
 *
 *   npm run bench:migrate-store -- [--count 3000000] [--fresh] [--url postgres://...] [--keep]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { copySqliteToPostgres, type CopyEvent } from '../server/ops/migrate-store/copy.js';
import { projectRoot } from '../server/paths.js';
import { createPgPool } from '../server/store/postgres/pool.js';
import { startPgCluster, type PgCluster } from '../server/test/pg-cluster.js';
import { generateBenchData } from './migrate-store-data.js';

const SETTINGS = { shared_buffers: '1GB', max_wal_size: '8GB', log_min_messages: 'warning' };

const number = new Intl.NumberFormat('en-GB');

/** utime, stime, cutime, cstime of a process (/proc/<pid>/stat, in clock ticks), and its parent. */
function procTimes(pid: number): { ticks: number; children: number; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ticks: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]), ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds the whole cluster has used: the postmaster with the children it has reaped
 * (parallel index workers, ended connections) and its live children (backends, checkpointer,
 * WAL writer). On a loaded machine this, next to the process's own, says what the copy costs
 * where the wall clock says how long it waited for the CPUs. Linux /proc; 100 ticks a second.
 */
function clusterCpuSeconds(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const own = procTimes(postmaster);
  if (!own) return NaN;
  let ticks = own.ticks + own.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = procTimes(Number(entry));
    if (child?.ppid === postmaster) ticks += child.ticks;
  }
  return ticks / 100;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { count: { type: 'string' }, fresh: { type: 'boolean' }, url: { type: 'string' }, keep: { type: 'boolean' } },
  });
  const count = Number(values.count ?? 3_000_000);
  const dir = join(projectRoot, 'var', 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `migrate-store-${count}.sqlite`);
  if (values.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  if (!existsSync(path)) {
    console.log(`generating ${count} reports into ${path} (once; --fresh regenerates)`);
    generateBenchData(path, count, { photoEvery: 200, photoBytes: 16_384 });
  }

  let cluster: PgCluster | undefined;
  let adminUrl = values.url;
  if (!adminUrl) {
    // Interrupted, the process still exits through 'exit', where the cluster is stopped and removed.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
    cluster = await startPgCluster({ durable: true, settings: SETTINGS });
    adminUrl = cluster.adminUrl;
  }
  const database = `kmzb_migrate_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const pool = createPgPool({ connectionString: url.toString(), max: 2 });
    // DROP DATABASE ... WITH (FORCE) may end a pooled connection still closing: not an error here.
    pool.on('error', () => undefined);
    const settings = await pool.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings
       WHERE name IN ('fsync', 'shared_buffers', 'max_wal_size', 'max_parallel_maintenance_workers') ORDER BY name`);
    console.log(`postgres ${cluster ? `(throwaway cluster ${cluster.dir})` : adminUrl.replace(/:[^:@/]*@/, ':****@')}: ` +
      settings.rows.map((r) => `${r.name}=${r.setting}`).join(', '));
    const indexes: { statement: string; seconds: number }[] = [];
    let last = performance.now();
    const onProgress = (event: CopyEvent): void => {
      if (event.kind === 'index') indexes.push(event);
      if (event.kind === 'table' && !event.done && performance.now() - last > 10_000) {
        console.log(`  ${event.table}: ${number.format(event.rows)} of ${number.format(event.total)}, ${event.seconds.toFixed(0)} s`);
        last = performance.now();
      }
    };
    const pgCpu = () => (cluster ? clusterCpuSeconds(join(cluster.dir, 'data')) : NaN);
    const cpuBefore = { node: process.cpuUsage(), pg: pgCpu() };
    try {
      const result = await copySqliteToPostgres(path, pool, { onProgress });
      const nodeCpu = process.cpuUsage(cpuBefore.node);
      const cpu = { node: (nodeCpu.user + nodeCpu.system) / 1e6, postgres: pgCpu() - cpuBefore.pg };
      console.log('\ntable                rows          seconds   rows/s');
      for (const table of result.tables.filter((t) => t.rows > 0)) {
        console.log(`${table.name.padEnd(20)} ${number.format(table.rows).padStart(12)} ${table.seconds.toFixed(1).padStart(9)} ${number.format(Math.round(table.rows / table.seconds)).padStart(9)}`);
      }
      const slowest = [...indexes].sort((a, b) => b.seconds - a.seconds).slice(0, 8);
      console.log(`\nindexes and keys: ${indexes.length} in ${result.indexSeconds.toFixed(1)} s; the slowest:`);
      for (const index of slowest) console.log(`  ${index.seconds.toFixed(1).padStart(6)} s  ${index.statement.replace(/\s*\(.*$/s, '')}`);
      const rowsSeconds = result.tables.reduce((sum, t) => sum + t.seconds, 0);
      console.log(`\n${number.format(result.reports)} reports, ${number.format(result.rows)} rows in ${result.seconds.toFixed(1)} s ` +
        `(rows ${rowsSeconds.toFixed(1)} s, indexes ${result.indexSeconds.toFixed(1)} s): ` +
        `${number.format(Math.round(result.reports / result.seconds))} reports/s, ${number.format(Math.round(result.rows / result.seconds))} rows/s`);
      const load = loadavg()[0]!;
      console.log(`CPU: this process ${cpu.node.toFixed(0)} s (SQLite reading and formatting), PostgreSQL ${cpu.postgres.toFixed(0)} s ` +
        `(all its processes); load average ${load.toFixed(1)} on ${cpus().length} CPUs at the end`);
      writeFileSync(join(dir, `migrate-store-${count}.json`), `${JSON.stringify({
        at: new Date().toISOString(), settings: settings.rows, ...result, indexes, cpu, load,
      }, null, 2)}\n`);
    } finally {
      await pool.end();
    }
  } finally {
    if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    if (cluster && !values.keep) await cluster.stop();
  }
}

await main();
