import type {
  DigestRow, MailInsert, MailProblem, MailStore, MailSubscriber, NewReportRow, QueuedMail, ReportContact,
} from '../mail.js';
import { run, statement, type PgDb } from './pg-db.js';
import { BATCH_PLAN_CACHE_MODE } from './pg-unit.js';

const INSERT = statement('mail_insert', `INSERT INTO mail_queue (kind, recipient, staff_id, report_id, subject, text, html, created_at, next_attempt_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`);
// Claimed for the send: next_attempt_at moves to the lease's end, so another instance's worker
// leaves them alone while this one sends; a worker that dies mid-send leaves them due again then.
// SKIP LOCKED: two workers claiming at once take different rows instead of waiting on each other.
const CLAIM = statement('mail_claim', `UPDATE mail_queue SET next_attempt_at = $1 WHERE id IN (
    SELECT id FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2
    ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING id, kind, recipient, staff_id AS "staffId", report_id AS "reportId", subject, text, html, created_at AS "createdAt", attempts`);
const SENT = statement('mail_sent', 'UPDATE mail_queue SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2');
const RETRY = statement('mail_retry', 'UPDATE mail_queue SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3');
const FAILED = statement('mail_failed', 'UPDATE mail_queue SET attempts = attempts + 1, failed_at = $1, last_error = $2 WHERE id = $3');
// A citizen's address lives no longer than its mail needs it.
const BLANK_CITIZEN = statement('mail_blank_citizen', `UPDATE mail_queue SET recipient = '' WHERE id = $1 AND kind = 'status_change'`);
const PROBLEMS = statement('mail_problems', `SELECT m.id, m.kind, m.recipient, m.staff_id AS "staffId", m.subject, m.attempts,
    m.last_error AS "lastError", m.next_attempt_at AS "nextAttemptAt", m.failed_at AS "failedAt",
    coalesce((SELECT unit_id FROM staff WHERE id = m.staff_id), (SELECT unit_id FROM reports WHERE id = m.report_id)) AS "unitId"
  FROM mail_queue m WHERE m.last_error IS NOT NULL AND m.sent_at IS NULL AND (m.failed_at IS NULL OR m.failed_at >= $1)
  ORDER BY m.id DESC LIMIT $2`);
const WATERMARK = statement('mail_watermark', 'SELECT value FROM mail_watermarks WHERE name = $1');
const SET_WATERMARK = statement('mail_set_watermark',
  'INSERT INTO mail_watermarks (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
const REPORTS_AFTER = statement('mail_reports_after', `SELECT seq, id, unit_id AS "unitId", category, source, created_at AS "createdAt"
  FROM reports WHERE seq > $1 AND demo = 0 ORDER BY seq LIMIT $2`);
const subscribers = (flag: 'notify_new_reports' | 'notify_digest') => statement(`mail_subscribers_${flag}`,
  `SELECT id, email, mail_lang AS lang, unit_id AS "unitId" FROM staff
  WHERE ${flag} = 1 AND email IS NOT NULL AND disabled_at IS NULL ORDER BY id`);
const NEW_REPORT_SUBSCRIBERS = subscribers('notify_new_reports');
const DIGEST_SUBSCRIBERS = subscribers('notify_digest');
// SQLite's INSERT OR IGNORE: the primary key (staff_id, day) is the only constraint that can conflict.
const DIGEST_SENT = statement('mail_digest_sent', 'INSERT INTO mail_digests (staff_id, day) VALUES ($1, $2) ON CONFLICT DO NOTHING');
const DIGEST_ROWS = statement('mail_digest_rows', `SELECT id, unit_id AS "unitId", category, status, created_at AS "createdAt" FROM reports
  WHERE unit_id = ANY($1::text[]) AND demo = 0
    AND ((status = 'new' AND created_at < $2) OR (status IN ('new', 'verifying') AND created_at < $3))
  ORDER BY created_at, id`);
// SQLite's INSERT OR REPLACE (report_id is the only key that can conflict): the row is replaced whole.
const KEEP_CONTACT = statement('mail_keep_contact', `INSERT INTO report_contacts (report_id, email, lang, tracking_url, created_at)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (report_id) DO UPDATE SET email = excluded.email, lang = excluded.lang, tracking_url = excluded.tracking_url,
    created_at = excluded.created_at`);
const FORGET_CONTACT = statement('mail_forget_contact', 'DELETE FROM report_contacts WHERE report_id = $1');
const CONTACT = statement('mail_contact', 'SELECT email, lang, tracking_url AS "trackingUrl" FROM report_contacts WHERE report_id = $1');

/** The mail queue, the worker's watermarks, digests sent, subscribers, citizens' addresses. */
export class PgMail implements MailStore {
  constructor(private readonly db: PgDb) {}

  async enqueue(mail: MailInsert): Promise<void> {
    await run(this.db, INSERT, [mail.kind, mail.recipient, mail.staffId, mail.reportId, mail.subject, mail.text, mail.html, mail.createdAt]);
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<QueuedMail[]> {
    return (await run<QueuedMail>(this.db, CLAIM, [leaseUntil, now, limit])).rows.sort((a, b) => a.id - b.id);
  }

  async sent(id: number, at: string): Promise<void> {
    await run(this.db, SENT, [at, id]);
    await run(this.db, BLANK_CITIZEN, [id]);
  }

  async retryAt(id: number, next: string, error: string): Promise<void> {
    await run(this.db, RETRY, [next, error, id]);
  }

  async givenUp(id: number, at: string, error: string): Promise<void> {
    await run(this.db, FAILED, [at, error, id]);
    await run(this.db, BLANK_CITIZEN, [id]);
  }

  async problems(since: string, limit = 50): Promise<MailProblem[]> {
    return (await run<MailProblem>(this.db, PROBLEMS, [since, limit])).rows;
  }

  async watermarkOf(name: 'reports'): Promise<number> {
    const row = (await run<{ value: number }>(this.db, WATERMARK, [name])).rows[0];
    return row ? Number(row.value) : 0;
  }

  async moveWatermark(name: 'reports', value: number): Promise<void> {
    await run(this.db, SET_WATERMARK, [name, value]);
  }

  async reportsSince(seq: number, limit: number): Promise<NewReportRow[]> {
    return (await run<NewReportRow>(this.db, REPORTS_AFTER, [seq, limit])).rows;
  }

  async newReportSubscribersList(): Promise<MailSubscriber[]> {
    return (await run<MailSubscriber>(this.db, NEW_REPORT_SUBSCRIBERS)).rows;
  }

  async digestSubscribersList(): Promise<MailSubscriber[]> {
    return (await run<MailSubscriber>(this.db, DIGEST_SUBSCRIBERS)).rows;
  }

  async claimDigest(staffId: string, day: string): Promise<boolean> {
    return (await run(this.db, DIGEST_SENT, [staffId, day])).rowCount === 1;
  }

  /**
   * Read inside a unit, whose batch forces generic plans (pg-unit.ts); this statement is a range
   * over a scope's reports, whose best plan depends on the scope. For every unit of the country
   * (a national subscriber) on 300 k reports the generic plan took 462 ms, scanning reports_map
   * unit by unit, where PostgreSQL's own choice took 83 ms. So PostgreSQL chooses for it, and
   * the batch's mode comes back after it (set_config local: undone with a rolled-back unit).
   */
  async digestCandidates(units: readonly string[], readBy: string, verifyBy: string): Promise<DigestRow[]> {
    const mode = (value: string) => this.db.query({ text: 'SELECT set_config($1, $2, true)', values: ['plan_cache_mode', value] });
    const [, rows] = await Promise.all([
      mode('auto'),
      run<DigestRow>(this.db, DIGEST_ROWS, [units, readBy, verifyBy]),
      mode(BATCH_PLAN_CACHE_MODE),
    ]);
    return rows.rows;
  }

  async keepContact(reportId: string, contact: ReportContact, at: string): Promise<void> {
    await run(this.db, KEEP_CONTACT, [reportId, contact.email, contact.lang, contact.trackingUrl, at]);
  }

  async forgetContact(reportId: string): Promise<void> {
    await run(this.db, FORGET_CONTACT, [reportId]);
  }

  async contact(reportId: string): Promise<ReportContact | undefined> {
    return (await run<ReportContact>(this.db, CONTACT, [reportId])).rows[0];
  }
}
