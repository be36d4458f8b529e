import type { Status } from '../../../common/catalogue.js';
import type { NearbyRow, QueueQuery, QueueRow, StaffHistoryRow, StaffReportRow, StaffReportsStore } from '../staff-reports.js';
import { run, statement, type PgDb } from './pg-db.js';

// $1 units, $2 status, $3 category, $4 source, $5 since, $6 until, $7 overdue only, $8 readBy, $9 verifyBy.
const OVERDUE_READ = `(r.status = 'new' AND r.created_at < $8::text)`;
const OVERDUE_VERIFY = `(r.status IN ('new', 'verifying') AND r.created_at < $9::text)`;
const FILTER = `r.unit_id = ANY($1::text[])
  AND ($2::text IS NULL OR r.status = $2) AND ($3::text IS NULL OR r.category = $3)
  AND ($4::text IS NULL OR r.source = $4) AND ($5::text IS NULL OR r.created_at >= $5)
  AND ($6::text IS NULL OR r.created_at <= $6)
  AND (NOT $7::boolean OR ${OVERDUE_READ} OR ${OVERDUE_VERIFY})`;
const ROW = `r.id, r.category, r.status, r.unit_id AS unit, r.source, r.created_at AS "createdAt",
  r.updated_at AS "updatedAt", r.confirmations, r.lon, r.lat, r.version`;

// Overdue first (oldest first: most late), then everything else newest first. SQLite sorts
// NULLs first ascending, PostgreSQL last: the CASE's NULLs (not overdue) are placed explicitly.
const QUEUE = statement('staff_queue', `SELECT ${ROW}, ${OVERDUE_READ} AS "overdueRead", ${OVERDUE_VERIFY} AS "overdueVerify"
  FROM reports r WHERE ${FILTER}
  ORDER BY (${OVERDUE_VERIFY} OR ${OVERDUE_READ}) DESC,
    CASE WHEN ${OVERDUE_VERIFY} OR ${OVERDUE_READ} THEN r.created_at END ASC NULLS FIRST, r.created_at DESC, r.id
  LIMIT $10 OFFSET $11`);
// The count binds the same nine values, so its $8 and $9 are given types explicitly above.
const QUEUE_TOTAL = statement('staff_queue_total', `SELECT count(*) AS n FROM reports r WHERE ${FILTER}`);
const ONE = statement('staff_report', `SELECT ${ROW}, r.description, r.event_at AS "eventAt", r.recurrence, r.duplicate_of AS "duplicateOf"
  FROM reports r WHERE r.id = $1`);
const PHOTOS = statement('staff_photos',
  'SELECT ordinal AS n, mime, octet_length(bytes) AS bytes FROM report_photos WHERE report_id = $1 ORDER BY ordinal');
const PHOTO = statement('staff_photo', 'SELECT mime, bytes FROM report_photos WHERE report_id = $1 AND ordinal = $2');
const HISTORY = statement('staff_history', `SELECT h.at, h.status, h.public_note AS "publicNote", h.internal_note AS "internalNote",
    h.staff_id AS "staffId", s.display_name AS "staffName"
  FROM report_history h LEFT JOIN staff s ON s.id = h.staff_id WHERE h.report_id = $1 ORDER BY h.at, h.rowid`);
const SET_STATUS = statement('staff_set_status',
  'UPDATE reports SET status = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4');
const INSERT_HISTORY = statement('staff_insert_history',
  'INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id) VALUES ($1, $2, $3, $4, $5, $6)');
const MOVE_CONFIRMATIONS = statement('staff_move_confirmations', 'UPDATE confirmations SET report_id = $1 WHERE report_id = $2');
const ADD_CONFIRMATIONS = statement('staff_add_confirmations',
  'UPDATE reports SET confirmations = confirmations + $1, version = version + 1 WHERE id = $2');
const MARK_DUPLICATE = statement('staff_mark_duplicate', `UPDATE reports SET status = 'hidden', confirmations = 0, duplicate_of = $1,
    updated_at = $2, version = version + 1
  WHERE id = $3 AND version = $4`);
const CONFIRMED_AT = statement('staff_confirmed_at', 'SELECT at FROM confirmations WHERE report_id = $1 ORDER BY at');
// The GiST index on reports.geom narrows to the box (SQLite's R*Tree); the caller measures.
const OPEN_NEAR = statement('staff_open_near', `SELECT r.id, r.category, r.status, r.lon, r.lat, r.created_at AS "createdAt"
  FROM reports r JOIN statuses s ON s.id = r.status
  WHERE r.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND s.open = 1 AND r.id <> $5 AND r.unit_id = ANY($6::text[])`);

/**
 * The staff side of reports: the queue, a report in full with internal history, photos, and
 * the version-checked writes, which callers run in a unit with their checks and the audit entry.
 */
export class PgStaffReports implements StaffReportsStore {
  constructor(private readonly db: PgDb) {}

  async confirmedAt(id: string): Promise<string[]> {
    return (await run<{ at: string }>(this.db, CONFIRMED_AT, [id])).rows.map((row) => row.at);
  }

  async openNear(id: string, box: { minLon: number; minLat: number; maxLon: number; maxLat: number }, units: readonly string[]): Promise<NearbyRow[]> {
    return (await run<NearbyRow>(this.db, OPEN_NEAR, [box.minLon, box.minLat, box.maxLon, box.maxLat, id, units])).rows;
  }

  /** The count and the page are two statements, as in SQLite (outside a unit they may read two snapshots). */
  async list(query: QueueQuery): Promise<{ total: number; rows: QueueRow[] }> {
    const filter = [
      query.units, query.status ?? null, query.category ?? null, query.source ?? null, query.since ?? null, query.until ?? null,
      query.overdueOnly, query.readBy, query.verifyBy,
    ];
    const [page, total] = await Promise.all([
      run<QueueRow>(this.db, QUEUE, [...filter, query.limit, query.offset]),
      run<{ n: number }>(this.db, QUEUE_TOTAL, filter),
    ]);
    return { total: Number(total.rows[0]!.n), rows: page.rows };
  }

  async find(id: string): Promise<StaffReportRow | undefined> {
    return (await run<StaffReportRow>(this.db, ONE, [id])).rows[0];
  }

  async photos(id: string): Promise<{ n: number; mime: string; bytes: number }[]> {
    return (await run<{ n: number; mime: string; bytes: number }>(this.db, PHOTOS, [id])).rows;
  }

  async photoBytes(id: string, n: number): Promise<{ mime: string; bytes: Buffer } | undefined> {
    return (await run<{ mime: string; bytes: Buffer }>(this.db, PHOTO, [id, n])).rows[0];
  }

  async history(id: string): Promise<StaffHistoryRow[]> {
    return (await run<StaffHistoryRow>(this.db, HISTORY, [id])).rows;
  }

  async changeStatus(id: string, version: number, status: Status, at: string, staffId: string, publicNote?: string, internalNote?: string): Promise<boolean> {
    if ((await run(this.db, SET_STATUS, [status, at, id, version])).rowCount !== 1) return false;
    await run(this.db, INSERT_HISTORY, [id, at, status, publicNote ?? null, internalNote ?? null, staffId]);
    return true;
  }

  async linkDuplicate(id: string, version: number, original: string, moved: number, at: string, staffId: string, publicNote: string | undefined, internalNote: string): Promise<boolean> {
    if ((await run(this.db, MARK_DUPLICATE, [original, at, id, version])).rowCount !== 1) return false;
    await run(this.db, MOVE_CONFIRMATIONS, [original, id]);
    await run(this.db, ADD_CONFIRMATIONS, [moved, original]);
    await run(this.db, INSERT_HISTORY, [id, at, 'hidden', publicNote ?? null, internalNote, staffId]);
    return true;
  }
}
