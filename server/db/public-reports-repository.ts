import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { StatementCache } from './statement-cache.js';
import { STATUSES, type Status } from '../../common/catalogue.js';
import type { ConfirmedReport, ExportCursor, NotedReport, PublicReport, PublicReportsStore, PublicSelection } from '../store/public-reports.js';
import type { Sync } from '../store/sync.js';
import { and, inList, publicPredicate, type SqlPart } from './visibility-sql.js';

export const PUBLIC_COLUMNS = `r.id, r.category, r.status, r.created_at AS createdAt, r.updated_at AS updatedAt,
  r.lon, r.lat, r.confirmations, r.unit_id AS unit`;

const LATEST_NOTE = `(SELECT h.public_note FROM report_history h WHERE h.report_id = r.id AND h.public_note IS NOT NULL
  ORDER BY h.at DESC, h.rowid DESC LIMIT 1) AS note`;

/** The WHERE clause of a selection: scope, period, filters and the public visibility rule. */
export function whereOfPublic(s: PublicSelection): SqlPart {
  const parts: SqlPart[] = [];
  if (s.units) parts.push(inList('r.unit_id', s.units));
  if (s.ids) parts.push(inList('r.id', s.ids));
  if (s.since) parts.push({ sql: 'r.created_at >= ?', params: [s.since] });
  if (s.until) parts.push({ sql: 'r.created_at < ?', params: [s.until] });
  parts.push(publicPredicate(s.categories, s.statuses ?? STATUSES, s.now));
  return and(...parts);
}

/**
 * Subtrees of at least this many units (a voivodeship's) hold a few percent of the reports or
 * more: their newest are found soon by walking the whole country's newest first. A smaller one
 * (a county, 1 unit) is read through its own rows.
 */
const LARGE_AREA_UNITS = 8;

function isLargeArea(selection: PublicSelection): boolean {
  return !selection.units || selection.units.length >= LARGE_AREA_UNITS;
}

/**
 * The feeds' WHERE: for a large area the unit condition is written `+r.unit_id`, so that SQLite
 * walks reports_created (newest first, stopping at the `limit`-th) instead of collecting and
 * sorting the whole subtree from reports_map (~0.3 s for a voivodeship among 3,000,000).
 */
function feedWhere(selection: PublicSelection): SqlPart {
  if (!selection.units || !isLargeArea(selection)) return whereOfPublic(selection);
  return and(inList('+r.unit_id', selection.units), whereOfPublic({ ...selection, units: undefined }));
}

/**
 * Public reads for the open interfaces on the app's connection: small answers (at most a
 * thousand rows). Statements differ by the lengths of their IN lists, so each shape is
 * prepared once and kept. Exports, which can be national, go through openExportCursor.
 */
export class PublicReportsRepository implements Sync<PublicReportsStore> {
  private readonly statements: StatementCache;

  constructor(private readonly db: Database) {
    this.statements = new StatementCache(db, 200);
  }

  openExport(selection: PublicSelection): ExportCursor {
    return openExportCursor(this.db.name, selection);
  }

  /** Polish status labels (migration 003), for human-readable feeds. */
  statusLabels(): Map<Status, string> {
    const rows = this.prepare('SELECT id, label_pl AS label FROM statuses').all() as { id: Status; label: string }[];
    return new Map(rows.map((r) => [r.id, r.label]));
  }

  /** Newest first (by creation), at most `limit`, each with its latest public note. */
  newest(selection: PublicSelection, limit: number): NotedReport[] {
    const where = feedWhere(selection);
    const sql = `SELECT ${PUBLIC_COLUMNS}, ${LATEST_NOTE} FROM reports r WHERE ${where.sql}
      ORDER BY r.created_at DESC, r.id LIMIT ?`;
    return this.prepare(sql).all(...where.params, limit) as NotedReport[];
  }

  /**
   * Reports that were moved to `confirmed`, most recent move first, at most `limit`; only
   * those publicly visible now (a confirmed report later marked a prank drops out). Each report
   * counts at its latest confirmation (no later one of the same report exists).
   */
  recentlyConfirmed(selection: PublicSelection, limit: number): ConfirmedReport[] {
    const where = feedWhere(selection);
    // A large area walks the confirmations newest first (report_history_status) until `limit`
    // of its own are found; a small one reads its own reports' confirmations instead (walking
    // the country's took seconds to find a county's 50). `+` keeps SQLite on those plans: on
    // the report's own rows for the later-confirmation check, and off an index the other way.
    const from = isLargeArea(selection)
      ? `report_history c JOIN reports r ON r.id = c.report_id WHERE c.status = 'confirmed'`
      : `reports r JOIN report_history c ON c.report_id = r.id AND +c.status = 'confirmed' WHERE 1`;
    const sql = `SELECT ${PUBLIC_COLUMNS}, c.at AS confirmedAt FROM ${from}
        AND NOT EXISTS (SELECT 1 FROM report_history later WHERE later.report_id = c.report_id
          AND +later.status = 'confirmed' AND (later.at > c.at OR (later.at = c.at AND later.rowid > c.rowid)))
        AND ${where.sql}
      ORDER BY c.at DESC, r.id LIMIT ?`;
    return this.prepare(sql).all(...where.params, limit) as ConfirmedReport[];
  }

  private prepare(sql: string): Statement<unknown[]> {
    return this.statements.get(sql);
  }
}

/**
 * Opens an export of a selection, ordered by unit and creation time (the order of the
 * reports_map index, so SQLite streams it without sorting). It reads through its own
 * read-only connection: a better-sqlite3 connection cannot run anything else while a
 * statement is being iterated, and an export is iterated across many event-loop turns as
 * the client drains it. WAL lets the export read one consistent snapshot while the app
 * keeps writing.
 */
export function openExportCursor(dbFile: string, selection: PublicSelection): ExportCursor {
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  try {
    const where = whereOfPublic(selection);
    const statement = db.prepare(`SELECT ${PUBLIC_COLUMNS} FROM reports r WHERE ${where.sql} ORDER BY r.unit_id, r.created_at, r.id`);
    const rows = statement.iterate(...where.params) as IterableIterator<PublicReport>;
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      rows.return?.();
      db.close();
    };
    return {
      next: async (limit) => {
        const batch: PublicReport[] = [];
        while (!closed && batch.length < limit) {
          const next = rows.next();
          if (next.done) break;
          batch.push(next.value);
        }
        return batch;
      },
      close: async () => close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
