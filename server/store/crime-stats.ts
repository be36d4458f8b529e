import type { CrimeCategory } from '../../common/stats.js';

/** One imported figure: crimes of a category in a powiat in a month. */
export interface CrimeRow {
  teryt: string;
  month: string;
  category: CrimeCategory;
  count: number;
}

/** Police crime statistics per powiat and month: the store port's part for them. */
export interface CrimeStatsStore {
  /** The stored count, or undefined. */
  find(teryt: string, month: string, category: string): Promise<number | undefined>;
  /** The TERYT code of every powiat (380 codes: checked line by line against a set). */
  powiatCodes(): Promise<Set<string>>;
  /** TERYT codes of the powiats in the areas of the given units. */
  powiatsOf(unitIds: readonly string[]): Promise<Set<string>>;
  /** The powiats of one unit's area (TERYT order). */
  unitPowiats(unitId: string): Promise<{ teryt: string; name: string }[]>;
  /** Stored figures of the unit's powiats for months from..to (YYYY-MM, inclusive). */
  inPeriod(unitId: string, from: string, to: string): Promise<CrimeRow[]>;
  /** Inserts or replaces figures (inside a unit of work). */
  write(rows: readonly CrimeRow[], at: string, staffId: string): Promise<void>;
}
