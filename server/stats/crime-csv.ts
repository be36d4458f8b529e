import type { CrimeImportLineError } from '../../common/schemas/crime-stats.js';
import { CRIME_CATEGORIES, CRIME_IMPORT_LIMITS, type CrimeCategory } from '../../common/stats.js';

/** One valid data line of a crime-statistics CSV. */
export interface CrimeLine {
  line: number;
  teryt: string;
  /** YYYY-MM */
  month: string;
  category: CrimeCategory;
  count: number;
}

export interface CrimeCsvChecks {
  /** True when the powiat exists. */
  powiatExists: (teryt: string) => boolean;
  /** True when the importing admin may write the powiat's figures. */
  inScope: (teryt: string) => boolean;
  /** The current month, YYYY-MM: later months are refused. */
  currentMonth: string;
}

const COLUMNS = CRIME_IMPORT_LIMITS.columns;

/**
 * Parses a crime-statistics CSV: UTF-8 (a BOM is skipped), a header line naming the columns
 * teryt,year,month,category,count in this order, separated by commas or semicolons (Polish
 * Excel writes semicolons; the header decides), optional double quotes around a field, blank
 * lines ignored. Every line is checked and every problem reported, so one pass shows them all.
 */
export function parseCrimeCsv(bytes: Buffer, checks: CrimeCsvChecks): { lines: CrimeLine[]; errors: CrimeImportLineError[] } {
  const errors: CrimeImportLineError[] = [];
  const fail = (line: number, column: string | null, code: CrimeImportLineError['code'], message: string) =>
    errors.push({ line, column, code, message });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    fail(1, null, 'INVALID_ENCODING', 'The file is not UTF-8 text (save it as "CSV UTF-8").');
    return { lines: [], errors };
  }
  const rows = text.split(/\r\n|\n|\r/);
  const headerIndex = rows.findIndex((row) => row.trim() !== '');
  if (headerIndex < 0) {
    fail(1, null, 'INVALID_HEADER', `The file is empty; the first line must be the header ${COLUMNS.join(',')}.`);
    return { lines: [], errors };
  }
  const header = rows[headerIndex]!;
  const separator = header.includes(';') ? ';' : ',';
  const names = split(header, separator).map((name) => name.toLowerCase());
  if (names.join(',') !== COLUMNS.join(',')) {
    fail(headerIndex + 1, null, 'INVALID_HEADER', `The header must be ${COLUMNS.join(separator)}, got "${header.trim()}".`);
    return { lines: [], errors };
  }

  const lines: CrimeLine[] = [];
  const seen = new Map<string, number>();
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const raw = rows[i]!;
    if (raw.trim() === '') continue;
    const number = i + 1;
    const fields = split(raw, separator);
    if (fields.length !== COLUMNS.length) {
      fail(number, null, 'COLUMN_COUNT', `Expected ${COLUMNS.length} fields separated by "${separator}", got ${fields.length}.`);
      continue;
    }
    const [teryt, yearText, monthText, category, countText] = fields as [string, string, string, string, string];
    const before = errors.length;
    if (!/^\d{4}$/.test(teryt)) fail(number, 'teryt', 'INVALID_TERYT', `TERYT of a powiat is 4 digits, got "${teryt}".`);
    else if (!checks.powiatExists(teryt)) fail(number, 'teryt', 'UNKNOWN_POWIAT', `No powiat has TERYT ${teryt}.`);
    else if (!checks.inScope(teryt)) fail(number, 'teryt', 'OUT_OF_SCOPE', `Powiat ${teryt} is outside your units.`);
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1999)) fail(number, 'year', 'INVALID_YEAR', `year must be 1999 or later (4 digits), got "${yearText}".`);
    const monthNumber = /^\d{1,2}$/.test(monthText) ? Number(monthText) : NaN;
    const month = `${yearText}-${String(monthNumber).padStart(2, '0')}`;
    if (!(monthNumber >= 1 && monthNumber <= 12)) fail(number, 'month', 'INVALID_MONTH', `month must be 1-12, got "${monthText}".`);
    else if (year >= 1999 && month > checks.currentMonth) fail(number, 'month', 'INVALID_MONTH', `${month} lies in the future.`);
    if (!(CRIME_CATEGORIES as readonly string[]).includes(category)) {
      fail(number, 'category', 'UNKNOWN_CRIME_CATEGORY', `category must be one of ${CRIME_CATEGORIES.join(', ')}, got "${category}".`);
    }
    if (!/^\d{1,9}$/.test(countText)) fail(number, 'count', 'INVALID_COUNT', `count must be a whole number 0 or more, got "${countText}".`);
    if (errors.length > before) continue;
    const key = `${teryt} ${month} ${category}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(number, null, 'DUPLICATE_LINE', `Powiat ${teryt}, ${month}, ${category} is already on line ${first}.`);
      continue;
    }
    seen.set(key, number);
    lines.push({ line: number, teryt, month, category: category as CrimeCategory, count: Number(countText) });
  }
  return { lines, errors };
}

/** Fields of a line, trimmed, surrounding double quotes removed ("" inside stands for "). */
function split(line: string, separator: string): string[] {
  return line.split(separator).map((field) => {
    const trimmed = field.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replaceAll('""', '"').trim() : trimmed;
  });
}
