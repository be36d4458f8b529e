import type { CategoryVisibility, Source, Status } from '../../common/catalogue.js';
import type { HistoryEntry, Recurrence } from '../../common/schemas/report.js';
import type { PhotoMime } from './photo.js';

/** A report as it is written; times are ISO 8601 UTC strings (see migration 004). */
export interface ReportInsert {
  id: string;
  unitId: string;
  category: string;
  lon: number;
  lat: number;
  description?: string | undefined;
  eventAt?: string | undefined;
  recurrence?: Recurrence | undefined;
  trackingHash: Buffer;
  createdAt: string;
  /** The last change's time; createdAt when absent (a new report). */
  updatedAt?: string | undefined;
  status?: Status;
  source?: Source;
  demo?: boolean;
  photos?: readonly { mime: PhotoMime; bytes: Buffer }[];
  /** The staff account that entered the report (debate, contact, police); none for citizens. */
  staffId?: string | undefined;
}

/** A status change a report went through: when, to what, with which public note. */
export interface HistoryStep {
  at: string;
  status: Status;
  note?: string | undefined;
}

/** The stored fields a public or tracking view is built from (no description, no photos). */
export interface ReportRecord {
  id: string;
  unitId: string;
  category: string;
  visibility: CategoryVisibility;
  status: Status;
  open: boolean;
  lon: number;
  lat: number;
  createdAt: string;
  updatedAt: string;
  confirmations: number;
  trackingHash: Buffer;
}

/** A report inside a bounding box, before the exact distance is measured. */
export interface ReportCandidate {
  id: string;
  category: string;
  status: Status;
  lon: number;
  lat: number;
  createdAt: string;
  updatedAt: string;
  confirmations: number;
}

/** Reports, their history, photos and confirmations: the store port's part for them. */
export interface ReportsStore {
  /** Inserts a report, its first history entry and its photos (inside a unit). */
  insert(report: ReportInsert): Promise<void>;
  isIdTaken(id: string): Promise<boolean>;
  /**
   * insert() unless the id is taken: then nothing is written and the answer is false (inside
   * a unit). What isIdTaken() then insert() do, in one round trip on PostgreSQL.
   */
  insertUnlessTaken(report: ReportInsert): Promise<boolean>;
  find(id: string): Promise<ReportRecord | undefined>;
  /** Public history, oldest first (internal notes are never read here). */
  history(id: string): Promise<HistoryEntry[]>;
  /** Open reports of a category whose point lies in the box. */
  openInBox(minLon: number, minLat: number, maxLon: number, maxLat: number, category: string): Promise<ReportCandidate[]>;
  /** Records a confirmation and returns the report's new count (inside a unit). */
  confirm(id: string, at: string, deviceHash: Buffer): Promise<number>;
  count(): Promise<number>;
  /**
   * Appends a history entry without a staff member and makes it the current status (inside a
   * unit): synthetic demo data, whose reports get the history their status implies. Staff
   * change statuses through StaffReportsStore.changeStatus (versions, audit).
   */
  changeStatus(id: string, at: string, status: Status, publicNote?: string): Promise<void>;
  /**
   * insert() of a report that has already gone through `steps` (synthetic demo data, oldest
   * first): the row is written with the last step's status and time and the history with every
   * step, so the aggregates take the report once instead of moving at each step (inside a unit).
   * What insert() then changeStatus() per step leave, in a fraction of the time.
   */
  insertWithHistory(report: ReportInsert, steps: readonly HistoryStep[]): Promise<void>;
  /** Removes every synthetic demo report with its history, photos and confirmations; returns how many (inside a unit). */
  clearDemo(): Promise<number>;
}
