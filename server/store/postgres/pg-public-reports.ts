import type pg from 'pg';
import type { Status } from '../../../common/catalogue.js';
import type { ConfirmedReport, ExportCursor, NotedReport, PublicReport, PublicReportsStore, PublicSelection } from '../public-reports.js';
import { Params, run, statement, type PgDb } from './pg-db.js';
import { whereOfPublic } from './pg-visibility.js';

const PUBLIC_COLUMNS = `r.id, r.category, r.status, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  r.lon, r.lat, r.confirmations, r.unit_id AS unit`;

const LATEST_NOTE = `(SELECT h.public_note FROM report_history h WHERE h.report_id = r.id AND h.public_note IS NOT NULL
  ORDER BY h.at DESC, h.rowid DESC LIMIT 1) AS note`;

const STATUS_LABELS = statement('public_status_labels', 'SELECT id, label_pl AS label FROM statuses');

/** The connections an export needs: its own, for the life of its cursor. */
export interface PgConnections {
  connect(): Promise<pg.PoolClient>;
}

/**
 * Public reads for the open interfaces (exports, feeds, Open311): only the public columns,
 * under the public visibility rule (pg-visibility.ts).
 */
export class PgPublicReports implements PublicReportsStore {
  constructor(private readonly db: PgDb, private readonly pool: PgConnections) {}

  async statusLabels(): Promise<Map<Status, string>> {
    const { rows } = await run<{ id: Status; label: string }>(this.db, STATUS_LABELS);
    return new Map(rows.map((r) => [r.id, r.label]));
  }

  async newest(selection: PublicSelection, limit: number): Promise<NotedReport[]> {
    const p = new Params();
    const where = whereOfPublic(p, selection);
    const text = `SELECT ${PUBLIC_COLUMNS}, ${LATEST_NOTE} FROM reports r WHERE ${where}
      ORDER BY r.created_at DESC, r.id LIMIT ${p.add(limit)}`;
    return (await this.db.query<NotedReport>({ text, values: p.values })).rows;
  }

  /**
   * Reports that were moved to `confirmed`, most recent move first, at most `limit`; only
   * those publicly visible now. Each report counts at its latest confirmation (no later one
   * of the same report exists; rowid breaks a tie of times, as in SQLite).
   */
  async recentlyConfirmed(selection: PublicSelection, limit: number): Promise<ConfirmedReport[]> {
    const p = new Params();
    const where = whereOfPublic(p, selection);
    const text = `SELECT ${PUBLIC_COLUMNS}, c.at AS "confirmedAt"
      FROM report_history c JOIN reports r ON r.id = c.report_id
      WHERE c.status = 'confirmed'
        AND NOT EXISTS (SELECT 1 FROM report_history later WHERE later.report_id = c.report_id
          AND later.status = 'confirmed' AND (later.at > c.at OR (later.at = c.at AND later.rowid > c.rowid)))
        AND ${where}
      ORDER BY c.at DESC, r.id LIMIT ${p.add(limit)}`;
    return (await this.db.query<ConfirmedReport>({ text, values: p.values })).rows;
  }

  /**
   * A server-side cursor on a connection of its own, in a READ ONLY REPEATABLE READ
   * transaction: every batch comes from the snapshot of the DECLARE, whatever is written
   * meanwhile, and a national export never sits in memory (FETCH n per next(n)). close()
   * ends the transaction and gives the connection back; a connection that failed is
   * destroyed rather than reused.
   */
  async openExport(selection: PublicSelection): Promise<ExportCursor> {
    const p = new Params();
    const where = whereOfPublic(p, selection);
    const client = await this.pool.connect();
    let closed = false;
    let broken: Error | undefined;
    const fail = (error: unknown): never => {
      broken ??= error instanceof Error ? error : new Error(String(error));
      throw error;
    };
    const close = async (): Promise<void> => {
      if (closed) return;
      closed = true;
      if (broken) {
        client.release(broken);
        return;
      }
      try {
        // COMMIT closes the cursor with the transaction.
        await client.query('COMMIT');
        client.release();
      } catch (error) {
        client.release(error instanceof Error ? error : new Error(String(error)));
      }
    };
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query({
        text: `DECLARE kmzb_export NO SCROLL CURSOR FOR SELECT ${PUBLIC_COLUMNS} FROM reports r WHERE ${where}
          ORDER BY r.unit_id, r.created_at, r.id`,
        values: p.values,
      });
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      await close();
      throw error;
    }
    let done = false;
    return {
      next: async (limit) => {
        const count = Math.floor(limit);
        if (closed || done || !(count > 0)) return [];
        const { rows } = await client.query<PublicReport>(`FETCH FORWARD ${count} FROM kmzb_export`).catch(fail);
        if (rows.length < count) done = true;
        return rows;
      },
      close,
    };
  }
}
