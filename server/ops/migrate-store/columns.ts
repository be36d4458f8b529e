import { MigrateStoreError } from './errors.js';
import { COPIED_TABLES, NOT_COPIED, TARGET_ONLY, type CopiedTable } from './tables.js';

/** A SQLite table as PRAGMA table_list and table_xinfo describe it. */
export interface SourceTable {
  name: string;
  /** 'table', 'virtual' or 'shadow' (an R*Tree's storage). */
  type: string;
  /** Whether rows have a rowid (not WITHOUT ROWID, not virtual). */
  hasRowid: boolean;
  /** Stored columns, in order. */
  columns: string[];
  /** Generated columns (computed, never copied). */
  generated: string[];
}

/** A PostgreSQL table as pg_attribute describes it. */
export interface TargetTable {
  name: string;
  columns: TargetColumn[];
}

export interface TargetColumn {
  name: string;
  /** format_type(): what the COPY text of the column is written for (copy-text.ts): 'text', 'bigint', 'bytea', ... */
  type: string;
  /** A generated column: PostgreSQL computes it, nothing is written to it. */
  generated: boolean;
  /** An identity column: its sequence is moved past the copied values. */
  identity: boolean;
}

/** How one table is copied: the columns in order, read from SQLite and written to PostgreSQL. */
export interface TablePlan {
  table: CopiedTable;
  /** Written columns with their PostgreSQL types (SQLite's implicit rowid among them where the target keeps it). */
  columns: { name: string; type: string }[];
  /** Identity columns whose sequences move past the copied values. */
  identities: string[];
}

/**
 * Matches the two schemas table for table and column for column and plans the copy. Every
 * difference is collected and reported at once (SCHEMA_MISMATCH): a source table not in
 * tables.ts, a target table not in it, a source column with no target column (its data would
 * be lost), a target column with no source column (it would be left at a default), or a
 * copied column that is generated on one side only.
 */
export function planCopy(source: ReadonlyMap<string, SourceTable>, target: ReadonlyMap<string, TargetTable>): TablePlan[] {
  const problems: string[] = [];
  const copied = new Set(COPIED_TABLES.map((t) => t.name));
  for (const name of source.keys()) {
    if (!copied.has(name) && !(name in NOT_COPIED)) problems.push(`the SQLite table ${name} is neither copied nor listed as not copied`);
  }
  for (const name of target.keys()) {
    if (!copied.has(name) && !(name in TARGET_ONLY)) problems.push(`the PostgreSQL table ${name} is neither copied nor listed as target-only`);
  }
  const plans: TablePlan[] = [];
  for (const table of COPIED_TABLES) {
    const from = source.get(table.name);
    const to = target.get(table.name);
    if (!from) problems.push(`the SQLite database has no table ${table.name}`);
    if (!to) problems.push(`the PostgreSQL database has no table ${table.name}`);
    if (!from || !to) continue;
    const plan = planTable(table, from, to, problems);
    if (plan) plans.push(plan);
  }
  if (problems.length) {
    throw new MigrateStoreError('SCHEMA_MISMATCH',
      `The SQLite and PostgreSQL schemas differ; nothing was copied (update server/ops/migrate-store/tables.ts or the schemas):\n  ${problems.join('\n  ')}`);
  }
  return plans;
}

function planTable(table: CopiedTable, from: SourceTable, to: TargetTable, problems: string[]): TablePlan | undefined {
  const written = to.columns.filter((c) => !c.generated);
  const targetGenerated = new Set(to.columns.filter((c) => c.generated).map((c) => c.name));
  // PostgreSQL names SQLite's implicit rowid as a column where the store orders or deletes by it.
  const readable = [...from.columns];
  if (from.hasRowid && !readable.includes('rowid') && written.some((c) => c.name === 'rowid')) readable.push('rowid');
  const before = problems.length;
  for (const name of readable) {
    if (targetGenerated.has(name)) problems.push(`${table.name}.${name} is stored in SQLite but generated in PostgreSQL (its values would not be copied)`);
    else if (!written.some((c) => c.name === name)) problems.push(`${table.name}.${name} has no column in PostgreSQL (its values would be lost)`);
  }
  for (const column of written) {
    if (readable.includes(column.name)) continue;
    if (from.generated.includes(column.name)) problems.push(`${table.name}.${column.name} is generated in SQLite but stored in PostgreSQL`);
    else problems.push(`${table.name}.${column.name} has no column in SQLite (it would be left at its default)`);
  }
  if (problems.length > before) return undefined;
  return {
    table,
    columns: readable.map((name) => ({ name, type: written.find((c) => c.name === name)!.type })),
    identities: written.filter((c) => c.identity).map((c) => c.name),
  };
}

/** An identifier quoted for both SQLite and PostgreSQL. */
export function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
