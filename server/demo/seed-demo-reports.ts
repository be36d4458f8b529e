import { randomBytes } from 'node:crypto';
import type { Source, Status } from '../../common/catalogue.js';
import type { Store } from '../store/store.js';
import type { PowiatDirectory } from '../units/powiat-directory.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import type { PowiatLocator } from '../geo/locator.js';
import { degreesAround } from '../geo/flat-polygon.js';
import { newReportId } from '../reports/ids.js';
import { gaussian, mulberry32, weighted } from './random.js';
import { CATEGORY_SHARES, PUBLIC_NOTES, SOURCE_SHARES, pathTo, statusSharesForAge } from './shares.js';
import { townsFromPowiats } from './towns.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DemoSeedOptions {
  count: number;
  /** Reports are spread over this many days before `now`; default 365. */
  days?: number;
  /** PRNG seed: the same seed gives the same places, categories and statuses. */
  seed?: number;
  now?: Date;
}

export interface DemoSeedDeps {
  store: Store;
  units: UnitDirectory;
  powiats: Pick<PowiatDirectory, 'shapes'>;
  locator: PowiatLocator;
}

/**
 * Reports written per unit of work: one commit each, short enough for a network database's unit
 * timeout (10 s) and for the writes it holds up meanwhile. On PostgreSQL each report is about
 * five statements whose triggers keep the aggregates: 1,000 reports took over 10 s on a loaded
 * machine (a new report and its status change about 45 ms there) and the unit was rolled back,
 * and so did 100 at load 11 on two cores. 25 leave a wide margin; the commits cost little.
 */
const REPORTS_PER_UNIT = 25;
/** On SQLite a unit has no timeout and each commit is an fsync: the reports go in far fewer, larger units. */
const REPORTS_PER_SQLITE_UNIT = 5000;

/** One synthetic report: where, what, when, and the status changes after creation. */
export interface DemoReport {
  unitId: string;
  lon: number;
  lat: number;
  category: string;
  source: Source;
  createdAt: string;
  steps: { at: string; status: Status; note?: string | undefined }[];
}

/**
 * Synthetic reports, one at a time (so millions need no memory): places scattered around
 * towns and routed like real reports, national category shares, creation skewed to recent
 * days as a growing service would be, statuses by age. Used by the demo seed below and by
 * bench/reports-read, which bulk-loads millions of them.
 */
export function* demoReports(deps: Omit<DemoSeedDeps, 'store'>, options: DemoSeedOptions): Generator<DemoReport> {
  const { units, powiats, locator } = deps;
  const random = mulberry32(options.seed ?? 20_250_501);
  const now = options.now ?? new Date();
  const days = options.days ?? 365;
  const towns = townsFromPowiats(powiats.shapes()).map((town) => [town, town.weight] as const);
  const unitOf = new Map<string, string>();
  for (let n = 0; n < options.count; n++) {
    const town = weighted(random, towns);
    let hit = null;
    let lon = town.lon, lat = town.lat;
    // Scatter around the town; a point that lands abroad or at sea is drawn again.
    for (let tries = 0; tries < 20 && !hit; tries++) {
      const { dLon, dLat } = degreesAround(town.spread, town.lat);
      lon = town.lon + gaussian(random) * dLon;
      lat = town.lat + gaussian(random) * dLat;
      hit = locator.locate(lon, lat);
      if (hit?.distance) hit = null;
    }
    if (!hit) {
      lon = town.lon;
      lat = town.lat;
      hit = locator.locate(lon, lat);
      if (!hit) continue;
    }
    let unitId = unitOf.get(hit.teryt);
    if (!unitId) unitOf.set(hit.teryt, (unitId = units.responsibleFor(hit.teryt)[0]!.id));

    // Skewed to recent days, as a growing service would be; some are only hours old.
    const ageDays = random() ** 1.5 * days;
    const created = now.getTime() - ageDays * DAY_MS;
    const category = weighted(random, CATEGORY_SHARES);
    const source = weighted(random, SOURCE_SHARES);
    // Each step happens some time after the previous one and before now.
    const steps: DemoReport['steps'] = [];
    let at = created;
    for (const status of pathTo(weighted(random, statusSharesForAge(ageDays)))) {
      at += (now.getTime() - at) * random() * 0.4;
      const note = random() < 0.7 ? PUBLIC_NOTES[status] : undefined;
      steps.push({ at: new Date(at).toISOString(), status, note });
    }
    yield { unitId, lon: round(lon), lat: round(lat), category, source, createdAt: new Date(created).toISOString(), steps };
  }
}

/**
 * Adds synthetic reports through the store port, marked `demo = 1` so `npm run seed:demo --
 * --clear` removes them, each with a history matching its status. Nobody holds their tracking
 * tokens (random hashes). Each 25 reports commit together on PostgreSQL (5,000 on SQLite):
 * a failure keeps the ones committed before it.
 */
export async function seedDemoReports(deps: DemoSeedDeps, options: DemoSeedOptions): Promise<number> {
  const reports = demoReports(deps, options);
  const perUnit = deps.store.kind === 'sqlite' ? REPORTS_PER_SQLITE_UNIT : REPORTS_PER_UNIT;
  let seeded = 0;
  for (;;) {
    const batch: DemoReport[] = [];
    for (let next = reports.next(); !next.done; next = reports.next()) {
      if (batch.push(next.value) === perUnit) break;
    }
    if (batch.length === 0) return seeded;
    seeded += await deps.store.unit(async (tx) => {
      for (const { steps, ...fields } of batch) {
        let id: string;
        do id = newReportId(); while (await tx.reports.isIdTaken(id));
        await tx.reports.insertWithHistory({ ...fields, id, trackingHash: randomBytes(32), demo: true }, steps);
      }
      return batch.length;
    });
    if (batch.length < perUnit) return seeded;
  }
}

/** Six decimals, about 10 cm: what a phone's location would give, not float noise. */
function round(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6;
}
