/**
 * The public map questions of bench/reports-read beyond its three popular answers: the
 * selective national questions issue 17 measured, and random uncached questions of every
 * kind (unit, zoom, box, categories, statuses, period), timed one by one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../server/paths.js';
import { mulberry32 } from '../server/demo/random.js';

/** The questions of the table (unit=pl), each answered cold and then under load. */
export const SELECTIVE_QUESTIONS = [
  { name: 'pl zoom 6, vandalism,illegal_dump, new, since 2020-06-15', query: 'unit=pl&zoom=6&categories=vandalism,illegal_dump&statuses=new&since=2020-06-15' },
  { name: 'pl zoom 6, stray_dogs,begging, forwarded, 2018-2025', query: 'unit=pl&zoom=6&categories=stray_dogs,begging&statuses=forwarded&since=2018-01-01&until=2025-12-31' },
  { name: 'pl zoom 5, verifying,confirmed, since 2016', query: 'unit=pl&zoom=5&statuses=verifying,confirmed&since=2016-01-01' },
  { name: 'pl zoom 6, illegal_parking, since 2025-01-01', query: 'unit=pl&zoom=6&categories=illegal_parking&since=2025-01-01' },
];

/** Two heavy questions nobody asked before, sent at the same moment. */
export const TWO_AT_ONCE = [
  'unit=pl&zoom=6&categories=speeding,public_drinking&statuses=new,confirmed&since=2019-03-15',
  'unit=pl&zoom=5&categories=illegal_dump,grass_burning,vandalism&since=2017-07-01&until=2024-10-20',
];

const CODES = ['vandalism', 'illegal_dump', 'minors_at_risk', 'poaching', 'water_danger', 'dangerous_entertainment',
  'illegal_logging', 'street_racing', 'illegal_parking', 'rail_track_crossing', 'rail_level_crossing', 'road_infrastructure',
  'greenery_damage', 'homeless_in_need', 'quads_in_forest', 'speeding', 'public_drinking', 'drug_use', 'stray_dogs',
  'grass_burning', 'wildlife_collisions', 'animal_cruelty', 'traffic_organisation', 'begging'];
const STATUSES = ['new', 'verifying', 'confirmed', 'eliminated', 'forwarded', 'not_confirmed', 'prank', 'hidden'];

export interface RandomQuestion {
  kind: string;
  query: string;
}

/**
 * `count` random questions as the widget asks them (a view's box and zoom) or as an API
 * client may (no box), each with a period no other has, so each one is uncached. Kinds: the
 * country at zoom 5-8, a voivodeship at 7-8, a county at 8, and a deeper zoom (9-11) in a
 * county's box (answered from the reports, not the aggregate).
 */
export function randomQuestions(count: number, seed: number): RandomQuestion[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const units = (JSON.parse(readFileSync(join(projectRoot, 'server', 'data', 'police-units.json'), 'utf8')) as { units: { id: string; hq: string }[] }).units;
  const voivodeships = [...new Set(units.map((u) => u.hq))];
  const counties = units.map((u) => u.id);
  const some = (list: readonly string[], most: number) => {
    const n = 1 + Math.floor(random() * most);
    return [...new Set(Array.from({ length: n }, () => pick(list)))].join(',');
  };
  const questions: RandomQuestion[] = [];
  for (let i = 0; i < count; i++) {
    const kinds = ['country', 'country', 'voivodeship', 'county', 'deep'] as const;
    const kind = kinds[i % kinds.length]!;
    const params = new URLSearchParams();
    const zoom = kind === 'country' ? 5 + Math.floor(random() * 4) : kind === 'voivodeship' ? 7 + Math.floor(random() * 2) : kind === 'county' ? 8 : 9 + Math.floor(random() * 3);
    params.set('unit', kind === 'country' ? 'pl' : kind === 'voivodeship' ? pick(voivodeships) : pick(counties));
    params.set('zoom', String(zoom));
    if (kind !== 'county' && random() < 0.7) {
      // A 1024 x 768 view around a point of Poland.
      const lon = 14.5 + random() * 9, lat = 49.3 + random() * 5;
      const width = (1024 / 256) * (360 / 2 ** zoom), height = width * 0.75 * Math.cos((52 * Math.PI) / 180);
      params.set('bbox', [lon - width / 2, lat - height / 2, lon + width / 2, lat + height / 2].map((n) => n.toFixed(5)).join(','));
    }
    if (random() < 0.5) params.set('categories', some(CODES, 4));
    if (random() < 0.5) params.set('statuses', some(STATUSES, 3));
    // Every question has a period of its own: a day between 2016 and now (never cached).
    const since = new Date(Date.UTC(2016, 0, 1) + Math.floor(random() * 3970) * 86_400_000);
    params.set('since', since.toISOString().slice(0, 10));
    if (random() < 0.3) params.set('until', new Date(since.getTime() + Math.floor(random() * 1500) * 86_400_000).toISOString().slice(0, 10));
    questions.push({ kind, query: params.toString() });
  }
  return questions;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
