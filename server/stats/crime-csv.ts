import type { CrimeImportLineError } from '../../common/schemas/crime-stats.js';
import { CRIME_CATEGORIES, CRIME_IMPORT_LIMITS, type CrimeCategory } from '../../common/stats.js';
import { TimeSlice } from '../time-slice.js';

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

export interface CrimeCsv {
  /** The valid lines; empty when any line was refused (the file is refused as a whole). */
  lines: CrimeLine[];
  /** The first CRIME_IMPORT_LIMITS.maxLineErrors problems, in file order. */
  errors: CrimeImportLineError[];
  /** Problems found past those: counted, not described (a file of junk has millions). */
  moreErrors: number;
}

const COLUMNS = CRIME_IMPORT_LIMITS.columns;
/** Lines between two looks at the clock. */
const LINES_PER_CHECK = 256;
/** Longest piece of the file quoted back in a message. */
const QUOTE_CHARS = 40;

/**
 * Parses a crime-statistics CSV: UTF-8 (a BOM is skipped), a header line naming the columns
 * teryt,year,month,category,count in this order, separated by commas or semicolons (Polish
 * Excel writes semicolons; the header decides), optional double quotes around a field, blank
 * lines ignored. Every line is checked, so one pass shows what is wrong, but only the first
 * 100 problems are described and the rest counted: 2.6 million junk lines once made a 285 MB
 * answer. The file is walked line by line (no array of all lines) in time slices that give
 * the event loop back, so a 5 MB file of junk costs seconds of background work, not a stall.
 */
export async function parseCrimeCsv(bytes: Buffer, checks: CrimeCsvChecks, slice = new TimeSlice()): Promise<CrimeCsv> {
  const errors: CrimeImportLineError[] = [];
  let moreErrors = 0;
  // The message is built only for the problems that are listed.
  const fail = (line: number, column: string | null, code: CrimeImportLineError['code'], message: () => string) => {
    if (errors.length < CRIME_IMPORT_LIMITS.maxLineErrors) errors.push({ line, column, code, message: message() });
    else moreErrors++;
  };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    fail(1, null, 'INVALID_ENCODING', () => 'The file is not UTF-8 text (save it as "CSV UTF-8").');
    return { lines: [], errors, moreErrors };
  }
  const rows = lineReader(text);
  let header: string | undefined;
  while ((header = rows.next()) !== undefined && header.trim() === '');
  if (header === undefined) {
    fail(1, null, 'INVALID_HEADER', () => `The file is empty; the first line must be the header ${COLUMNS.join(',')}.`);
    return { lines: [], errors, moreErrors };
  }
  const separator = header.includes(';') ? ';' : ',';
  const names = split(header, separator).map((name) => name.toLowerCase());
  if (names.join(',') !== COLUMNS.join(',')) {
    fail(rows.number, null, 'INVALID_HEADER', () => `The header must be ${COLUMNS.join(separator)}, got ${quote(header.trim())}.`);
    return { lines: [], errors, moreErrors };
  }

  const lines: CrimeLine[] = [];
  const seen = new Map<string, number>();
  let raw: string | undefined;
  while ((raw = rows.next()) !== undefined) {
    if (rows.number % LINES_PER_CHECK === 0) await slice.maybePause();
    if (raw.trim() === '') continue;
    const number = rows.number;
    const count = fieldCount(raw, separator);
    if (count !== COLUMNS.length) {
      fail(number, null, 'COLUMN_COUNT', () => `Expected ${COLUMNS.length} fields separated by "${separator}", got ${count}.`);
      continue;
    }
    const [teryt, yearText, monthText, category, countText] = split(raw, separator) as [string, string, string, string, string];
    const before = errors.length + moreErrors;
    if (!/^\d{4}$/.test(teryt)) fail(number, 'teryt', 'INVALID_TERYT', () => `TERYT of a powiat is 4 digits, got ${quote(teryt)}.`);
    else if (!checks.powiatExists(teryt)) fail(number, 'teryt', 'UNKNOWN_POWIAT', () => `No powiat has TERYT ${teryt}.`);
    else if (!checks.inScope(teryt)) fail(number, 'teryt', 'OUT_OF_SCOPE', () => `Powiat ${teryt} is outside your units.`);
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1999)) fail(number, 'year', 'INVALID_YEAR', () => `year must be 1999 or later (4 digits), got ${quote(yearText)}.`);
    const monthNumber = /^\d{1,2}$/.test(monthText) ? Number(monthText) : NaN;
    const month = `${yearText}-${String(monthNumber).padStart(2, '0')}`;
    if (!(monthNumber >= 1 && monthNumber <= 12)) fail(number, 'month', 'INVALID_MONTH', () => `month must be 1-12, got ${quote(monthText)}.`);
    else if (year >= 1999 && month > checks.currentMonth) fail(number, 'month', 'INVALID_MONTH', () => `${month} lies in the future.`);
    if (!(CRIME_CATEGORIES as readonly string[]).includes(category)) {
      fail(number, 'category', 'UNKNOWN_CRIME_CATEGORY', () => `category must be one of ${CRIME_CATEGORIES.join(', ')}, got ${quote(category)}.`);
    }
    if (!/^\d{1,9}$/.test(countText)) fail(number, 'count', 'INVALID_COUNT', () => `count must be a whole number 0 or more, got ${quote(countText)}.`);
    if (errors.length + moreErrors > before) continue;
    const key = `${teryt} ${month} ${category}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(number, null, 'DUPLICATE_LINE', () => `Powiat ${teryt}, ${month}, ${category} is already on line ${first}.`);
      continue;
    }
    seen.set(key, number);
    // A refused file is never written: once anything failed, valid lines need not be kept.
    if (errors.length === 0) lines.push({ line: number, teryt, month, category: category as CrimeCategory, count: Number(countText) });
  }
  return { lines: errors.length > 0 ? [] : lines, errors, moreErrors };
}

/** The lines of `text` one at a time (CRLF, LF or CR ends), with the 1-based number of the last one. */
function lineReader(text: string): { next(): string | undefined; number: number } {
  const ends = /\r\n|\n|\r/g;
  let start = 0;
  return {
    number: 0,
    next() {
      if (start > text.length) return undefined;
      ends.lastIndex = start;
      const end = ends.exec(text);
      const line = text.slice(start, end ? end.index : text.length);
      start = end ? end.index + end[0].length : text.length + 1;
      this.number++;
      return line;
    },
  };
}

/** Fields in a line, counted without splitting it (a junk line need not become an array). */
function fieldCount(line: string, separator: string): number {
  let count = 1;
  for (let at = line.indexOf(separator); at !== -1; at = line.indexOf(separator, at + 1)) count++;
  return count;
}

/** Fields of a line, trimmed, surrounding double quotes removed ("" inside stands for "). */
function split(line: string, separator: string): string[] {
  return line.split(separator).map((field) => {
    const trimmed = field.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replaceAll('""', '"').trim() : trimmed;
  });
}

/** A value quoted in a message, cut short: a 5 MB "field" must not come back 100 times. */
function quote(value: string): string {
  return `"${value.length > QUOTE_CHARS ? `${value.slice(0, QUOTE_CHARS)}…` : value}"`;
}
