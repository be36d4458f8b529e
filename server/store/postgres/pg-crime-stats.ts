import type { CrimeRow, CrimeStatsStore } from '../crime-stats.js';
import { run, statement, type PgDb } from './pg-db.js';

const ONE = statement('crime_one', 'SELECT count FROM crime_stats WHERE teryt = $1 AND month = $2 AND category = $3');
// One statement for a whole import step: the rows go in as arrays (unnest keeps their order).
const UPSERT = statement('crime_upsert', `INSERT INTO crime_stats AS c (teryt, month, category, count, imported_at, staff_id)
  SELECT u.teryt, u.month, u.category, u.count, $5, $6
  FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS u (teryt, month, category, count)
  ON CONFLICT (teryt, month, category) DO UPDATE SET count = excluded.count, imported_at = excluded.imported_at, staff_id = excluded.staff_id`);
const POWIAT_CODES = statement('crime_powiat_codes', 'SELECT teryt FROM powiats');
const SCOPE = statement('crime_scope', 'SELECT DISTINCT teryt FROM unit_powiats WHERE unit_id = ANY($1::text[])');
const UNIT_POWIATS = statement('crime_unit_powiats',
  'SELECT p.teryt, p.name FROM unit_powiats up JOIN powiats p ON p.teryt = up.teryt WHERE up.unit_id = $1 ORDER BY p.teryt');
const PERIOD = statement('crime_period', `SELECT c.teryt, c.month, c.category, c.count FROM unit_powiats up JOIN crime_stats c ON c.teryt = up.teryt
  WHERE up.unit_id = $1 AND c.month BETWEEN $2 AND $3`);

/** Police crime statistics per powiat and month (crime_stats). */
export class PgCrimeStats implements CrimeStatsStore {
  constructor(private readonly db: PgDb) {}

  async find(teryt: string, month: string, category: string): Promise<number | undefined> {
    const { rows } = await run<{ count: number }>(this.db, ONE, [teryt, month, category]);
    return rows[0]?.count;
  }

  async powiatCodes(): Promise<Set<string>> {
    const { rows } = await run<{ teryt: string }>(this.db, POWIAT_CODES);
    return new Set(rows.map((r) => r.teryt));
  }

  async powiatsOf(unitIds: readonly string[]): Promise<Set<string>> {
    const { rows } = await run<{ teryt: string }>(this.db, SCOPE, [unitIds]);
    return new Set(rows.map((r) => r.teryt));
  }

  async unitPowiats(unitId: string): Promise<{ teryt: string; name: string }[]> {
    return (await run<{ teryt: string; name: string }>(this.db, UNIT_POWIATS, [unitId])).rows;
  }

  async inPeriod(unitId: string, from: string, to: string): Promise<CrimeRow[]> {
    return (await run<CrimeRow>(this.db, PERIOD, [unitId, from, to])).rows;
  }

  /**
   * Inserts or replaces figures in one statement. SQLite's repository upserts row after row,
   * so of two rows with one key the later wins; one PostgreSQL upsert may not touch a row
   * twice, so the later of such rows is kept here first: the same result.
   */
  async write(rows: readonly CrimeRow[], at: string, staffId: string): Promise<void> {
    if (rows.length === 0) return;
    const last = new Map<string, CrimeRow>();
    for (const row of rows) {
      const key = `${row.teryt}\0${row.month}\0${row.category}`;
      last.delete(key);
      last.set(key, row);
    }
    const unique = [...last.values()];
    await run(this.db, UPSERT, [
      unique.map((r) => r.teryt), unique.map((r) => r.month), unique.map((r) => r.category), unique.map((r) => r.count), at, staffId,
    ]);
  }
}
