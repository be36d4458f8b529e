// The shape of a map question's period as the store answers it: the domain plans it
// (server/reports/period-plan.ts), every store adapter reads it.

/**
 * Which rows of map_cells (migration 020) make up a period of creation times: the periods to
 * add, those to subtract, and the partial days at the ends, which are read from the reports.
 * A period is either summed from its whole years, months and days, or taken as all time minus
 * the whole years, months and days outside it, whichever reads fewer rows ("since 2016" is
 * one row per key, not eleven years of them), or as the difference of two suffixes (migration
 * 021: 'S2022' is every report created from 2022 on, 'T2021-08' from August to the end of
 * 2021), so "since 2021-07-26" is S2022 + T2021-08 + six days, not five years, five months and
 * six days of rows.
 */
export interface PeriodPlan {
  plus: string[];
  minus: string[];
  /**
   * The whole days the buckets cover, as [from, to) ISO times (undefined: open). Reports
   * created in the period outside it (a partial first or last day) come from `raw`.
   */
  whole: { from?: string | undefined; to?: string | undefined } | undefined;
  /** Creation time ranges [since, until) read from the reports themselves. */
  raw: { since?: string | undefined; until?: string | undefined }[];
}

/** The years that have rows; outside them there is nothing to add or subtract. */
export interface YearSpan {
  min: number;
  max: number;
}
