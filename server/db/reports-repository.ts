import type { Database, Statement } from 'better-sqlite3';
import type { Status } from '../../common/catalogue.js';
import type { HistoryEntry } from '../../common/schemas/report.js';
import type { HistoryStep, ReportCandidate, ReportInsert, ReportRecord, ReportsStore } from '../store/reports.js';
import type { Sync } from '../store/sync.js';

export type { ReportCandidate, ReportInsert, ReportRecord } from '../store/reports.js';

const RECORD = `SELECT r.id, r.unit_id AS unitId, r.category, c.visibility, r.status, s.open, r.lon, r.lat,
  r.created_at AS createdAt, r.updated_at AS updatedAt, r.confirmations, r.tracking_hash AS trackingHash
  FROM reports r JOIN categories c ON c.code = r.category JOIN statuses s ON s.id = r.status WHERE r.id = ?`;

// The R*Tree narrows to a box; exact coordinates come from the table.
const IN_BOX = `SELECT r.id, r.category, r.status, r.lon, r.lat, r.created_at AS createdAt, r.updated_at AS updatedAt,
  r.confirmations FROM reports_rtree t JOIN reports r ON r.seq = t.seq JOIN statuses s ON s.id = r.status
  WHERE t.min_lon <= ? AND t.max_lon >= ? AND t.min_lat <= ? AND t.max_lat >= ? AND r.category = ? AND s.open = 1`;

/** Writes and reads reports, their history, photos and confirmations (all report SQL). */
export class ReportsRepository implements Sync<ReportsStore> {
  private readonly insertReport: Statement<unknown[]>;
  private readonly insertHistory: Statement<unknown[]>;
  private readonly insertPhoto: Statement<unknown[]>;
  private readonly insertConfirmation: Statement<[string, string, Buffer]>;
  private readonly bumpConfirmations: Statement<[string], { confirmations: number }>;
  private readonly record: Statement<[string], Omit<ReportRecord, 'open'> & { open: number }>;
  private readonly historyOf: Statement<[string], { at: string; status: Status; note: string | null }>;
  private readonly inBox: Statement<[number, number, number, number, string], ReportCandidate>;
  private readonly idTaken: Statement<[string], { one: number }>;
  private readonly total: Statement<[], { count: number }>;
  private readonly setStatus: Statement<[Status, string, string]>;
  private readonly deleteDemo: Statement<[]>;

  constructor(db: Database) {
    this.insertReport = db.prepare(
      `INSERT INTO reports (id, unit_id, category, status, source, lon, lat, description, event_at, recurrence,
         tracking_hash, created_at, updated_at, demo)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertHistory = db.prepare(
      'INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertPhoto = db.prepare('INSERT INTO report_photos (report_id, ordinal, mime, bytes) VALUES (?, ?, ?, ?)');
    this.insertConfirmation = db.prepare('INSERT INTO confirmations (report_id, at, device_hash) VALUES (?, ?, ?)');
    this.bumpConfirmations = db.prepare(
      'UPDATE reports SET confirmations = confirmations + 1 WHERE id = ? RETURNING confirmations',
    );
    this.record = db.prepare(RECORD);
    this.historyOf = db.prepare(
      'SELECT at, status, public_note AS note FROM report_history WHERE report_id = ? ORDER BY at, rowid',
    );
    this.inBox = db.prepare(IN_BOX);
    this.idTaken = db.prepare('SELECT 1 AS one FROM reports WHERE id = ?');
    this.total = db.prepare('SELECT count(*) AS count FROM reports');
    this.setStatus = db.prepare('UPDATE reports SET status = ?, updated_at = ? WHERE id = ?');
    // History, photos and confirmations go with them (ON DELETE CASCADE), the R*Tree rows by trigger.
    this.deleteDemo = db.prepare('DELETE FROM reports WHERE demo = 1');
  }

  /** Inserts a report, its first history entry and its photos. Run inside a transaction. */
  insert(report: ReportInsert): void {
    const status = report.status ?? 'new';
    const recurrence = report.recurrence && (report.recurrence.days?.length || report.recurrence.times?.length)
      ? JSON.stringify(report.recurrence) : null;
    this.insertReport.run(
      report.id, report.unitId, report.category, status, report.source ?? 'citizen', report.lon, report.lat,
      report.description ?? null, report.eventAt ?? null, recurrence, report.trackingHash,
      report.createdAt, report.updatedAt ?? report.createdAt, report.demo ? 1 : 0,
    );
    this.insertHistory.run(report.id, report.createdAt, 'new', null, null, report.staffId ?? null);
    report.photos?.forEach((photo, i) => this.insertPhoto.run(report.id, i + 1, photo.mime, photo.bytes));
  }

  /** Appends a history entry and makes it the current status (demo data; later, staff). */
  changeStatus(id: string, at: string, status: Status, publicNote?: string, internalNote?: string): void {
    this.insertHistory.run(id, at, status, publicNote ?? null, internalNote ?? null, null);
    this.setStatus.run(status, at, id);
  }

  /**
   * The report's row as its last step left it, then its history: the row's insert triggers
   * count it once, and the history trigger sets first_verified_at and closed_at (which moves
   * only the statistics' time keys), as changeStatus() would have.
   */
  insertWithHistory(report: ReportInsert, steps: readonly HistoryStep[]): void {
    const last = steps.at(-1);
    this.insert(last ? { ...report, status: last.status, updatedAt: last.at } : report);
    for (const step of steps) this.insertHistory.run(report.id, step.at, step.status, step.note ?? null, null, null);
  }

  isIdTaken(id: string): boolean {
    return this.idTaken.get(id) !== undefined;
  }

  /** insert() unless the id is taken (then false, nothing written). Run inside a transaction. */
  insertUnlessTaken(report: ReportInsert): boolean {
    if (this.isIdTaken(report.id)) return false;
    this.insert(report);
    return true;
  }

  find(id: string): ReportRecord | undefined {
    const row = this.record.get(id);
    return row && { ...row, open: row.open === 1 };
  }

  /** Public history, oldest first (internal notes are never read here). */
  history(id: string): HistoryEntry[] {
    return this.historyOf.all(id).map(({ at, status, note }) => (note === null ? { at, status } : { at, status, note }));
  }

  /** Open reports of a category whose point lies in the box. */
  openInBox(minLon: number, minLat: number, maxLon: number, maxLat: number, category: string): ReportCandidate[] {
    return this.inBox.all(maxLon, minLon, maxLat, minLat, category);
  }

  /** Records a confirmation and returns the report's new count. Run inside a transaction. */
  confirm(id: string, at: string, deviceHash: Buffer): number {
    this.insertConfirmation.run(id, at, deviceHash);
    return this.bumpConfirmations.get(id)!.confirmations;
  }

  count(): number {
    return this.total.get()!.count;
  }

  /** Removes every synthetic demo report; returns how many. */
  clearDemo(): number {
    return this.deleteDemo.run().changes;
  }
}
