import type { ThrottleStore } from '../throttle.js';
import { run, statement, type PgDb } from './pg-db.js';

// One statement per hit: a new key starts its window; an ended window starts again at 1;
// else the count goes up. The row lock of ON CONFLICT serialises concurrent hits on a key.
const HIT = statement('throttle_hit', `INSERT INTO write_throttle AS t (key, window_start, count) VALUES ($1, $2, 1)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN t.window_start + $3 <= $2 THEN 1 ELSE t.count + 1 END,
    window_start = CASE WHEN t.window_start + $3 <= $2 THEN $2 ELSE t.window_start END
  RETURNING count, window_start AS "windowStart"`);
const PRUNE = statement('throttle_prune', 'DELETE FROM write_throttle WHERE window_start < $1');

/** The write throttle's counters in the write_throttle table (server/store/throttle.ts). */
export class PgThrottle implements ThrottleStore {
  constructor(private readonly db: PgDb) {}

  async hit(key: string, windowMs: number, now: number): Promise<{ count: number; windowStart: number }> {
    const row = (await run<{ count: number; windowStart: number }>(this.db, HIT, [key, now, windowMs])).rows[0]!;
    return { count: Number(row.count), windowStart: Number(row.windowStart) };
  }

  async prune(before: number): Promise<void> {
    await run(this.db, PRUNE, [before]);
  }
}
