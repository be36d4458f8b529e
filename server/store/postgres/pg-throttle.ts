import type { ThrottleStore } from '../throttle.js';
import { run, statement, type PgDb } from './pg-db.js';

// One statement for every key hit in a turn of the event loop: a new key starts its window
// with its hits; an ended window starts again with them; else the count goes up by them. The
// row locks of ON CONFLICT serialise concurrent hits on a key; keys go in sorted, so two
// instances' statements lock shared keys in the same order (no deadlock).
const HITS = statement('throttle_hits', `INSERT INTO write_throttle AS t (key, window_start, count)
  SELECT h.key, $3, h.n FROM unnest($1::text[], $2::int[]) AS h (key, n)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN t.window_start + $4 <= $3 THEN excluded.count ELSE t.count + excluded.count END,
    window_start = CASE WHEN t.window_start + $4 <= $3 THEN $3 ELSE t.window_start END
  RETURNING key, count, window_start AS "windowStart"`);
const PRUNE = statement('throttle_prune', 'DELETE FROM write_throttle WHERE window_start < $1');

/** Hits are sent in statements of at most this many keys. */
const MAX_KEYS = 500;

interface Hit {
  resolve: (value: { count: number; windowStart: number }) => void;
  reject: (error: unknown) => void;
}

/** The hits of one turn of the event loop with one window length, per key in arrival order. */
interface Round {
  now: number;
  keys: Map<string, Hit[]>;
}

/**
 * The write throttle's counters in the write_throttle table (server/store/throttle.ts). Every
 * citizen write counts a hit: the hits that arrive in one turn of the event loop go to the
 * database together, in one statement (per window length), instead of one statement each.
 * On the 2-core VM, a statement per report cost the server and PostgreSQL more CPU than any
 * other part of a report's write but the report itself (bench:report-write).
 */
export class PgThrottle implements ThrottleStore {
  /** Per window length (a route's setting), the hits waiting for the next statement. */
  readonly #rounds = new Map<number, Round>();
  #scheduled = false;

  constructor(private readonly db: PgDb) {}

  hit(key: string, windowMs: number, now: number): Promise<{ count: number; windowStart: number }> {
    return new Promise((resolve, reject) => {
      let round = this.#rounds.get(windowMs);
      if (!round) this.#rounds.set(windowMs, (round = { now, keys: new Map() }));
      round.now = Math.max(round.now, now);
      const hits = round.keys.get(key);
      if (hits) hits.push({ resolve, reject });
      else round.keys.set(key, [{ resolve, reject }]);
      if (!this.#scheduled) {
        this.#scheduled = true;
        // setImmediate runs after pending I/O callbacks: requests that arrived together share it.
        setImmediate(() => this.#flush());
      }
    });
  }

  async prune(before: number): Promise<void> {
    await run(this.db, PRUNE, [before]);
  }

  #flush(): void {
    this.#scheduled = false;
    const rounds = [...this.#rounds];
    this.#rounds.clear();
    for (const [windowMs, round] of rounds) {
      const keys = [...round.keys.keys()].sort();
      for (let i = 0; i < keys.length; i += MAX_KEYS) {
        void this.#send(keys.slice(i, i + MAX_KEYS), round, windowMs);
      }
    }
  }

  async #send(keys: string[], round: Round, windowMs: number): Promise<void> {
    const counts = keys.map((key) => round.keys.get(key)!.length);
    try {
      const { rows } = await run<{ key: string; count: number; windowStart: number }>(this.db, HITS, [keys, counts, round.now, windowMs]);
      const byKey = new Map(rows.map((row) => [row.key, row]));
      for (const key of keys) {
        const row = byKey.get(key);
        const hits = round.keys.get(key)!;
        if (!row) {
          hits.forEach(({ reject }) => reject(new Error(`The write throttle returned no count for a key it was sent.`)));
          continue;
        }
        // The hits of a key were counted together, in arrival order: the last one sees the total.
        const total = Number(row.count);
        const windowStart = Number(row.windowStart);
        hits.forEach(({ resolve }, i) => resolve({ count: total - hits.length + 1 + i, windowStart }));
      }
    } catch (error) {
      for (const key of keys) round.keys.get(key)!.forEach(({ reject }) => reject(error));
    }
  }
}
