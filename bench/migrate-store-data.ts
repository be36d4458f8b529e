/**
 * A national SQLite database for the store-migration benchmark (bench/migrate-store.ts): the
 * demo generator's reports as bench/national-data.ts bulk-loads them, with what a real
 * database holds besides: every report's history (its 'new' entry and each step, with the
 * demo's public notes), the staff who made the steps (one officer per unit) and an audit entry
 * per step, confirmations, a description on a third of the reports, a photo on some, and the
 * statistics and map aggregates. Realistic in row counts and widths, not in content.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { FINAL_STATUSES } from '../common/stats.js';
import { projectRoot } from '../server/paths.js';
import { bulkLoadReports } from './national-data.js';

export interface BenchDataOptions {
  /** One report in `photoEvery` gets one photo of `photoBytes` random bytes (0: none). */
  photoEvery: number;
  photoBytes: number;
}

/** Migration 015's aggregate backfill (the reports' times are written directly here). */
function statsBackfill(): string {
  const sql = readFileSync(join(projectRoot, 'server', 'db', 'migrations', '015-stats-counts.sql'), 'utf8');
  const section = sql.slice(sql.indexOf('-- backfill:begin'), sql.indexOf('-- backfill:end'));
  return section.slice(section.indexOf('CREATE TEMP TABLE stats_own'));
}

/**
 * The history, staff, audit, confirmations and photos, from the loaded reports. The steps
 * arrive in `recurrence` as JSON (bulkLoadReports writes columns of `reports` only) and are
 * expanded here; it is then replaced by a real recurrence on a few reports and a description
 * on a third. The history trigger, which would only look
 * up times the load already wrote, is off while the history goes in.
 */
function extras(db: Database.Database, options: BenchDataOptions): string {
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'stats_history_insert'").pluck().get() as string;
  db.exec('DROP TRIGGER stats_history_insert');
  db.exec(`INSERT INTO staff (id, login, display_name, role, unit_id, password_hash, created_at)
    SELECT 's-' || id, 'officer-' || id, 'Officer of ' || short_name, 'officer', id, 'scrypt$17$8$1$c2FsdA$aGFzaA', '2016-01-01T00:00:00.000Z'
    FROM units`);
  db.exec(`INSERT INTO report_history (report_id, at, status, public_note, internal_note, staff_id)
    SELECT id, created_at, 'new', NULL, NULL, NULL FROM reports
    UNION ALL SELECT r.id, s.value ->> '$.at', s.value ->> '$.status', s.value ->> '$.note',
      CASE WHEN r.seq % 4 = 0 THEN 'Sprawdzone na miejscu' END, 's-' || r.unit_id
    FROM reports r, json_each(r.recurrence) s`);
  db.exec(trigger);
  db.exec(`INSERT INTO audit_log (at, staff_id, action, target_type, target_id, unit_id, before, after)
    SELECT h.at, h.staff_id, 'report.status', 'report', h.report_id, substr(h.staff_id, 3),
      '{"status":"verifying"}', json_object('status', h.status)
    FROM report_history h WHERE h.staff_id IS NOT NULL ORDER BY h.at`);
  db.exec(`UPDATE reports SET
    description = CASE WHEN seq % 3 = 0 THEN 'Samochody parkują na chodniku przy szkole, codziennie rano.' END,
    recurrence = CASE WHEN seq % 10 = 0 THEN '{"days":["mon","fri"],"times":["morning"]}' END`);
  db.exec(`INSERT INTO confirmations (report_id, at, device_hash)
    SELECT r.id, r.created_at, randomblob(32) FROM reports r JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) n
    ON n.k <= r.confirmations`);
  if (options.photoEvery > 0) {
    const photo = randomBytes(options.photoBytes);
    db.prepare(`INSERT INTO report_photos (report_id, ordinal, mime, bytes)
      SELECT id, 1, 'image/jpeg', ? FROM reports WHERE seq % ? = 0`).run(photo, options.photoEvery);
  }
  db.exec(statsBackfill());
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return `${count('report_history')} history rows, ${count('audit_log')} audit entries, ${count('confirmations')} confirmations, ` +
    `${count('report_photos')} photos, ${count('stats_counts')} stats rows, ${count('map_cells')} map cells`;
}

/** Builds the benchmark's database of `count` reports at `path`. */
export function generateBenchData(path: string, count: number, options: BenchDataOptions): void {
  bulkLoadReports(path, count, {
    columns: ['first_verified_at', 'closed_at', 'confirmations', 'recurrence'],
    values: (r, n) => [
      r.steps.find((s) => s.status !== 'new' && s.status !== 'hidden')?.at ?? null,
      r.steps.find((s) => (FINAL_STATUSES as readonly string[]).includes(s.status))?.at ?? null,
      n % 7 === 0 ? n % 5 : 0,
      JSON.stringify(r.steps),
    ],
    after: (db) => extras(db, options),
  });
}
