// A statistics period as the store reads it; the domain splits a user's period into these
// (server/stats/period.ts).

/** A run of stats_counts periods: days ('D' YYYY-MM-DD) or months ('M' YYYY-MM), both ends inclusive. */
export interface PeriodRange {
  from: string;
  to: string;
}
