import type { Database, Statement } from 'better-sqlite3';
import type { PeriodRange } from '../store/period-range.js';
import type { StatsRow, StatsStore } from '../store/stats.js';
import type { Sync } from '../store/sync.js';

export type { StatsRow } from '../store/stats.js';

/**
 * Reads the maintained report aggregate (stats_counts, migration 015): every row of a unit
 * (its whole subtree is already summed into it) for runs of days or months.
 */
export class StatsRepository implements Sync<StatsStore> {
  private readonly rowsQuery: Statement<[string, string, string], StatsRow>;
  private readonly totalQuery: Statement<[string, string, string], number | null>;

  constructor(db: Database) {
    this.rowsQuery = db
      .prepare("SELECT period, dim, key, n FROM stats_counts WHERE unit_id = ? AND period BETWEEN ? AND ? AND n <> 0")
      .raw() as Statement<[string, string, string], StatsRow>;
    this.totalQuery = db
      .prepare(
        `SELECT sum(n) FROM stats_counts
         WHERE unit_id = ? AND period BETWEEN ? AND ? AND dim = 'status' AND key <> 'hidden'`,
      )
      .pluck() as Statement<[string, string, string], number | null>;
  }

  /** The rows of a unit for day runs and a month run (either may be absent). */
  rows(unitId: string, days: readonly PeriodRange[], months: PeriodRange | null): StatsRow[] {
    const rows: StatsRow[] = [];
    for (const range of days) rows.push(...this.rowsQuery.all(unitId, `D${range.from}`, `D${range.to}`));
    if (months) rows.push(...this.rowsQuery.all(unitId, `M${months.from}`, `M${months.to}`));
    return rows;
  }

  /** The unit's number of reports (hidden excluded) in the same periods. */
  total(unitId: string, days: readonly PeriodRange[], months: PeriodRange | null): number {
    let total = 0;
    for (const range of days) total += this.totalQuery.get(unitId, `D${range.from}`, `D${range.to}`) ?? 0;
    if (months) total += this.totalQuery.get(unitId, `M${months.from}`, `M${months.to}`) ?? 0;
    return total;
  }
}
