import type { Source } from '../../../../common/catalogue.js';

/**
 * The statistics view (issue 6). Its own file, imported only by the lazy stats chunk, so the
 * words of the view travel with its code and the map view does not pay for them.
 */
export interface StatsTranslation {
  title: string;
  period: {
    legend: string;
    preset: string;
    presets: { '30d': string; '90d': string; '12m': string; year: string; custom: string };
    from: string;
    to: string;
    apply: string;
    /** The period shown, "1 marca 2026 – 30 marca 2026". */
    shown: (from: string, to: string) => string;
    invalid: string;
    order: string;
    future: string;
  };
  loading: string;
  error: string;
  empty: string;
  summary: {
    title: string;
    total: string;
    hidden: string;
    confirmedShare: string;
    /** "67 % (2 of 3 checked)". */
    share: (percent: string, confirmed: number, verified: number) => string;
    noneVerified: string;
    timeToVerification: string;
    timeToFinal: string;
    /** "2 days 3 hours (median of 5 reports)". */
    median: (duration: string, count: number) => string;
    noMedian: string;
    underHour: string;
  };
  charts: {
    byCategory: string;
    byStatus: string;
    bySource: string;
    byMonth: string;
    byUnit: string;
    /** The chart's description for screen readers (its table follows). */
    desc: (rows: number, total: number) => string;
    zeroOmitted: string;
    showTable: string;
    download: string;
    key: string;
    count: string;
    noUnits: string;
  };
  /** A withheld count: "<3" for a small sensitive count, else "withheld". */
  suppressed: { short: (min: number) => string; other: string; note: (min: number) => string };
  sources: Record<Source, string>;
  layer: {
    title: string;
    choose: string;
    units: string;
    crimeTotal: string;
    /** "Crime: car theft". */
    crime: (category: string) => string;
    legend: string;
    noData: string;
    crimeTable: string;
    powiat: string;
    total: string;
    monthsWithData: string;
    /** The source and the aggregation rule, said once under the crime table. */
    crimeNote: string;
    crimeEmpty: string;
  };
}
