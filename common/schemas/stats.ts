import { Type, type Static } from '@sinclair/typebox';
import { UnitRefSchema } from './unit.js';

const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/**
 * GET /api/v1/stats: statistics of the reports of a unit and every unit under it, created in
 * [from, to] (UTC calendar days, both inclusive). `groupBy` is a comma list of sections
 * (STATS_GROUPS: category, status, source, unit, month); default all of them. The totals, the
 * confirmed share and the median times are always there.
 */
export const StatsQuerySchema = Type.Object({
  unit: Type.Optional(Type.String({ description: 'unit id; default pl' })),
  from: Type.String({ description: 'first day, YYYY-MM-DD (UTC)' }),
  to: Type.String({ description: 'last day, YYYY-MM-DD (UTC), inclusive' }),
  groupBy: Type.Optional(Type.String({ description: 'comma list of category,status,source,unit,month; default all' })),
});
export type StatsQuery = Static<typeof StatsQuerySchema>;

/**
 * One count of a breakdown. `count` is null exactly when `suppressed` is true: the true count
 * is withheld (it may be 0, 1, 2, or, for the one complementary cell, any number) so that
 * nobody can be identified. A suppressed cell is never shown as 0.
 */
export const StatsCellSchema = Type.Object({
  /** The category code, status id, source, unit id or month (YYYY-MM) counted. */
  key: Type.String(),
  /** Number of reports, or null when suppressed. */
  count: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  /** True when the count is withheld (see StatsSchema.suppression). */
  suppressed: Type.Boolean(),
});
export type StatsCell = Static<typeof StatsCellSchema>;

/** A sub-unit's count: the unit (direct child of the asked unit) and its whole subtree's total. */
export const StatsUnitCellSchema = Type.Object({
  key: Type.String({ description: 'unit id' }),
  unit: UnitRefSchema,
  count: Type.Integer({ minimum: 0 }),
  suppressed: Type.Literal(false),
});
export type StatsUnitCell = Static<typeof StatsUnitCellSchema>;

/** A median duration from a report's creation to a milestone. */
export const StatsDurationSchema = Type.Object({
  /** How many reports (of the period, not hidden) have reached the milestone. */
  count: Type.Integer({ minimum: 0 }),
  /**
   * The lower median in hours (the ceil(count/2)-th smallest), each duration rounded down to
   * its resolution: 1 h under 72 h, 24 h under 2160 h (90 days), 168 h beyond. Null if count is 0.
   */
  medianHours: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
export type StatsDuration = Static<typeof StatsDurationSchema>;

/**
 * The answer of GET /api/v1/stats. Counts are exact. Reports hidden by moderation (abuse,
 * personal data, duplicates) are left out of every figure except `hidden`; categories never
 * shown on the public map (animal cruelty, drug use) are counted.
 */
export const StatsSchema = Type.Object({
  /** The unit asked for; its own reports and those of every unit under it are counted. */
  unit: UnitRefSchema,
  /** First day of the period (YYYY-MM-DD, UTC), as asked. */
  from: Type.String({ pattern: DATE }),
  /** Last day of the period (YYYY-MM-DD, UTC), inclusive, as asked. */
  to: Type.String({ pattern: DATE }),
  /** Reports created in the period, hidden ones excluded. Equals the sum of every breakdown. */
  total: Type.Integer({ minimum: 0 }),
  /** Reports created in the period and hidden by moderation (not in any other figure). */
  hidden: Type.Integer({ minimum: 0 }),
  /** Per category, every category of the catalogue in catalogue order (zeros included). */
  byCategory: Type.Optional(Type.Array(StatsCellSchema)),
  /** Per current status, every status except `hidden`, in workflow order (zeros included). */
  byStatus: Type.Optional(Type.Array(StatsCellSchema)),
  /** Per source (citizen, debate, contact, police), zeros included. */
  bySource: Type.Optional(Type.Array(StatsCellSchema)),
  /** Per direct sub-unit (empty for a unit without any), each with its whole subtree's total. */
  byUnit: Type.Optional(Type.Array(StatsUnitCellSchema)),
  /** Per calendar month (YYYY-MM) touched by the period, oldest first; edge months partial. */
  byMonth: Type.Optional(Type.Array(StatsCellSchema)),
  /**
   * Share confirmed, by current status: confirmed = confirmed + eliminated + forwarded;
   * verified = confirmed + not_confirmed + prank; share = confirmed / verified (0-1), null
   * when nothing is verified yet. Reports still new or being checked are not in it.
   */
  confirmedShare: Type.Object({
    confirmed: Type.Integer({ minimum: 0 }),
    verified: Type.Integer({ minimum: 0 }),
    share: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
  }),
  /** Creation to the first history entry other than new (an officer took it up). */
  timeToVerification: StatsDurationSchema,
  /** Creation to the first final status (eliminated, forwarded, not_confirmed, prank). */
  timeToFinal: StatsDurationSchema,
  /**
   * Small-count suppression. `applies` is true when the unit is county-level or smaller and
   * the period is shorter than 3 calendar months: then every sensitive category
   * (SENSITIVE_CATEGORIES) with fewer than `minCount` reports is suppressed in byCategory,
   * and if any is, so is the non-sensitive category with the largest count (complementary
   * suppression; the largest, so it cannot be bounded from above), so that the total minus the
   * shown cells never gives a sensitive count.
   */
  suppression: Type.Object({
    applies: Type.Boolean(),
    minCount: Type.Integer(),
    /** Keys of the suppressed byCategory cells (empty when none). */
    suppressed: Type.Array(Type.String()),
  }),
});
export type Stats = Static<typeof StatsSchema>;
