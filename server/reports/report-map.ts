import { type CategoryVisibility } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import type { ReportMapQuery } from '../../common/schemas/report-map.js';
import { ProductError } from '../../common/product-error.js';
import type { CategoryCatalogue } from '../catalogue/category-catalogue.js';
import type { BuiltAnswer, MapJob, ReportMapStore, UnitScope } from '../store/report-map.js';
import { addBrotli } from './add-brotli.js';
import { AnswerCache, type CachedAnswer } from './answer-cache.js';
import { filterKey, parseMapQuery } from './map-query.js';

export interface ReportMapOptions {
  /** Above this many matching reports the answer is clusters; default 2,000. */
  pointLimit: number;
  /** How long an answer may be reused while no report changes; default 60 s (0: no cache). */
  cacheTtlMs: number;
  /**
   * Builders answering uncached questions off the event loop (ReportMapStore.builder); default
   * 2, so a second uncached question does not wait behind the first. On SQLite each is a
   * worker thread holding one read-only connection and its page cache; 0 answers in the main
   * thread (in-memory databases always are). PostgreSQL needs none.
   */
  workers: number;
  /** Build the default national map (`unit=pl`) at start, so its first visitor need not wait. */
  warmNational: boolean;
  /**
   * A cached answer asked for this many times is also compressed with brotli (in the
   * background; sent to clients that accept it); default 20. 0 never.
   */
  brotliAfterHits: number;
}

export const DEFAULT_REPORT_MAP_OPTIONS: ReportMapOptions = {
  pointLimit: 2000, cacheTtlMs: 60_000, workers: 2, warmNational: false, brotliAfterHits: 20,
};

interface Resolved {
  filter: MapJob['filter'];
  scope: MapJob['scope'];
  key: string;
}

/** The raw parameters of a query, as the memo of resolved queries keys them. */
function rawKey(query: ReportMapQuery): string {
  return JSON.stringify([query.unit, query.bbox, query.zoom, query.categories, query.statuses, query.since, query.until]);
}

/** Builds an answer (a MapBuilder of the store: in this thread, or posted to a worker). */
export type AnswerBuilder = (job: MapJob) => Promise<BuiltAnswer>;

export interface ReportMapDeps {
  map: ReportMapStore;
  categories: CategoryCatalogue;
  /** Where answers are built; default the store's builder without workers. */
  builder?: AnswerBuilder | undefined;
}

/**
 * The public map of reports (GET /api/v1/reports): validates the query, scopes it to the
 * unit's subtree, answers points or exact clusters, and serialises once per question and
 * data version so repeated requests (the same county page, the national map) cost a lookup.
 * The same question asked again while its answer is being built (same data version) waits
 * for that build instead of starting another.
 */
export class ReportMapService {
  private readonly cache: AnswerCache;
  private readonly building = new Map<string, Promise<CachedAnswer>>();
  private refreshing = 0;
  private readonly resolved = new Map<string, Resolved>();
  private readonly scopes = new Map<string, UnitScope | null>();
  private readonly builder: AnswerBuilder;
  private catalogue: { code: string; visibility: CategoryVisibility }[] | undefined;
  private categoryCodes: ReadonlySet<string> | undefined;

  constructor(private readonly deps: ReportMapDeps, private readonly options: ReportMapOptions) {
    // Popular answers are rebuilt in their last quarter of life, before anyone has to wait.
    this.cache = new AnswerCache(options.cacheTtlMs, 1000, options.cacheTtlMs / 4);
    if (deps.builder) this.builder = deps.builder;
    else {
      const inThread = deps.map.builder(0);
      this.builder = (job) => inThread.build(job);
    }
  }

  /** How often the answer cache answered (hits) and did not (misses), since start. */
  cacheStats(): { hits: number; misses: number } {
    return { ...this.cache.stats };
  }

  /**
   * The answer to a query: at once (not a promise) when it is cached and the store knows its
   * unit's version without a query, which is the hot path of a popular page.
   */
  answer(query: ReportMapQuery, now = Date.now()): CachedAnswer | Promise<CachedAnswer> {
    const raw = rawKey(query);
    const resolved = this.resolved.get(raw);
    if (!resolved) return this.resolve(query, raw).then((fresh) => this.answerOf(fresh, now));
    return this.answerOf(resolved, now);
  }

  private answerOf(resolved: Resolved, now: number): CachedAnswer | Promise<CachedAnswer> {
    // What the answer shows changes only with writes to its unit's subtree.
    const version = this.deps.map.unitVersion(resolved.filter.unit);
    return typeof version === 'string' ? this.answerAt(resolved, version, now) : version.then((known) => this.answerAt(resolved, known, now));
  }

  private answerAt({ filter, scope, key }: Resolved, version: string, now: number): CachedAnswer | Promise<CachedAnswer> {
    const hit = this.cache.get(key, version, now);
    // Popular: worth the slow, small encoding. Once per entry (a rebuilt answer counts anew).
    if (hit?.hits === this.options.brotliAfterHits && !hit.answer.br) void addBrotli(hit.answer);
    // A hit is the hot path (a county page's visitors): no job is made unless one is built.
    if (hit && !hit.refresh) return hit.answer;
    const catalogue = this.categoryCatalogue();
    const job: MapJob = { filter, scope, catalogue, now: new Date(now).toISOString(), pointLimit: this.options.pointLimit };
    if (hit) {
      // Served as is; one rebuild at a time in the background, so uncached questions keep a
      // free worker; a refresh not started now is asked for again by the next hit. Its
      // failure only means the next request builds it.
      if (this.refreshing === 0) {
        this.refreshing++;
        this.build(key, version, job).catch(() => undefined).finally(() => this.refreshing--);
      }
      return hit.answer;
    }
    return this.build(key, version, job);
  }

  /**
   * The parsed filter, unit scope and cache key of a query string. Popular pages ask the very
   * same query again and again, so the result is memoised by the raw parameters (bounded):
   * a cached answer then costs a map lookup, not a parse with date arithmetic. Only valid
   * queries are kept (a bad one is refused before it is stored).
   */
  private async resolve(query: ReportMapQuery, raw: string): Promise<Resolved> {
    this.categoryCatalogue();
    const filter = parseMapQuery(query, this.categoryCodes!);
    const scope = await this.scopeOf(filter.unit);
    if (!scope) throw new ProductError(ErrorCode.unitNotFound, `No unit has the id "${filter.unit}".`);
    if (this.resolved.size >= 1000) this.resolved.clear();
    const resolved = { filter, scope, key: filterKey(filter) };
    this.resolved.set(raw, resolved);
    return resolved;
  }

  /** Units do not change at run time: each unit's scope is asked of the store once (unknown ids too, bounded). */
  private async scopeOf(unitId: string): Promise<UnitScope | undefined> {
    let scope = this.scopes.get(unitId);
    if (scope === undefined) {
      scope = (await this.deps.map.scope(unitId)) ?? null;
      if (this.scopes.size >= 1000) this.scopes.clear();
      this.scopes.set(unitId, scope);
    }
    return scope ?? undefined;
  }

  /** The default national map into the cache (at start), off the event loop with workers. */
  warm(): Promise<unknown> {
    return Promise.resolve(this.answer({ unit: 'pl' }));
  }

  private build(key: string, version: string, job: MapJob): Promise<CachedAnswer> {
    // Per data version: a question asked after a write must not get a build started before it.
    const buildKey = `${version}|${key}`;
    const running = this.building.get(buildKey);
    if (running) return running;
    const started = Date.parse(job.now);
    const promise = this.builder(job).then(({ answer, clustered }) => {
      // Clusters may be served stale while rebuilt (after a write to their unit, or expiry),
      // for at most one more lifetime; points (a few ms to build) follow every write at once.
      this.cache.set(key, version, started, answer, clustered ? this.options.cacheTtlMs : 0);
      return answer;
    }).finally(() => this.building.delete(buildKey));
    this.building.set(buildKey, promise);
    return promise;
  }

  /** The catalogue changes only by a migration, that is with a restart: read it once. */
  private categoryCatalogue(): { code: string; visibility: CategoryVisibility }[] {
    if (!this.catalogue) {
      this.catalogue = this.deps.categories.list().map(({ code, visibility }) => ({ code, visibility }));
      this.categoryCodes = new Set(this.catalogue.map((c) => c.code));
    }
    return this.catalogue;
  }
}
