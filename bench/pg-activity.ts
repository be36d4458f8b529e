/**
 * What PostgreSQL did during a write bench's load, beyond its CPU: the WAL it wrote
 * (pg_stat_wal: records, full-page images, bytes) and the checkpoints that ran. A checkpoint
 * in the middle of a load makes the first change of every page after it write the whole page
 * to the WAL, so two loads of the same code can differ by that alone; the bench says so
 * instead of leaving it to be guessed. Also which of PostgreSQL's processes a CPU figure is
 * made of (the backends serving the app, or the checkpointer, autovacuum and WAL writer).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

interface Counters {
  records: number;
  fpi: number;
  bytes: number;
  checkpoints: number;
}

/** `work` on a connection of its own to `url`, closed after it: a bench's one-off look or change. */
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function counters(url: string): Promise<Counters> {
  return withPgClient(url, async (client) => {
    const { rows } = await client.query<{ records: string; fpi: string; bytes: string; checkpoints: string }>(
      `SELECT w.wal_records AS records, w.wal_fpi AS fpi, w.wal_bytes AS bytes,
         (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter) AS checkpoints
       FROM pg_stat_wal w`);
    const row = rows[0]!;
    return { records: Number(row.records), fpi: Number(row.fpi), bytes: Number(row.bytes), checkpoints: Number(row.checkpoints) };
  });
}

/** Counters now; `report(count)` then prints what changed, per item. */
export async function walActivity(url: string): Promise<{ report(count: number, item: string): Promise<string> }> {
  const before = await counters(url);
  return {
    async report(count, item) {
      const after = await counters(url);
      const per = (n: number) => (count ? n / count : 0);
      return `  WAL a ${item}: ${per(after.records - before.records).toFixed(0)} records, ` +
        `${per(after.fpi - before.fpi).toFixed(1)} full-page images, ${(per(after.bytes - before.bytes) / 1024).toFixed(1)} KiB; ` +
        `checkpoints during the load: ${after.checkpoints - before.checkpoints}`;
    },
  };
}

/** The role of a PostgreSQL process, from the title it sets (`postgres: checkpointer`, …). */
export function pgRole(pid: number): string {
  let title: string;
  try {
    title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'PostgreSQL';
  }
  if (title.includes('checkpointer')) return 'PostgreSQL checkpointer';
  if (title.includes('autovacuum')) return 'PostgreSQL autovacuum';
  if (/walwriter|background writer|logger|stats/.test(title)) return 'PostgreSQL background';
  return 'PostgreSQL backends';
}
