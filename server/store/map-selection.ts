import { STATUSES, type CategoryVisibility, type Status } from '../../common/catalogue.js';
import type { Bbox } from '../../common/schemas/geojson.js';
import { CONFIRMED_STATUSES, PUBLIC_WINDOW } from '../../common/visibility.js';
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

/**
 * The selection's category codes with the statuses each is shown in, as two pairs: categories
 * shown "always" in every public status asked for, "confirmed" ones in the confirmed statuses
 * only. Statuses never public are left out. Both stores' aggregate queries read these pairs.
 */
export function visiblePairs(selection: MapSelection): [codes: string[], statuses: Status[]][] {
  const requested = selection.statuses.filter((s) => PUBLIC_WINDOW[s] !== 'never');
  const always = selection.categories.filter((c) => c.visibility === 'always').map((c) => c.code);
  const confirmed = selection.categories.filter((c) => c.visibility === 'confirmed').map((c) => c.code);
  return [
    [always, requested],
    [confirmed, requested.filter((s) => CONFIRMED_STATUSES.includes(s))],
  ];
}

/** The codes of the selection's categories that are shown in `status`. */
export function codesShownIn(selection: MapSelection, status: Status): string[] {
  return selection.categories
    .filter((c) => c.visibility === 'always' || (c.visibility === 'confirmed' && CONFIRMED_STATUSES.includes(status)))
    .map((c) => c.code);
}
