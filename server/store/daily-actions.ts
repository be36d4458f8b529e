export type ActionKind = 'device' | 'network';
export type CivicAction = 'report' | 'confirmation';

/** One action asked for under the daily rule: the rule's reads and, when it admits, its writes. */
export interface DailyAdmission {
  /** The device's hashes under today's and yesterday's key; the action is logged under the first. */
  device: readonly [Buffer, Buffer];
  /** The network's hashes, likewise. */
  network: readonly [Buffer, Buffer];
  /** The window's start (exclusive): actions after it count; rows at or before it are pruned. */
  after: string;
  /** Admitted when fewer than this many actions of the device, and of the network, are in the window. */
  perDevice: number;
  perNetwork: number;
  action: CivicAction;
  /** When the action happens (the time it is logged at). */
  at: string;
}

/** What admitAndRecord found, and whether it logged the action. */
export interface DailyAdmissionResult {
  /** Times (oldest first) of the device's actions in the window, before this one. */
  device: string[];
  /** Times (oldest first) of the network's actions in the window, before this one. */
  network: string[];
  /** Both were under their limits: the action was logged under both and old rows pruned. */
  recorded: boolean;
}

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
  /**
   * The daily rule's check and log in one call (inside the unit of the action): timesSince()
   * of the device and of the network and, when both are under their limits, record() under the
   * device's and the network's first hash and pruneBefore(`after`). One statement on
   * PostgreSQL, where the three calls are five round trips.
   */
  admitAndRecord(admission: DailyAdmission): Promise<DailyAdmissionResult>;
}
