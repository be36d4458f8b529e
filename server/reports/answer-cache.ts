/** A serialized answer, ready to send as is, with its validators. */
export interface CachedAnswer {
  body: string;
  /** Strong ETag: a hash of `body`. */
  etag: string;
  /** HTTP date of the newest change in the answer, when it has any. */
  lastModified?: string | undefined;
  /** `body` gzipped once, for clients that accept it (browsers, CDNs). */
  gzip: Buffer;
  /** The gzipped representation's own ETag (made once, not per request). */
  gzipEtag: string;
  /**
   * `body` at brotli's best quality, added in the background once the answer is asked for
   * often (see ReportMapOptions.brotliAfterHits): a fifth smaller than gzip, too slow to make
   * for every answer. Set together with `brEtag`.
   */
  br?: Buffer | undefined;
  brEtag?: string | undefined;
}

/** Stored as the version of an answer that holds until it expires, whatever is written. */
export const ANY_VERSION = '*';

interface Entry {
  answer: CachedAnswer;
  version: string;
  expires: number;
  refreshAt: number;
  hits: number;
}

/**
 * A hit, whether it is old enough to be rebuilt in the background while still served, and how
 * many hits this entry has had (this one included).
 */
export interface CacheHit {
  answer: CachedAnswer;
  refresh: boolean;
  hits: number;
}

/**
 * A small in-process cache of map answers keyed by the normalised query. An entry holds
 * while the data version is unchanged (any report write bumps it) and for at most `ttlMs`,
 * because visibility windows move with the clock even when nothing is written. Popular
 * questions (a unit's page, the national map) are then answered without touching SQLite.
 * In the last `refreshAheadMs` of its life a hit says `refresh`, so the caller can rebuild
 * it before it expires (stale-while-revalidate) and nobody waits for a cold national query.
 * Oldest entries go first when full.
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
    if ((entry.version === ANY_VERSION || entry.version === version) && entry.expires > now) {
      this.stats.hits++;
      return { answer: entry.answer, refresh: now >= entry.refreshAt, hits: ++entry.hits };
    }
    this.entries.delete(key);
    this.stats.misses++;
    return undefined;
  }

  set(key: string, version: string, now: number, answer: CachedAnswer): void {
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
    this.entries.set(key, { answer, version, expires, refreshAt: expires - Math.min(this.refreshAheadMs, this.ttlMs / 2), hits: 0 });
  }
}
