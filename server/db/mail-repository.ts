import type { Database, Statement } from 'better-sqlite3';
import type {
  DigestRow, MailInsert, MailProblem, MailStore, MailSubscriber, NewReportRow, QueuedMail, ReportContact,
} from '../store/mail.js';
import type { Sync } from '../store/sync.js';

export type {
  DigestRow, MailInsert, MailKind, MailProblem, MailSubscriber, NewReportRow, QueuedMail, ReportContact,
} from '../store/mail.js';

const PROBLEM = `m.id, m.kind, m.recipient, m.staff_id AS staffId, m.subject, m.attempts, m.last_error AS lastError,
  m.next_attempt_at AS nextAttemptAt, m.failed_at AS failedAt,
  coalesce((SELECT unit_id FROM staff WHERE id = m.staff_id), (SELECT unit_id FROM reports WHERE id = m.report_id)) AS unitId`;

/** All mail SQL: the queue, the worker's watermarks, digests sent, subscribers, citizens' addresses. */
export class MailRepository implements Sync<MailStore> {
  private readonly insertMail: Statement<unknown[]>;
  private readonly due: Statement<[string, string, number], QueuedMail>;
  private readonly markSent: Statement<[string, number]>;
  private readonly markRetry: Statement<[string, string, number]>;
  private readonly markFailed: Statement<[string, string, number]>;
  private readonly blankCitizen: Statement<[number]>;
  private readonly problemRows: Statement<[string, number], MailProblem>;
  private readonly watermark: Statement<[string], number>;
  private readonly setWatermark: Statement<[{ name: string; value: number }]>;
  private readonly reportsAfter: Statement<[number, number], NewReportRow>;
  private readonly newReportSubscribers: Statement<[], MailSubscriber>;
  private readonly digestSubscribers: Statement<[], MailSubscriber>;
  private readonly digestSent: Statement<[string, string]>;
  private readonly digestRows: Statement<[{ units: string; readBy: string; verifyBy: string }], DigestRow>;
  private readonly insertContact: Statement<[string, string, string, string, string]>;
  private readonly deleteContact: Statement<[string]>;
  private readonly contactOf: Statement<[string], ReportContact>;

  constructor(db: Database) {
    this.insertMail = db.prepare(
      `INSERT INTO mail_queue (kind, recipient, staff_id, report_id, subject, text, html, created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Claimed for the send: next_attempt_at moves to the lease's end, so another instance's worker
    // leaves them alone while this one sends; a worker that dies mid-send leaves them due again then.
    this.due = db.prepare(
      `UPDATE mail_queue SET next_attempt_at = ? WHERE id IN (
         SELECT id FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
         ORDER BY next_attempt_at, id LIMIT ?)
       RETURNING id, kind, recipient, staff_id AS staffId, report_id AS reportId, subject, text, html, created_at AS createdAt, attempts`,
    );
    this.markSent = db.prepare('UPDATE mail_queue SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?');
    this.markRetry = db.prepare('UPDATE mail_queue SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?');
    this.markFailed = db.prepare('UPDATE mail_queue SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?');
    // A citizen's address lives no longer than its mail needs it.
    this.blankCitizen = db.prepare(`UPDATE mail_queue SET recipient = '' WHERE id = ? AND kind = 'status_change'`);
    this.problemRows = db.prepare(
      `SELECT ${PROBLEM} FROM mail_queue m WHERE m.last_error IS NOT NULL AND m.sent_at IS NULL AND (m.failed_at IS NULL OR m.failed_at >= ?)
       ORDER BY m.id DESC LIMIT ?`,
    );
    this.watermark = db.prepare('SELECT value FROM mail_watermarks WHERE name = ?').pluck() as Statement<[string], number>;
    this.setWatermark = db.prepare(
      'INSERT INTO mail_watermarks (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    );
    this.reportsAfter = db.prepare(
      `SELECT seq, id, unit_id AS unitId, category, source, created_at AS createdAt FROM reports
       WHERE seq > ? AND demo = 0 ORDER BY seq LIMIT ?`,
    );
    const subscribers = (flag: string) => db.prepare(
      `SELECT id, email, mail_lang AS lang, unit_id AS unitId FROM staff
       WHERE ${flag} = 1 AND email IS NOT NULL AND disabled_at IS NULL ORDER BY id`,
    ) as Statement<[], MailSubscriber>;
    this.newReportSubscribers = subscribers('notify_new_reports');
    this.digestSubscribers = subscribers('notify_digest');
    this.digestSent = db.prepare('INSERT OR IGNORE INTO mail_digests (staff_id, day) VALUES (?, ?)');
    this.digestRows = db.prepare(
      `SELECT id, unit_id AS unitId, category, status, created_at AS createdAt FROM reports
       WHERE unit_id IN (SELECT value FROM json_each(@units)) AND demo = 0
         AND ((status = 'new' AND created_at < @readBy) OR (status IN ('new', 'verifying') AND created_at < @verifyBy))
       ORDER BY created_at, id`,
    );
    this.insertContact = db.prepare(
      'INSERT OR REPLACE INTO report_contacts (report_id, email, lang, tracking_url, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.deleteContact = db.prepare('DELETE FROM report_contacts WHERE report_id = ?');
    this.contactOf = db.prepare('SELECT email, lang, tracking_url AS trackingUrl FROM report_contacts WHERE report_id = ?');
  }

  enqueue(mail: MailInsert): void {
    this.insertMail.run(mail.kind, mail.recipient, mail.staffId, mail.reportId, mail.subject, mail.text, mail.html, mail.createdAt, mail.createdAt);
  }

  claimDue(now: string, leaseUntil: string, limit: number): QueuedMail[] {
    return this.due.all(leaseUntil, now, limit).sort((a, b) => a.id - b.id);
  }

  sent(id: number, at: string): void {
    this.markSent.run(at, id);
    this.blankCitizen.run(id);
  }

  retryAt(id: number, next: string, error: string): void {
    this.markRetry.run(next, error, id);
  }

  givenUp(id: number, at: string, error: string): void {
    this.markFailed.run(at, error, id);
    this.blankCitizen.run(id);
  }

  /** Mails that failed at least once and are not sent: being retried, or given up on since `since`. */
  problems(since: string, limit = 50): MailProblem[] {
    return this.problemRows.all(since, limit);
  }

  watermarkOf(name: 'reports'): number {
    return this.watermark.get(name) ?? 0;
  }

  moveWatermark(name: 'reports', value: number): void {
    this.setWatermark.run({ name, value });
  }

  reportsSince(seq: number, limit: number): NewReportRow[] {
    return this.reportsAfter.all(seq, limit);
  }

  newReportSubscribersList(): MailSubscriber[] {
    return this.newReportSubscribers.all();
  }

  digestSubscribersList(): MailSubscriber[] {
    return this.digestSubscribers.all();
  }

  /** Records the day's digest for an account; false when it was already recorded (sent). */
  claimDigest(staffId: string, day: string): boolean {
    return this.digestSent.run(staffId, day).changes === 1;
  }

  /** Open reports in `units` created before `readBy` and still new, or before `verifyBy` and not yet verified. */
  digestCandidates(units: readonly string[], readBy: string, verifyBy: string): DigestRow[] {
    return this.digestRows.all({ units: JSON.stringify(units), readBy, verifyBy });
  }

  keepContact(reportId: string, contact: ReportContact, at: string): void {
    this.insertContact.run(reportId, contact.email, contact.lang, contact.trackingUrl, at);
  }

  forgetContact(reportId: string): void {
    this.deleteContact.run(reportId);
  }

  contact(reportId: string): ReportContact | undefined {
    return this.contactOf.get(reportId);
  }
}
