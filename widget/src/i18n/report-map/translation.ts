/** The public map of reports (issue 4): filters, list, detail, legend and their announcements. */
export interface ReportMapTranslation {
  /** The skip link before the map, to the list (the map's accessible alternative). */
  skipToList: string;
  /** Polite announcements of the report fetch. */
  loading: string;
  /** After a fetch: how many reports the view holds. */
  shown: (count: number) => string;
  /** Accessible name of a server-side cluster marker and its list row. */
  cluster: (count: number) => string;
  filters: {
    title: string;
    categories: string;
    statuses: string;
    period: string;
    lastDays: (days: number) => string;
    all: string;
    none: string;
    reset: string;
    /** The visible summary of the current filter. */
    summary: (parts: { categories: number | 'all'; statuses: number | 'all'; days: number }) => string;
  };
  list: {
    title: string;
    caption: (count: number) => string;
    category: string;
    status: string;
    created: string;
    /**
     * A report's date in the list as this language writes it in numbers, the reader's local day:
     * `d`/`dd` day, `M`/`MM` month, `yyyy` year (numeric-date.ts). Not Intl: making its
     * first DateTimeFormat cost ~25 ms of a throttled phone's first list.
     */
    date: string;
    confirmations: string;
    /** Header button: sort by this column (the column name is the button's text). */
    sortHint: string;
    empty: string;
    /** Long lists grow by a page at a time. */
    more: string;
    showing: (shown: number, total: number) => string;
    /** The answer is made of clusters: too many reports to list. */
    clustered: (total: number) => string;
  };
  detail: {
    title: (id: string) => string;
    close: string;
    category: string;
    status: string;
    created: string;
    updated: string;
    confirmations: string;
    notes: string;
    noNotes: string;
    loading: string;
  };
  legend: {
    title: string;
    statuses: string;
    domains: string;
  };
}
