import { Type, type Static } from '@sinclair/typebox';
import { CRIME_CATEGORIES, CRIME_LINE_ERRORS } from '../stats.js';
import { ErrorBodySchema } from './error.js';
import { UnitRefSchema } from './unit.js';

const MONTH = '^[0-9]{4}-[0-9]{2}$';

/** GET /api/v1/crime-stats: police crime statistics of a unit's powiats, months from..to inclusive. */
export const CrimeStatsQuerySchema = Type.Object({
  unit: Type.Optional(Type.String({ description: 'unit id; default pl' })),
  from: Type.String({ description: 'first month, YYYY-MM' }),
  to: Type.String({ description: 'last month, YYYY-MM, inclusive' }),
});
export type CrimeStatsQuery = Static<typeof CrimeStatsQuerySchema>;

/** Counts per crime category (CRIME_CATEGORIES), summed over the months with data. */
export const CrimeCountsSchema = Type.Object(
  Object.fromEntries(CRIME_CATEGORIES.map((code) => [code, Type.Integer({ minimum: 0 })])) as Record<
    (typeof CRIME_CATEGORIES)[number],
    ReturnType<typeof Type.Integer>
  >,
);
export type CrimeCounts = Static<typeof CrimeCountsSchema>;

export const CrimePowiatSchema = Type.Object({
  /** TERYT code of the powiat (4 digits). */
  teryt: Type.String({ pattern: '^[0-9]{4}$' }),
  /** Its name as in the TERYT register, e.g. "powiat olsztyński". */
  name: Type.String(),
  counts: CrimeCountsSchema,
  /** Sum of the counts. */
  total: Type.Integer({ minimum: 0 }),
  /** Months of the period with any imported figure for this powiat (0: no data, not "no crime"). */
  monthsWithData: Type.Integer({ minimum: 0 }),
});
export type CrimePowiat = Static<typeof CrimePowiatSchema>;

/** The answer: every powiat of the unit's area (TERYT order), with the period's figures. */
export const CrimeStatsSchema = Type.Object({
  unit: UnitRefSchema,
  from: Type.String({ pattern: MONTH }),
  to: Type.String({ pattern: MONTH }),
  /** Number of months in the period. */
  months: Type.Integer({ minimum: 1 }),
  powiats: Type.Array(CrimePowiatSchema),
});
export type CrimeStats = Static<typeof CrimeStatsSchema>;

/** POST /api/v1/staff/crime-stats/import?dryRun=: the body is the CSV (text/csv). */
export const CrimeImportQuerySchema = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ description: 'true: only report what would change; default false' })),
});
export type CrimeImportQuery = Static<typeof CrimeImportQuerySchema>;

/** One refused line: nothing of the file is written while any line is refused. */
export const CrimeImportLineErrorSchema = Type.Object({
  /** Line number in the file, 1 = the header line. */
  line: Type.Integer({ minimum: 1 }),
  /** The column at fault (teryt, year, month, category, count), or null for the whole line. */
  column: Type.Union([Type.String(), Type.Null()]),
  code: Type.Union(CRIME_LINE_ERRORS.map((code) => Type.Literal(code))),
  message: Type.String(),
});
export type CrimeImportLineError = Static<typeof CrimeImportLineErrorSchema>;

/** A line that inserts a new figure or changes a stored one. */
export const CrimeImportChangeSchema = Type.Object({
  line: Type.Integer({ minimum: 2 }),
  teryt: Type.String(),
  month: Type.String({ pattern: MONTH }),
  category: Type.String(),
  /** The stored count, null when none is stored yet (an insert). */
  before: Type.Union([Type.Integer(), Type.Null()]),
  after: Type.Integer(),
});
export type CrimeImportChange = Static<typeof CrimeImportChangeSchema>;

/** The answer of an import that had no errors: what changed (or, in a dry run, would change). */
export const CrimeImportResultSchema = Type.Object({
  dryRun: Type.Boolean(),
  /** Data lines read (the header and blank lines not counted). */
  lines: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  /** The inserted and updated lines, in file order: the first CRIME_IMPORT_LIMITS.maxChanges. */
  changes: Type.Array(CrimeImportChangeSchema),
  /** Inserted and updated lines past those listed in `changes` (counted in inserted/updated). */
  moreChanges: Type.Integer({ minimum: 0 }),
});
export type CrimeImportResult = Static<typeof CrimeImportResultSchema>;

/**
 * 422 CRIME_IMPORT_INVALID: the file was refused as a whole; `errors` lists the first bad lines
 * (CRIME_IMPORT_LIMITS.maxLineErrors problems), `moreErrors` counts the problems past them.
 */
export const CrimeImportErrorBodySchema = Type.Composite([
  Type.Omit(ErrorBodySchema, ['retryAt']),
  Type.Object({ errors: Type.Array(CrimeImportLineErrorSchema), moreErrors: Type.Integer({ minimum: 0 }) }),
]);
