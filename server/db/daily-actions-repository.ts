import type { Database, Statement } from 'better-sqlite3';
import type { ActionKind, CivicAction, DailyActionsStore, DailyAdmission, DailyAdmissionResult } from '../store/daily-actions.js';
import type { Sync } from '../store/sync.js';

export type { ActionKind, CivicAction } from '../store/daily-actions.js';

/** The log behind the daily rule: keyed hashes and times only (migration 008). */
export class DailyActionsRepository implements Sync<DailyActionsStore> {
  private readonly since: Statement<[Buffer, Buffer, string], { at: string }>;
  private readonly insert: Statement<[Buffer, ActionKind, CivicAction, string]>;
  private readonly prune: Statement<[string]>;

  constructor(db: Database) {
    // Without statistics the planner may prefer the time index and scan a whole day of rows;
    // the key index finds a device's or network's few rows directly.
    this.since = db.prepare(
      'SELECT at FROM daily_actions INDEXED BY daily_actions_key WHERE key_hash IN (?, ?) AND at > ? ORDER BY at',
    );
    this.insert = db.prepare('INSERT INTO daily_actions (key_hash, kind, action, at) VALUES (?, ?, ?, ?)');
    this.prune = db.prepare('DELETE FROM daily_actions WHERE at <= ?');
  }

  /** Times (oldest first) of actions after `after` under either hash (today's and yesterday's key). */
  timesSince(hashes: readonly [Buffer, Buffer], after: string): string[] {
    return this.since.all(hashes[0], hashes[1], after).map((row) => row.at);
  }

  record(hash: Buffer, kind: ActionKind, action: CivicAction, at: string): void {
    this.insert.run(hash, kind, action, at);
  }

  /** Deletes rows at or before `before`; they no longer count and should not linger. */
  pruneBefore(before: string): number {
    return this.prune.run(before).changes;
  }

  /** The rule's reads and, when it admits, its writes (inside the unit's transaction). */
  admitAndRecord(a: DailyAdmission): DailyAdmissionResult {
    const device = this.timesSince(a.device, a.after);
    const network = this.timesSince(a.network, a.after);
    const recorded = device.length < a.perDevice && network.length < a.perNetwork;
    if (recorded) {
      this.record(a.device[0], 'device', a.action, a.at);
      this.record(a.network[0], 'network', a.action, a.at);
      this.pruneBefore(a.after);
    }
    return { device, network, recorded };
  }
}
