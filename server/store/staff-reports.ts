import type { Source, Status } from '../../common/catalogue.js';

/** Queue filters, resolved: scope as unit ids, times as ISO strings, overdue thresholds. */
export interface QueueQuery {
  units: readonly string[];
  status?: Status | undefined;
  category?: string | undefined;
  source?: Source | undefined;
  since?: string | undefined;
  until?: string | undefined;
  overdueOnly: boolean;
  /** Reports created before these instants are overdue (read / verification target). */
  readBy: string;
  verifyBy: string;
  limit: number;
  offset: number;
}

export interface QueueRow {
  id: string;
  category: string;
  status: Status;
  unit: string;
  source: Source;
  createdAt: string;
  updatedAt: string;
  confirmations: number;
  lon: number;
  lat: number;
  version: number;
  overdueRead: boolean;
  overdueVerify: boolean;
}

/** What staff see of one report beyond the public view. */
export interface StaffReportRow extends Omit<QueueRow, 'overdueRead' | 'overdueVerify'> {
  description: string | null;
  eventAt: string | null;
  recurrence: string | null;
  duplicateOf: string | null;
}

export interface StaffHistoryRow {
  at: string;
  status: Status;
  publicNote: string | null;
  internalNote: string | null;
  staffId: string | null;
  staffName: string | null;
}

/** An open report near another (a candidate duplicate), before the exact distance is measured. */
export interface NearbyRow {
  id: string;
  category: string;
  status: Status;
  lon: number;
  lat: number;
  createdAt: string;
}

/**
 * The staff side of reports: the queue, a report in full with internal history, photos, and
 * the version-checked writes (status change, duplicate linking), which callers run in a unit
 * with their checks and the audit entry.
 */
export interface StaffReportsStore {
  /** When each confirmation of a report came, oldest first. */
  confirmedAt(id: string): Promise<string[]>;
  /** Open reports in a box, other than `id`, in the given units (the caller measures the distance). */
  openNear(id: string, box: { minLon: number; minLat: number; maxLon: number; maxLat: number }, units: readonly string[]): Promise<NearbyRow[]>;
  list(query: QueueQuery): Promise<{ total: number; rows: QueueRow[] }>;
  find(id: string): Promise<StaffReportRow | undefined>;
  photos(id: string): Promise<{ n: number; mime: string; bytes: number }[]>;
  photoBytes(id: string, n: number): Promise<{ mime: string; bytes: Buffer } | undefined>;
  /** Full history, internal notes and staff names included, oldest first. */
  history(id: string): Promise<StaffHistoryRow[]>;
  /** Sets the status if the report is still at `version` (false: stale, nothing written), with its history entry. */
  changeStatus(id: string, version: number, status: Status, at: string, staffId: string, publicNote?: string, internalNote?: string): Promise<boolean>;
  /** Hides `id` as a duplicate of `original` if still at `version`, moving its confirmations (false: stale). */
  linkDuplicate(id: string, version: number, original: string, moved: number, at: string, staffId: string, publicNote: string | undefined, internalNote: string): Promise<boolean>;
}
