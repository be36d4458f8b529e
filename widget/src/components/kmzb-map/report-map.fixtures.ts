/**
 * Reports the browser tests expect on the map (not part of the widget): web-test-runner.config.mjs
 * writes them into the temporary database before the first test, in a unit no other test reports
 * in, so the map of `kpp-zakopane` shows exactly these. Plain data: imported by Node and browser.
 */
export const FIXTURE_UNIT = 'kpp-zakopane';

export interface FixtureReport {
  id: string;
  category: string;
  /** Status path after `new`, each step `daysAgo` with an optional public note. */
  steps: { status: string; daysAgo: number; note?: string }[];
  lon: number;
  lat: number;
  daysAgo: number;
  confirmations: number;
}

/** The public note planted as markup: the detail must show it as text. */
export const MARKUP_NOTE = '<b>x</b> usunięto';

export const FIXTURE_REPORTS: FixtureReport[] = [
  { id: 'ZAKMAP0001', category: 'illegal_parking', lon: 19.949, lat: 49.299, daysAgo: 1, confirmations: 0, steps: [] },
  { id: 'ZAKMAP0002', category: 'illegal_dump', lon: 19.962, lat: 49.291, daysAgo: 2, confirmations: 0, steps: [{ status: 'verifying', daysAgo: 1 }] },
  {
    id: 'ZAKMAP0003', category: 'vandalism', lon: 19.975, lat: 49.305, daysAgo: 3, confirmations: 2,
    steps: [{ status: 'verifying', daysAgo: 2, note: 'Sprawdzamy na miejscu.' }, { status: 'confirmed', daysAgo: 1, note: MARKUP_NOTE }],
  },
  {
    id: 'ZAKMAP0004', category: 'rail_level_crossing', lon: 19.93, lat: 49.31, daysAgo: 4, confirmations: 0,
    steps: [{ status: 'verifying', daysAgo: 3 }, { status: 'confirmed', daysAgo: 3 }, { status: 'eliminated', daysAgo: 2 }],
  },
  {
    id: 'ZAKMAP0005', category: 'stray_dogs', lon: 19.985, lat: 49.285, daysAgo: 5, confirmations: 1,
    steps: [{ status: 'verifying', daysAgo: 4 }, { status: 'confirmed', daysAgo: 4 }, { status: 'forwarded', daysAgo: 3 }],
  },
  {
    id: 'ZAKMAP0006', category: 'begging', lon: 19.94, lat: 49.285, daysAgo: 3, confirmations: 0,
    steps: [{ status: 'verifying', daysAgo: 2 }, { status: 'not_confirmed', daysAgo: 1 }],
  },
  { id: 'ZAKMAP0007', category: 'speeding', lon: 19.955, lat: 49.315, daysAgo: 20, confirmations: 0, steps: [] },
];

/** The status each fixture report ends in. */
export function finalStatus(report: FixtureReport): string {
  return report.steps.at(-1)?.status ?? 'new';
}
