import { type CategoryVisibility } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import type { ReportMapQuery } from '../../common/schemas/report-map.js';
import type { CategoryCatalogue } from '../catalogue/category-catalogue.js';
import type { MapCellsRepository } from '../db/map-cells-repository.js';
import type { ReportMapRepository } from '../db/report-map-repository.js';
import { ProductError } from '../../common/product-error.js';
import { AnswerCache, type CachedAnswer } from './answer-cache.js';
import { addBrotli, buildAnswer, type BuiltAnswer, type MapJob } from './map-answer.js';
import { filterKey, parseMapQuery } from './map-query.js';

export interface ReportMapOptions {
  /** Above this many matching reports the answer is clusters; default 2,000. */
  pointLimit: number;
  /** How long an answer may be reused while no report changes; default 60 s (0: no cache). */
  cacheTtlMs: number;
  /**
   * Worker threads answering uncached questions off the event loop; default 2, so a second
   * uncached question does not wait behind the first (each holds one read-only connection
   * and its page cache). 0 answers in the main thread (in-memory databases).
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

/** Builds an answer: in the main thread, or posted to a worker (MapWorkers.run). */
export type AnswerBuilder = (job: MapJob) => Promise<BuiltAnswer>;

export interface ReportMapDeps {
  map: ReportMapRepository;
  cells: MapCellsRepository;
  categories: CategoryCatalogue;
  /** Where answers are built; default in the main thread. */
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
  private readonly builder: AnswerBuilder;
  private catalogue: { code: string; visibility: CategoryVisibility }[] | undefined;
  private categoryCodes: ReadonlySet<string> | undefined;

  constructor(private readonly deps: ReportMapDeps, private readonly options: ReportMapOptions) {
    // Popular answers are rebuilt in their last quarter of life, before anyone has to wait.
    this.cache = new AnswerCache(options.cacheTtlMs, 1000, options.cacheTtlMs / 4);
    this.builder = deps.builder ?? (async (job) => buildAnswer(deps, job));
  }

  /** How often the answer cache answered (hits) and did not (misses), since start. */
  cacheStats(): { hits: number; misses: number } {
    return { ...this.cache.stats };
  }

  answer(query: ReportMapQuery, now = Date.now()): CachedAnswer | Promise<CachedAnswer> {
    const catalogue = this.categoryCatalogue();
    const { filter, scope, key } = this.resolve(query);
    // What the answer shows changes only with writes to its unit's subtree.
    const version = this.deps.map.unitVersion(filter.unit);
    const hit = this.cache.get(key, version, now);
    // Popular: worth the slow, small encoding. Once per entry (a rebuilt answer counts anew).
    if (hit?.hits === this.options.brotliAfterHits && !hit.answer.br) void addBrotli(hit.answer);
    // A hit is the hot path (a county page's visitors): no job is made unless one is built.
    if (hit && !hit.refresh) return hit.answer;
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
   * queries are kept (a bad one throws before it is stored).
   */
  private resolve(query: ReportMapQuery): Resolved {
    const raw = JSON.stringify([query.unit, query.bbox, query.zoom, query.categories, query.statuses, query.since, query.until]);
    let resolved = this.resolved.get(raw);
    if (!resolved) {
      const filter = parseMapQuery(query, this.categoryCodes!);
      const scope = this.deps.map.scope(filter.unit);
      if (!scope) throw new ProductError(ErrorCode.unitNotFound, `No unit has the id "${filter.unit}".`);
      if (this.resolved.size >= 1000) this.resolved.clear();
      resolved = { filter, scope, key: filterKey(filter) };
      this.resolved.set(raw, resolved);
    }
    return resolved;
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
