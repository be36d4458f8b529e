import type { ActionKind, CivicAction, DailyActionsStore } from '../daily-actions.js';
import { run, statement, type PgDb } from './pg-db.js';

const SINCE = statement('daily_since', 'SELECT at FROM daily_actions WHERE key_hash IN ($1, $2) AND at > $3 ORDER BY at');
const INSERT = statement('daily_insert', 'INSERT INTO daily_actions (key_hash, kind, action, at) VALUES ($1, $2, $3, $4)');
const PRUNE = statement('daily_prune', 'DELETE FROM daily_actions WHERE at <= $1');

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
