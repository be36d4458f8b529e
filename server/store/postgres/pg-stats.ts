import type { PeriodRange } from '../period-range.js';
import type { StatsRow, StatsStore } from '../stats.js';
import { run, runArrays, statement, type PgDb } from './pg-db.js';

const ROWS = statement('stats_rows',
  'SELECT period, dim, key, n FROM stats_counts WHERE unit_id = $1 AND period BETWEEN $2 AND $3 AND n <> 0');
const TOTAL = statement('stats_total', `SELECT sum(n) AS n FROM stats_counts
  WHERE unit_id = $1 AND period BETWEEN $2 AND $3 AND dim = 'status' AND key <> 'hidden'`);

/**
 * Reads the maintained report aggregate (stats_counts, kept by the baseline's triggers): every
 * row of a unit (its whole subtree is already summed into it) for runs of days or months.
 */
export class PgStats implements StatsStore {
  constructor(private readonly db: PgDb) {}

  async rows(unitId: string, days: readonly PeriodRange[], months: PeriodRange | null): Promise<StatsRow[]> {
    const rows: StatsRow[] = [];
    for (const [from, to] of ranges(days, months)) {
      for (const [period, dim, key, n] of await runArrays<StatsRow>(this.db, ROWS, [unitId, from, to])) rows.push([period, dim, key, Number(n)]);
    }
    return rows;
  }

  async total(unitId: string, days: readonly PeriodRange[], months: PeriodRange | null): Promise<number> {
    let total = 0;
    for (const [from, to] of ranges(days, months)) {
      const { rows } = await run<{ n: number | null }>(this.db, TOTAL, [unitId, from, to]);
      total += Number(rows[0]?.n ?? 0);
    }
    return total;
  }
}

/** The period key bounds of each day run ('D…') and of the month run ('M…'), as SQLite's repository reads them. */
function ranges(days: readonly PeriodRange[], months: PeriodRange | null): [string, string][] {
  const bounds: [string, string][] = days.map((range) => [`D${range.from}`, `D${range.to}`]);
  if (months) bounds.push([`M${months.from}`, `M${months.to}`]);
  return bounds;
}
