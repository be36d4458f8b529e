/**
 * Police crime figures the stats tests expect (not part of the widget): web-test-runner.config.mjs
 * writes them through the server's repository for the powiat of the map fixture's unit
 * (kpp-zakopane = powiat tatrzański, 1217), for this month and the one before, so any period
 * ending today shows them. Plain data: imported by Node and the browser.
 */
export const FIXTURE_POWIAT = '1217';

/** YYYY-MM of the month `back` months before the given day's (UTC). */
export function monthBack(back: number, now: Date = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
}

/** The rows: 12 thefts, 1 car theft and 4 brawls over the two months. */
export function fixtureCrimeRows(now: Date = new Date()) {
  return [
    { teryt: FIXTURE_POWIAT, month: monthBack(1, now), category: 'theft', count: 7 },
    { teryt: FIXTURE_POWIAT, month: monthBack(1, now), category: 'car_theft', count: 1 },
    { teryt: FIXTURE_POWIAT, month: monthBack(1, now), category: 'brawl', count: 4 },
    { teryt: FIXTURE_POWIAT, month: monthBack(0, now), category: 'theft', count: 5 },
  ] as const;
}
