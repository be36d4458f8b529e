import { STATUSES, type CategoryVisibility, type Status } from '../../common/catalogue.js';
import type { Bbox } from '../../common/schemas/geojson.js';
import type { MapJob } from './report-map.js';

/** What the map asks a store for, resolved: unit subtree, category rules, time bounds, "now". */
export interface MapSelection {
  /** Ids of the unit and all units under it; undefined for the whole country (no filter). */
  units?: readonly string[] | undefined;
  bbox?: Bbox | undefined;
  categories: readonly { code: string; visibility: CategoryVisibility }[];
  statuses: readonly Status[];
  since?: string | undefined;
  /** Exclusive. */
  until?: string | undefined;
  now: Date;
}

/** A job's selection, the same for both stores. */
export function selectionOf({ filter, scope, catalogue, now }: MapJob): MapSelection {
  return {
    // The national unit covers every report: no unit condition at all.
    units: scope.kind === 'national' ? undefined : scope.units,
    bbox: filter.bbox,
    categories: filter.categories ? catalogue.filter((c) => filter.categories!.includes(c.code)) : catalogue,
    statuses: filter.statuses ?? STATUSES,
    since: filter.since,
    until: filter.until,
    now: new Date(now),
  };
}
