/**
 * Burst throttle counters shared by every instance on one store: a fixed window per key.
 * Keys are opaque (the HTTP edge hashes client addresses before they get here).
 */
export interface ThrottleStore {
  /**
   * Counts a hit for `key` at `now` (ms since the epoch) in its current window of `windowMs`,
   * starting a new window when the last one has ended. Returns the hits in the window so far,
   * this one included, and when the window started.
   */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; windowStart: number }>;
  /** Forgets windows that ended before `before` (ms since the epoch). */
  prune(before: number): Promise<void>;
}
