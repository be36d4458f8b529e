import type { Database, Statement } from 'better-sqlite3';
import type { CrimeRow, CrimeStatsStore } from '../store/crime-stats.js';
import type { Sync } from '../store/sync.js';

export type { CrimeRow } from '../store/crime-stats.js';

/** Police crime statistics per powiat and month (crime_stats, migration 016). */
export class CrimeStatsRepository implements Sync<CrimeStatsStore> {
  private readonly one: Statement<[string, string, string], number>;
  private readonly upsert: Statement<[string, string, string, number, string, string]>;
  private readonly powiatCodesQuery: Statement<[], string>;
  private readonly scopeQuery: Statement<[string], string>;
  private readonly unitPowiatsQuery: Statement<[string], { teryt: string; name: string }>;
  private readonly periodQuery: Statement<[string, string, string], CrimeRow>;

  constructor(db: Database) {
    this.one = db.prepare('SELECT count FROM crime_stats WHERE teryt = ? AND month = ? AND category = ?').pluck() as Statement<
      [string, string, string], number
    >;
    this.upsert = db.prepare(
      `INSERT INTO crime_stats (teryt, month, category, count, imported_at, staff_id) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (teryt, month, category) DO UPDATE SET count = excluded.count, imported_at = excluded.imported_at, staff_id = excluded.staff_id`,
    );
    this.powiatCodesQuery = db.prepare('SELECT teryt FROM powiats').pluck() as Statement<[], string>;
    this.scopeQuery = db
      .prepare('SELECT DISTINCT teryt FROM unit_powiats WHERE unit_id IN (SELECT value FROM json_each(?))')
      .pluck() as Statement<[string], string>;
    this.unitPowiatsQuery = db.prepare(
      'SELECT p.teryt, p.name FROM unit_powiats up JOIN powiats p ON p.teryt = up.teryt WHERE up.unit_id = ? ORDER BY p.teryt',
    );
    this.periodQuery = db.prepare(
      `SELECT c.teryt, c.month, c.category, c.count FROM unit_powiats up JOIN crime_stats c ON c.teryt = up.teryt
       WHERE up.unit_id = ? AND c.month BETWEEN ? AND ?`,
    );
  }

  /** The stored count, or undefined. */
  find(teryt: string, month: string, category: string): number | undefined {
    return this.one.get(teryt, month, category);
  }

  powiatCodes(): Set<string> {
    return new Set(this.powiatCodesQuery.all());
  }

  /** TERYT codes of the powiats in the areas of the given units. */
  powiatsOf(unitIds: readonly string[]): Set<string> {
    return new Set(this.scopeQuery.all(JSON.stringify(unitIds)));
  }

  /** The powiats of one unit's area (TERYT order). */
  unitPowiats(unitId: string): { teryt: string; name: string }[] {
    return this.unitPowiatsQuery.all(unitId);
  }

  /** Stored figures of the unit's powiats for months from..to (YYYY-MM, inclusive). */
  inPeriod(unitId: string, from: string, to: string): CrimeRow[] {
    return this.periodQuery.all(unitId, from, to);
  }

  /** Inserts or replaces figures; the caller holds the unit (transaction). */
  write(rows: readonly CrimeRow[], at: string, staffId: string): void {
    for (const row of rows) this.upsert.run(row.teryt, row.month, row.category, row.count, at, staffId);
  }
}
