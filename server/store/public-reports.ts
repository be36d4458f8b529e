import type { CategoryVisibility, Status } from '../../common/catalogue.js';

/**
 * The public columns of a report, the only ones the open interfaces (exports, feeds, Open311)
 * ever select: never the description, tracking hash, source, event time or device data.
 */
export interface PublicReport {
  id: string;
  category: string;
  status: Status;
  createdAt: string;
  updatedAt: string;
  lon: number;
  lat: number;
  confirmations: number;
  unit: string;
}

/** A public report with the latest public note of its history (Open311 `status_notes`). */
export interface NotedReport extends PublicReport {
  note: string | null;
}

/** A report that became confirmed, with the time of that change (the "confirmed" feed). */
export interface ConfirmedReport extends PublicReport {
  confirmedAt: string;
}

/** Which public reports: a unit subtree, categories with their rules, statuses, created in a period. */
export interface PublicSelection {
  /** Ids of the unit and its subtree; undefined for the whole country (no filter). */
  units?: readonly string[] | undefined;
  categories: readonly { code: string; visibility: CategoryVisibility }[];
  /** Default: every status (the visibility rule still hides prank and hidden). */
  statuses?: readonly Status[] | undefined;
  /** Report ids (Open311 service_request_id); undefined: any. */
  ids?: readonly string[] | undefined;
  since?: string | undefined;
  /** Exclusive. */
  until?: string | undefined;
  now: Date;
}

/** Rows of an export, read in batches; `close()` must be called (it ends the read snapshot). */
export interface ExportCursor {
  /** Up to `limit` more rows; fewer (or none) only at the end. */
  next(limit: number): Promise<PublicReport[]>;
  close(): Promise<void>;
}

/**
 * Public reads for the open interfaces (exports, feeds, Open311): only the public columns, under
 * the public visibility rule (common/visibility.ts), which each store writes in its own SQL.
 */
export interface PublicReportsStore {
  /** Polish status labels, for human-readable feeds. */
  statusLabels(): Promise<Map<Status, string>>;
  /** Newest first (by creation), at most `limit`, each with its latest public note. */
  newest(selection: PublicSelection, limit: number): Promise<NotedReport[]>;
  /**
   * Reports that were moved to `confirmed`, most recent move first, at most `limit`; only
   * those publicly visible now. Each report counts at its latest confirmation.
   */
  recentlyConfirmed(selection: PublicSelection, limit: number): Promise<ConfirmedReport[]>;
  /**
   * An export of a selection, ordered by unit, creation time and id, read from one consistent
   * snapshot while the app keeps writing; a national export never sits in memory.
   */
  openExport(selection: PublicSelection): Promise<ExportCursor>;
}
