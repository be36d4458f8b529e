import type { Source, Status } from '../../common/catalogue.js';

/**
 * Approximate national shares of the categories (KMZB yearly summaries): speeding, illegal
 * parking and drinking in public make about 70 % of all reports.
 */
export const CATEGORY_SHARES: readonly (readonly [string, number])[] = [
  ['speeding', 30], ['illegal_parking', 22], ['public_drinking', 18],
  ['road_infrastructure', 5], ['traffic_organisation', 3.5], ['vandalism', 3], ['illegal_dump', 2.5],
  ['minors_at_risk', 2], ['street_racing', 2], ['drug_use', 1.5], ['stray_dogs', 1.5],
  ['homeless_in_need', 1], ['greenery_damage', 0.8], ['dangerous_entertainment', 0.5], ['begging', 0.5],
  ['quads_in_forest', 0.5], ['grass_burning', 0.4], ['wildlife_collisions', 0.4], ['animal_cruelty', 0.4],
  ['rail_track_crossing', 0.3], ['illegal_logging', 0.3], ['poaching', 0.2], ['water_danger', 0.2],
  ['rail_level_crossing', 0.2],
];

export const SOURCE_SHARES: readonly (readonly [Source, number])[] = [
  ['citizen', 92], ['debate', 3], ['contact', 3], ['police', 2],
];

/**
 * Final status by the report's age: young reports wait or are being checked; older ones are
 * mostly settled, about half confirmed (as nationally).
 */
export function statusSharesForAge(days: number): readonly (readonly [Status, number])[] {
  if (days < 2) return [['new', 70], ['verifying', 30]];
  if (days < 7) return [['new', 10], ['verifying', 45], ['confirmed', 28], ['not_confirmed', 14], ['prank', 3]];
  return [['confirmed', 38], ['eliminated', 24], ['forwarded', 6], ['not_confirmed', 27], ['prank', 3], ['hidden', 2]];
}

/** The path of statuses that ends in `status` (DESIGN.md section 5's allowed moves). */
export function pathTo(status: Status): Status[] {
  switch (status) {
    case 'new': return [];
    case 'verifying': return ['verifying'];
    case 'confirmed': case 'not_confirmed': case 'prank': return ['verifying', status];
    case 'eliminated': case 'forwarded': return ['verifying', 'confirmed', status];
    case 'hidden': return ['verifying', 'hidden'];
  }
}

/** Public notes officers typically leave, by status (Polish, as on the national map). */
export const PUBLIC_NOTES: Partial<Record<Status, string>> = {
  verifying: 'Zgłoszenie przekazano dzielnicowemu do weryfikacji.',
  confirmed: 'Zagrożenie potwierdzone; rejon objęto częstszymi patrolami.',
  eliminated: 'Zagrożenie zostało wyeliminowane.',
  forwarded: 'Sprawę przekazano właściwemu zarządcy.',
  not_confirmed: 'Podczas sprawdzenia nie stwierdzono zagrożenia.',
};
