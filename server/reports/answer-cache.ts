import type { CachedAnswer } from '../store/report-map.js';

export type { CachedAnswer };

interface Entry {
  answer: CachedAnswer;
  version: string;
  expires: number;
  refreshAt: number;
  /** Served stale (while rebuilt) after a write or its expiry, up to `staleUntil`. */
  staleUntil: number;
  hits: number;
}

/**
 * A hit, whether it should be rebuilt in the background while it is served (old, or stale),
 * and how many hits this entry has had (this one included).
 */
export interface CacheHit {
  answer: CachedAnswer;
  refresh: boolean;
  hits: number;
}

/**
 * A small in-process cache of map answers keyed by the normalised query. An entry is fresh
 * while the version of what it shows is unchanged (its unit's: a write elsewhere leaves it
 * alone) and for at most `ttlMs`, because visibility windows move with the clock even when
 * nothing is written. In the last `refreshAheadMs` of its life a hit says `refresh`, so the
 * caller rebuilds it before it expires. An entry stored with `staleMs` is stale-while-
 * revalidate: after a write or its expiry it is still served, with `refresh`, for up to
 * `staleMs` more, so nobody waits for its rebuild (clusters: seconds of work once). Without
 * it (points: a county's, a few milliseconds) a write or the expiry ends it at once, so a
 * citizen sees their report on the next request. Oldest entries go first when full.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  /** Lookups answered from the cache and not (for the metrics); only ever grow. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly ttlMs: number, private readonly maxEntries: number, private readonly refreshAheadMs = 0) {}

  get(key: string, version: string, now: number): CacheHit | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    const fresh = entry.version === version && entry.expires > now;
    if (fresh || entry.staleUntil > now) {
      this.stats.hits++;
      return { answer: entry.answer, refresh: !fresh || now >= entry.refreshAt, hits: ++entry.hits };
    }
    this.entries.delete(key);
    this.stats.misses++;
    return undefined;
  }

  /** Stores an answer built at `now` from data at `version`; `staleMs` > 0 may serve it stale. */
  set(key: string, version: string, now: number, answer: CachedAnswer, staleMs = 0): void {
    if (this.ttlMs <= 0) return;
    const previous = this.entries.get(key)?.answer;
    // A rebuild that came out the same (the usual refresh of a popular answer) keeps its
    // brotli: that slow encoding is made once per content, not once per cache lifetime.
    if (previous?.br && previous.etag === answer.etag && !answer.br) {
      answer.br = previous.br;
      answer.brEtag = previous.brEtag;
    }
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const expires = now + this.ttlMs;
    this.entries.set(key, {
      answer, version, expires, refreshAt: expires - Math.min(this.refreshAheadMs, this.ttlMs / 2),
      staleUntil: staleMs > 0 ? expires + staleMs : 0, hits: 0,
    });
  }
}
