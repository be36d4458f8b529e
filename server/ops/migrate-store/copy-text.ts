import { quote, type TablePlan } from './columns.js';

/**
 * The SQLite query that reads a table as lines of PostgreSQL's COPY text format, one string per
 * row: SQLite's C functions format and escape the values, several times faster than doing it value
 * by value in JavaScript, so that the reading keeps up with PostgreSQL's COPY.
 *
 * Each column as PostgreSQL's type reads it, NULL as \N, columns separated by tabs:
 * - bytea: `\\x` and the hex digits (the backslash doubled, as COPY text wants it);
 * - double precision: printf('%!.17g'), 17 significant digits, which give back the exact
 *   double (without the '!' flag SQLite's printf stops at 16);
 * - integers: their decimal digits, exact at any size (no JavaScript number on the way);
 * - text (and anything else): backslash, tab, newline and carriage return escaped.
 */
export function copyLinesSql(plan: TablePlan): string {
  const fields = plan.columns.map(({ name, type }) => `coalesce(${formatted(quote(name), type)}, '\\N')`);
  return `SELECT ${fields.join(' || char(9) || ')} FROM ${quote(plan.table.name)} ORDER BY ${plan.table.orderBy}`;
}

/** The COPY statement the lines are for. */
export function copySql(plan: TablePlan): string {
  // FREEZE: rows are written frozen and their pages all-visible (index-only scans at once, no
  // vacuum to rewrite them later); allowed because the tables were truncated in this transaction.
  return `COPY ${quote(plan.table.name)} (${plan.columns.map((c) => quote(c.name)).join(', ')}) FROM STDIN WITH (FREEZE)`;
}

function formatted(column: string, type: string): string {
  switch (type) {
    case 'bytea':
      return `'\\\\x' || hex(${column})`;
    case 'double precision':
    case 'real':
      return `printf('%!.17g', ${column})`;
    case 'bigint':
    case 'integer':
    case 'smallint':
      return `CAST(${column} AS TEXT)`;
    default: {
      const text = `CAST(${column} AS TEXT)`;
      // Most values have nothing to escape: four scans without copying are cheaper than four replace()s.
      const special = `instr(${text}, '\\') OR instr(${text}, char(9)) OR instr(${text}, char(10)) OR instr(${text}, char(13))`;
      const escaped = `replace(replace(replace(replace(${text}, '\\', '\\\\'), char(10), '\\n'), char(13), '\\r'), char(9), '\\t')`;
      return `CASE WHEN ${special} THEN ${escaped} ELSE ${text} END`;
    }
  }
}
