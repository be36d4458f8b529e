import type { Database, Statement } from 'better-sqlite3';
import type { Status } from '../../common/catalogue.js';
import type { NearbyRow, QueueQuery, QueueRow, StaffHistoryRow, StaffReportRow, StaffReportsStore } from '../store/staff-reports.js';
import type { Sync } from '../store/sync.js';

export type { NearbyRow, QueueQuery, QueueRow, StaffHistoryRow, StaffReportRow } from '../store/staff-reports.js';

/** SQLite's 0/1 for the overdue flags; the store's rows carry booleans. */
type QueueRowOfSqlite = Omit<QueueRow, 'overdueRead' | 'overdueVerify'> & { overdueRead: number; overdueVerify: number };

const OVERDUE_READ = `(r.status = 'new' AND r.created_at < @readBy)`;
const OVERDUE_VERIFY = `(r.status IN ('new', 'verifying') AND r.created_at < @verifyBy)`;
const FILTER = `r.unit_id IN (SELECT value FROM json_each(@units))
  AND (@status IS NULL OR r.status = @status) AND (@category IS NULL OR r.category = @category)
  AND (@source IS NULL OR r.source = @source) AND (@since IS NULL OR r.created_at >= @since)
  AND (@until IS NULL OR r.created_at <= @until)
  AND (@overdueOnly = 0 OR ${OVERDUE_READ} OR ${OVERDUE_VERIFY})`;
const ROW = `r.id, r.category, r.status, r.unit_id AS unit, r.source, r.created_at AS createdAt,
  r.updated_at AS updatedAt, r.confirmations, r.lon, r.lat, r.version`;

type BoxParams = { minLon: number; minLat: number; maxLon: number; maxLat: number; units: string; id: string };

type QueueParams = Omit<QueueQuery, 'units' | 'overdueOnly'> & { units: string; overdueOnly: number };

/**
 * The staff side of reports: the queue, a report in full with internal history, photos, and
 * the version-checked writes (status change, duplicate linking). Callers run the writes inside
 * one transaction together with their checks and the audit entry.
 */
export class StaffReportsRepository implements Sync<StaffReportsStore> {
  private readonly queue: Statement<[QueueParams], QueueRowOfSqlite>;
  private readonly queueTotal: Statement<[QueueParams], number>;
  private readonly one: Statement<[string], StaffReportRow>;
  private readonly photoList: Statement<[string], { n: number; mime: string; bytes: number }>;
  private readonly photo: Statement<[string, number], { mime: string; bytes: Buffer }>;
  private readonly historyRows: Statement<[string], StaffHistoryRow>;
  private readonly setStatus: Statement<[Status, string, string, number]>;
  private readonly insertHistory: Statement<unknown[]>;
  private readonly moveConfirmations: Statement<[string, string]>;
  private readonly addConfirmations: Statement<[number, string]>;
  private readonly markDuplicate: Statement<[string, string, string, number]>;
  private readonly confirmationTimes: Statement<[string], string>;
  private readonly openInBox: Statement<[BoxParams], NearbyRow>;

  constructor(db: Database) {
    // Overdue first (oldest first: most late), then everything else newest first.
    this.queue = db.prepare(
      `SELECT ${ROW}, ${OVERDUE_READ} AS overdueRead, ${OVERDUE_VERIFY} AS overdueVerify FROM reports r
       WHERE ${FILTER}
       ORDER BY (${OVERDUE_VERIFY} OR ${OVERDUE_READ}) DESC,
         CASE WHEN ${OVERDUE_VERIFY} OR ${OVERDUE_READ} THEN r.created_at END ASC, r.created_at DESC, r.id
       LIMIT @limit OFFSET @offset`,
    );
    this.queueTotal = db.prepare(`SELECT count(*) FROM reports r WHERE ${FILTER}`).pluck() as Statement<[QueueParams], number>;
    this.one = db.prepare(
      `SELECT ${ROW}, r.description, r.event_at AS eventAt, r.recurrence, r.duplicate_of AS duplicateOf
       FROM reports r WHERE r.id = ?`,
    );
    this.photoList = db.prepare(
      'SELECT ordinal AS n, mime, length(bytes) AS bytes FROM report_photos WHERE report_id = ? ORDER BY ordinal',
    );
    this.photo = db.prepare('SELECT mime, bytes FROM report_photos WHERE report_id = ? AND ordinal = ?');
    this.historyRows = db.prepare(
      `SELECT h.at, h.status, h.public_note AS publicNote, h.internal_note AS internalNote, h.staff_id AS staffId,
         s.display_name AS staffName
       FROM report_history h LEFT JOIN staff s ON s.id = h.staff_id WHERE h.report_id = ? ORDER BY h.at, h.rowid`,
    );
    this.setStatus = db.prepare(
      'UPDATE reports SET status = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?',
    );
    this.insertHistory = db.prepare(
      'INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.moveConfirmations = db.prepare('UPDATE confirmations SET report_id = ? WHERE report_id = ?');
    this.addConfirmations = db.prepare(
      'UPDATE reports SET confirmations = confirmations + ?, version = version + 1 WHERE id = ?',
    );
    this.markDuplicate = db.prepare(
      `UPDATE reports SET status = 'hidden', confirmations = 0, duplicate_of = ?, updated_at = ?, version = version + 1
       WHERE id = ? AND version = ?`,
    );
    this.confirmationTimes = db.prepare('SELECT at FROM confirmations WHERE report_id = ? ORDER BY at').pluck() as Statement<[string], string>;
    this.openInBox = db.prepare(
      `SELECT r.id, r.category, r.status, r.lon, r.lat, r.created_at AS createdAt
       FROM reports_rtree t JOIN reports r ON r.seq = t.seq JOIN statuses s ON s.id = r.status
       WHERE t.min_lon <= @maxLon AND t.max_lon >= @minLon AND t.min_lat <= @maxLat AND t.max_lat >= @minLat
         AND s.open = 1 AND r.id <> @id AND r.unit_id IN (SELECT value FROM json_each(@units))`,
    );
  }

  /** When each confirmation of a report came, oldest first. */
  confirmedAt(id: string): string[] {
    return this.confirmationTimes.all(id);
  }

  /** Open reports in a box, other than `id`, in the given units (the R*Tree narrows, the caller measures). */
  openNear(id: string, box: { minLon: number; minLat: number; maxLon: number; maxLat: number }, units: readonly string[]): NearbyRow[] {
    return this.openInBox.all({ ...box, id, units: JSON.stringify(units) });
  }

  list(query: QueueQuery): { total: number; rows: QueueRow[] } {
    const params: QueueParams = {
      ...query, units: JSON.stringify(query.units), overdueOnly: query.overdueOnly ? 1 : 0,
      status: query.status ?? null, category: query.category ?? null, source: query.source ?? null,
      since: query.since ?? null, until: query.until ?? null,
    } as QueueParams;
    const rows = this.queue.all(params).map((row) => ({ ...row, overdueRead: row.overdueRead === 1, overdueVerify: row.overdueVerify === 1 }));
    return { total: this.queueTotal.get(params)!, rows };
  }

  find(id: string): StaffReportRow | undefined {
    return this.one.get(id);
  }

  photos(id: string): { n: number; mime: string; bytes: number }[] {
    return this.photoList.all(id);
  }

  photoBytes(id: string, n: number): { mime: string; bytes: Buffer } | undefined {
    return this.photo.get(id, n);
  }

  /** Full history, internal notes and staff names included, oldest first. */
  history(id: string): StaffHistoryRow[] {
    return this.historyRows.all(id);
  }

  /**
   * Sets the status if the report is still at `version`; returns false (nothing written) when
   * it is not. Appends the history entry with the staff account and notes.
   */
  changeStatus(id: string, version: number, status: Status, at: string, staffId: string, publicNote?: string, internalNote?: string): boolean {
    if (this.setStatus.run(status, at, id, version).changes !== 1) return false;
    this.insertHistory.run(id, at, status, publicNote ?? null, internalNote ?? null, staffId);
    return true;
  }

  /**
   * Hides `id` as a duplicate of `original` if still at `version`, moving its confirmations
   * (rows and count) to the original. Returns false (nothing written) on a stale version.
   */
  linkDuplicate(id: string, version: number, original: string, moved: number, at: string, staffId: string, publicNote: string | undefined, internalNote: string): boolean {
    if (this.markDuplicate.run(original, at, id, version).changes !== 1) return false;
    this.moveConfirmations.run(original, id);
    this.addConfirmations.run(moved, original);
    this.insertHistory.run(id, at, 'hidden', publicNote ?? null, internalNote, staffId);
    return true;
  }
}
