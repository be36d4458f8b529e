import type { Lang, Status } from '../../common/catalogue.js';

export type MailKind = 'new_report' | 'digest' | 'status_change';

export interface MailInsert {
  kind: MailKind;
  recipient: string;
  staffId: string | null;
  reportId: string | null;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
}

export interface QueuedMail extends MailInsert {
  id: number;
  attempts: number;
}

/** A mail given up on, or still being retried after a failure: what admins see. */
export interface MailProblem {
  id: number;
  /** The unit of the account (a staff mail) or of the report (a citizen's): whose admins see it. */
  unitId: string | null;
  kind: MailKind;
  recipient: string;
  staffId: string | null;
  subject: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  failedAt: string | null;
}

/** A staff account that wants mail, with its address and scope root. */
export interface MailSubscriber {
  id: string;
  email: string;
  lang: Lang;
  unitId: string;
}

/** A report created since the last scan (reports.seq above the watermark). */
export interface NewReportRow {
  seq: number;
  id: string;
  unitId: string;
  category: string;
  source: string;
  createdAt: string;
}

/** A citizen's kept address for status updates, and the tracking link its mails carry. */
export interface ReportContact {
  email: string;
  lang: Lang;
  trackingUrl: string;
}

/** A report of the digest: open, in the account's units, near or past a deadline. */
export interface DigestRow {
  id: string;
  unitId: string;
  category: string;
  status: Status;
  createdAt: string;
}

/**
 * The mail queue and what the worker needs (watermarks, digests sent, subscribers, citizens'
 * addresses): in the store, so one queue serves every app instance. Writes go in units.
 */
export interface MailStore {
  enqueue(mail: MailInsert): Promise<void>;
  /**
   * Claims up to `limit` due mails for sending until `leaseUntil` (oldest due first): no other
   * worker takes them meanwhile, and they are due again then if the sender died.
   */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<QueuedMail[]>;
  /** Sent: a citizen's address is blanked in the queue with it. */
  sent(id: number, at: string): Promise<void>;
  retryAt(id: number, next: string, error: string): Promise<void>;
  /** Given up on after the last attempt: a citizen's address is blanked with it. */
  givenUp(id: number, at: string, error: string): Promise<void>;
  /** Mails that failed at least once and are not sent: being retried, or given up on since `since`. */
  problems(since: string, limit?: number): Promise<MailProblem[]>;
  watermarkOf(name: 'reports'): Promise<number>;
  moveWatermark(name: 'reports', value: number): Promise<void>;
  /** Reports created after the watermark (non-demo), in creation order. */
  reportsSince(seq: number, limit: number): Promise<NewReportRow[]>;
  newReportSubscribersList(): Promise<MailSubscriber[]>;
  digestSubscribersList(): Promise<MailSubscriber[]>;
  /** Records the day's digest for an account; false when it was already recorded (sent). */
  claimDigest(staffId: string, day: string): Promise<boolean>;
  /** Open reports in `units` created before `readBy` and still new, or before `verifyBy` and not yet verified. */
  digestCandidates(units: readonly string[], readBy: string, verifyBy: string): Promise<DigestRow[]>;
  keepContact(reportId: string, contact: ReportContact, at: string): Promise<void>;
  forgetContact(reportId: string): Promise<void>;
  contact(reportId: string): Promise<ReportContact | undefined>;
}
