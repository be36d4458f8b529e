import type { Status } from '../../../common/catalogue.js';
import type { HistoryEntry } from '../../../common/schemas/report.js';
import type { HistoryStep, ReportCandidate, ReportInsert, ReportRecord, ReportsStore } from '../reports.js';
import { run, statement, type PgDb } from './pg-db.js';

const RECORD = statement('reports_record', `SELECT r.id, r.unit_id AS "unitId", r.category, c.visibility, r.status, s.open, r.lon, r.lat,
    r.created_at AS "createdAt", r.updated_at AS "updatedAt", r.confirmations, r.tracking_hash AS "trackingHash"
  FROM reports r JOIN categories c ON c.code = r.category JOIN statuses s ON s.id = r.status WHERE r.id = $1`);

// The GiST index on reports.geom narrows to the box (SQLite's R*Tree); `&&` compares bounding
// boxes, which for points is "inside or on the edge of the box".
const IN_BOX = statement('reports_in_box', `SELECT r.id, r.category, r.status, r.lon, r.lat, r.created_at AS "createdAt",
    r.updated_at AS "updatedAt", r.confirmations
  FROM reports r JOIN statuses s ON s.id = r.status
  WHERE r.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND r.category = $5 AND s.open = 1`);

// A report, its first history entry and its photos in one statement (one round trip inside the
// unit). The foreign keys of the history and photo rows are checked at the end of the
// statement, when the report row exists. The history entry is 'new' whatever the report's
// status, as SQLite's repository writes it.
const INSERT = statement('reports_insert', `WITH r AS (
    INSERT INTO reports (id, unit_id, category, status, source, lon, lat, description, event_at, recurrence,
      tracking_hash, created_at, updated_at, demo)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $18, $13)
    RETURNING id
  ), h AS (
    INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id)
    SELECT id, $12, 'new', NULL, NULL, $14 FROM r
  )
  INSERT INTO report_photos (report_id, ordinal, mime, bytes)
  SELECT r.id, p.ordinal, p.mime, p.bytes FROM r CROSS JOIN unnest($15::int[], $16::text[], $17::bytea[]) AS p (ordinal, mime, bytes)`);

// INSERT, unless the id is taken (ON CONFLICT on reports' unique id: no row, no trigger, and
// nothing inserted after it); the id comes back when the report went in.
const INSERT_UNLESS_TAKEN = statement('reports_insert_unless_taken', `WITH r AS (
    INSERT INTO reports (id, unit_id, category, status, source, lon, lat, description, event_at, recurrence,
      tracking_hash, created_at, updated_at, demo)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $18, $13)
    ON CONFLICT (id) DO NOTHING
    RETURNING id
  ), h AS (
    INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id)
    SELECT id, $12, 'new', NULL, NULL, $14 FROM r
  ), p AS (
    INSERT INTO report_photos (report_id, ordinal, mime, bytes)
    SELECT r.id, p.ordinal, p.mime, p.bytes FROM r CROSS JOIN unnest($15::int[], $16::text[], $17::bytea[]) AS p (ordinal, mime, bytes)
  )
  SELECT id FROM r`);

const HISTORY = statement('reports_history',
  'SELECT at, status, public_note AS note FROM report_history WHERE report_id = $1 ORDER BY at, rowid');
const ID_TAKEN = statement('reports_id_taken', 'SELECT 1 AS one FROM reports WHERE id = $1');
const COUNT = statement('reports_count', 'SELECT count(*) AS n FROM reports');
// The confirmation and the new count in one statement (its foreign key is checked at the end).
const CONFIRM = statement('reports_confirm', `WITH c AS (
    INSERT INTO confirmations (report_id, at, device_hash) VALUES ($1, $2, $3)
  )
  UPDATE reports SET confirmations = confirmations + 1 WHERE id = $1 RETURNING confirmations`);

// The steps of insertWithHistory, oldest first; rowid follows the array's order.
const HISTORY_STEPS = statement('reports_history_steps', `INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id)
  SELECT $1, s.at, s.status, s.note, NULL, NULL FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS s (at, status, note, n)
  ORDER BY s.n`);
const HISTORY_ENTRY = statement('reports_history_entry',
  'INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id) VALUES ($1, $2, $3, $4, NULL, NULL)');
const SET_STATUS = statement('reports_set_status', 'UPDATE reports SET status = $2, updated_at = $3 WHERE id = $1');
// History, photos and confirmations go with them (ON DELETE CASCADE).
const CLEAR_DEMO = statement('reports_clear_demo', 'DELETE FROM reports WHERE demo = 1');

/** Writes and reads reports, their history, photos and confirmations. */
export class PgReports implements ReportsStore {
  constructor(private readonly db: PgDb) {}

  async insert(report: ReportInsert): Promise<void> {
    await run(this.db, INSERT, insertValues(report));
  }

  async isIdTaken(id: string): Promise<boolean> {
    return (await run(this.db, ID_TAKEN, [id])).rows.length > 0;
  }

  async insertUnlessTaken(report: ReportInsert): Promise<boolean> {
    return (await run(this.db, INSERT_UNLESS_TAKEN, insertValues(report))).rows.length > 0;
  }

  async find(id: string): Promise<ReportRecord | undefined> {
    const { rows } = await run<Omit<ReportRecord, 'open'> & { open: number }>(this.db, RECORD, [id]);
    const row = rows[0];
    return row && { ...row, open: row.open === 1 };
  }

  async history(id: string): Promise<HistoryEntry[]> {
    const { rows } = await run<{ at: string; status: Status; note: string | null }>(this.db, HISTORY, [id]);
    return rows.map(({ at, status, note }) => (note === null ? { at, status } : { at, status, note }));
  }

  async openInBox(minLon: number, minLat: number, maxLon: number, maxLat: number, category: string): Promise<ReportCandidate[]> {
    return (await run<ReportCandidate>(this.db, IN_BOX, [minLon, minLat, maxLon, maxLat, category])).rows;
  }

  async confirm(id: string, at: string, deviceHash: Buffer): Promise<number> {
    const { rows } = await run<{ confirmations: number }>(this.db, CONFIRM, [id, at, deviceHash]);
    if (!rows[0]) throw new Error(`No report ${id} to confirm`);
    return rows[0].confirmations;
  }

  async count(): Promise<number> {
    return Number((await run<{ n: number }>(this.db, COUNT)).rows[0]!.n);
  }

  /** Two statements, as SQLite's repository does: the history trigger sees the entry before the status moves. */
  async changeStatus(id: string, at: string, status: Status, publicNote?: string): Promise<void> {
    await run(this.db, HISTORY_ENTRY, [id, at, status, publicNote ?? null]);
    await run(this.db, SET_STATUS, [id, status, at]);
  }

  /**
   * The report's row as its last step left it, then its history: the insert trigger counts it
   * once, and the history trigger sets first_verified_at and closed_at, as changeStatus() would.
   */
  async insertWithHistory(report: ReportInsert, steps: readonly HistoryStep[]): Promise<void> {
    const last = steps.at(-1);
    // Asked for together (one round trip in a unit's pipelined batch): they run in this order.
    await Promise.all([
      this.insert(last ? { ...report, status: last.status, updatedAt: last.at } : report),
      steps.length ? run(this.db, HISTORY_STEPS, [report.id, steps.map((s) => s.at), steps.map((s) => s.status), steps.map((s) => s.note ?? null)]) : undefined,
    ]);
  }

  async clearDemo(): Promise<number> {
    return (await run(this.db, CLEAR_DEMO)).rowCount ?? 0;
  }
}

/** The values of INSERT and INSERT_UNLESS_TAKEN ($1 … $18). */
function insertValues(report: ReportInsert): unknown[] {
  const recurrence = report.recurrence && (report.recurrence.days?.length || report.recurrence.times?.length)
    ? JSON.stringify(report.recurrence) : null;
  const photos = report.photos ?? [];
  return [
    report.id, report.unitId, report.category, report.status ?? 'new', report.source ?? 'citizen', report.lon, report.lat,
    report.description ?? null, report.eventAt ?? null, recurrence, report.trackingHash, report.createdAt,
    report.demo ? 1 : 0, report.staffId ?? null,
    photos.map((_, i) => i + 1), photos.map((photo) => photo.mime), photos.map((photo) => photo.bytes),
    report.updatedAt ?? report.createdAt,
  ];
}
