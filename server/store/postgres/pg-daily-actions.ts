import type { ActionKind, CivicAction, DailyActionsStore, DailyAdmission, DailyAdmissionResult } from '../daily-actions.js';
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

// SINCE for the device ($1, $2) and for the network ($3, $4), then (admitted: both under
// their limits $6, $7) INSERT of the action ($8 at $9) under $1 and $3, and PRUNE at $5: one
// round trip instead of five. The data-modifying parts run whether or not the result reads
// them, and read the statement's snapshot (the times are those before this action). Each
// read is SINCE's own query, as a scalar subquery: its plan stays a range scan of
// daily_actions_key, where a join of the four hashes with daily_actions may be planned as a
// hash join over the whole table when the statistics are behind a table that grew since.
const ADMIT_AND_RECORD = statement('daily_admit_and_record', `WITH seen AS (
    SELECT coalesce((SELECT array_agg(at ORDER BY at) FROM daily_actions WHERE key_hash IN ($1, $2) AND at > $5), '{}') AS device,
      coalesce((SELECT array_agg(at ORDER BY at) FROM daily_actions WHERE key_hash IN ($3, $4) AND at > $5), '{}') AS network
  ), admitted AS (
    SELECT cardinality(device) < $6::int AND cardinality(network) < $7::int AS ok FROM seen
  ), logged AS (
    INSERT INTO daily_actions (key_hash, kind, action, at)
    SELECT v.hash, v.kind, $8, $9 FROM admitted CROSS JOIN (VALUES ($1::bytea, 'device'), ($3::bytea, 'network')) v (hash, kind)
    WHERE admitted.ok
  ), pruned AS (
    DELETE FROM daily_actions WHERE at <= $5 AND (SELECT ok FROM admitted) AND (SELECT min(at) FROM daily_actions) <= $5
  )
  SELECT admitted.ok AS recorded, seen.device, seen.network FROM seen CROSS JOIN admitted`);

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

  async admitAndRecord(a: DailyAdmission): Promise<DailyAdmissionResult> {
    const { rows } = await run<DailyAdmissionResult>(this.db, ADMIT_AND_RECORD, [
      a.device[0], a.device[1], a.network[0], a.network[1], a.after, a.perDevice, a.perNetwork, a.action, a.at,
    ]);
    return rows[0]!;
  }
}
