export type ActionKind = 'device' | 'network';
export type CivicAction = 'report' | 'confirmation';

/**
 * The log behind the daily rule (keyed hashes and times only). It lives in the store, so the
 * rule holds across every app instance on it; checked and written inside the unit of the action.
 */
export interface DailyActionsStore {
  /** Times (oldest first) of actions after `after` under either hash (today's and yesterday's key). */
  timesSince(hashes: readonly [Buffer, Buffer], after: string): Promise<string[]>;
  record(hash: Buffer, kind: ActionKind, action: CivicAction, at: string): Promise<void>;
  /** Deletes rows at or before `before`; they no longer count and should not linger. */
  pruneBefore(before: string): Promise<number>;
}
