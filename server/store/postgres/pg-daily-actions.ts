import type { ActionKind, CivicAction, DailyActionsStore } from '../daily-actions.js';
import { run, statement, type PgDb } from './pg-db.js';

const SINCE = statement('daily_since', 'SELECT at FROM daily_actions WHERE key_hash IN ($1, $2) AND at > $3 ORDER BY at');
const INSERT = statement('daily_insert', 'INSERT INTO daily_actions (key_hash, kind, action, at) VALUES ($1, $2, $3, $4)');
// Every unit of a report or confirmation prunes. Without statistics (a new database, the
// hours after a restore, before autoanalyze) PostgreSQL estimates `at <= $1` at a third of the
// table and scans it all, every time: ~1.1 ms per unit at 8,000 rows, growing with the day's
// traffic. The oldest time, read from the end of daily_actions_at (min() always is), gates the
// DELETE as a one-time filter: when nothing is old enough (nearly always on a new database),
// the scan never runs. The rows deleted are the same.
const PRUNE = statement('daily_prune', 'DELETE FROM daily_actions WHERE at <= $1 AND (SELECT min(at) FROM daily_actions) <= $1');

/**
 * The log behind the daily rule: keyed hashes and times only. Read and written inside the
 * unit of the action it guards; the unit's batch holds the store's advisory lock (pg-unit.ts),
 * so the rule's read-then-insert is serialized across every instance on the database.
 */
export class PgDailyActions implements DailyActionsStore {
  constructor(private readonly db: PgDb) {}

  async timesSince(hashes: readonly [Buffer, Buffer], after: string): Promise<string[]> {
    const { rows } = await run<{ at: string }>(this.db, SINCE, [hashes[0], hashes[1], after]);
    return rows.map((row) => row.at);
  }

  async record(hash: Buffer, kind: ActionKind, action: CivicAction, at: string): Promise<void> {
    await run(this.db, INSERT, [hash, kind, action, at]);
  }

  async pruneBefore(before: string): Promise<number> {
    return (await run(this.db, PRUNE, [before])).rowCount ?? 0;
  }
}
