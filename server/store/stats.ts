import type { PeriodRange } from './period-range.js';

/** One aggregate row: period ('D' YYYY-MM-DD or 'M' YYYY-MM), dimension, key, count. */
export type StatsRow = [period: string, dim: string, key: string, n: number];

/**
 * The maintained report aggregate's part of the store port (stats_counts: every row of a unit
 * already sums its whole subtree), kept exact by the store as reports are written.
 */
export interface StatsStore {
  /** The rows of a unit for day runs and a month run (either may be absent); rows of 0 left out. */
  rows(unitId: string, days: readonly PeriodRange[], months: PeriodRange | null): Promise<StatsRow[]>;
  /** The unit's number of reports (hidden excluded) in the same periods. */
  total(unitId: string, days: readonly PeriodRange[], months: PeriodRange | null): Promise<number>;
}
