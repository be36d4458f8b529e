import type { CategoryVisibility, Status } from '../../common/catalogue.js';
import type { Bbox } from '../../common/schemas/geojson.js';

/** A validated, normalised map query: the same question always gives the same filter. */
export interface MapFilter {
  unit: string;
  bbox?: Bbox | undefined;
  zoom?: number | undefined;
  /** Undefined: every category; an empty list: none (the widget's "select none"). */
  categories?: string[] | undefined;
  statuses?: Status[] | undefined;
  /** Inclusive lower bound of created_at, ISO 8601 UTC. */
  since?: string | undefined;
  /** Exclusive upper bound of created_at, ISO 8601 UTC. */
  until?: string | undefined;
}

/** Where a unit's map looks: the unit and every unit under it, and its area's box. */
export interface UnitScope {
  kind: string;
  /** The unit and every unit under it. */
  units: string[];
  bbox: Bbox;
}

/**
 * One map question, resolved: plain data only, so it can be posted to a worker thread
 * (structured clone) as well as answered where it is asked.
 */
export interface MapJob {
  filter: MapFilter;
  scope: UnitScope;
  catalogue: { code: string; visibility: CategoryVisibility }[];
  /** ISO time the visibility windows are counted from. */
  now: string;
  /** Up to this many matches the answer is points; more are clusters. */
  pointLimit: number;
}

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

/** How stale another instance's writes may be on the map (an instance's own show at once). */
export const OTHERS_CHECK_MS = 500;

export interface BuiltAnswer {
  answer: CachedAnswer;
  /** Clusters (seconds of work on a national question) rather than points (milliseconds). */
  clustered: boolean;
}

/**
 * The public map of reports (GET /api/v1/reports) as a store answers it: points up to the
 * job's limit, else clusters with exact counts on the grid of map-grid.ts, under the public
 * visibility rule (common/visibility.ts). Both adapters give the same answer, byte for byte,
 * for the same data and question (store-contract-map.test.ts).
 */
export interface ReportMapStore {
  /** A unit's subtree and area box; undefined for an unknown unit. Units do not change at run time. */
  scope(unitId: string): Promise<UnitScope | undefined>;
  /**
   * The version of what a unit's map shows: changes with every write to a report of its
   * subtree, from this process at once and from another (a second instance, a seed) within
   * OTHERS_CHECK_MS. A string when it is known without asking the database (the cached
   * answer's hot path stays synchronous), else a promise. `nowMs` (performance.now()) is for tests.
   */
  unitVersion(unitId: string, nowMs?: number): string | Promise<string>;
  /**
   * Where answers are built: `workers` > 0 asks for that many builders off the event loop
   * where the store needs them (SQLite: threads with read-only connections to a file
   * database; PostgreSQL works in the database server's own processes and needs none).
   */
  builder(workers: number): MapBuilder;
  /**
   * Moves the windowed statuses' cuts of the map aggregate to `now` (reports that left their
   * window leave the aggregate). Run every minute by any instance: it only moves forward, and
   * instances that run it at once take their turns. Returns how many aggregate rows it changed
   * (a figure for logs: SQLite counts its period buckets, PostgreSQL the suffix buckets too).
   */
  sweep(now: Date): Promise<number>;
}

export interface MapBuilder {
  build(job: MapJob): Promise<BuiltAnswer>;
  /** Stops what the builder started (threads); builds asked for afterwards are refused. */
  close(): Promise<void>;
}
