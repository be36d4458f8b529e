import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { PowiatsRepository } from '../db/powiats-repository.js';
import type { ReportsRepository } from '../db/reports-repository.js';
import type { UnitsRepository } from '../db/units-repository.js';
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
  db: Database;
  reports: ReportsRepository;
  units: UnitsRepository;
  powiats: PowiatsRepository;
  locator: PowiatLocator;
}

/**
 * Adds synthetic reports, marked `demo = 1` so `npm run seed:demo -- --clear` removes them:
 * places scattered around towns and routed like real reports, national category shares,
 * statuses by age with a matching history. Nobody holds their tracking tokens (random hashes).
 * One transaction: all or nothing.
 */
export function seedDemoReports(deps: DemoSeedDeps, options: DemoSeedOptions): number {
  const { db, reports, units, powiats, locator } = deps;
  const random = mulberry32(options.seed ?? 20_250_501);
  const now = options.now ?? new Date();
  const days = options.days ?? 365;
  const towns = townsFromPowiats(powiats.shapes()).map((town) => [town, town.weight] as const);
  const unitOf = new Map<string, string>();
  let seeded = 0;
  db.transaction(() => {
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
      let id: string;
      do id = newReportId(); while (reports.isIdTaken(id));
      reports.insert({
        id, unitId, lon: round(lon), lat: round(lat),
        category: weighted(random, CATEGORY_SHARES),
        source: weighted(random, SOURCE_SHARES),
        trackingHash: randomBytes(32),
        createdAt: new Date(created).toISOString(),
        demo: true,
      });
      seeded++;
      // Each step happens some time after the previous one and before now.
      let at = created;
      for (const status of pathTo(weighted(random, statusSharesForAge(ageDays)))) {
        at += (now.getTime() - at) * random() * 0.4;
        const note = random() < 0.7 ? PUBLIC_NOTES[status] : undefined;
        reports.changeStatus(id, new Date(at).toISOString(), status, note);
      }
    }
  })();
  return seeded;
}

/** Six decimals, about 10 cm: what a phone's location would give, not float noise. */
function round(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6;
}
