import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Lang, Status } from '../../common/catalogue.js';
import type { CategoryCatalogue } from '../catalogue/category-catalogue.js';
import type { MailProblem, MailSubscriber, ReportContact } from '../store/mail.js';
import type { Store, StoreUnit } from '../store/store.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { digestSelection } from './digest.js';
import { digestMail, newReportMail, statusChangeMail, type DigestLine } from './templates.js';
import type { Log } from '../store/log.js';

/** Statuses a check ends in: the citizen's address is deleted when the report reaches one. */
export const FINAL_STATUSES: readonly Status[] = ['eliminated', 'forwarded', 'not_confirmed', 'prank', 'hidden'];

export interface MailSettings {
  /** KMZB_SMTP_URL (nodemailer's connection URL). */
  smtpUrl: string;
  /** KMZB_MAIL_FROM. */
  from: string;
  /** The console's public origin for links (`https://kmzb.example.pl`); default: the server's public URL (KMZB_PUBLIC_URL, else the listening address). */
  publicUrl?: string | undefined;
}

export interface MailerOptions {
  /** How often the worker looks for work, in ms (0: never by itself; tests call `tick`). */
  intervalMs: number;
  /** Attempts before a mail is given up on (shown to admins as a delivery failure). */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each next one, at most 6 h. */
  backoffMs: number;
  /** The digest goes out on the first run at or after this hour (UTC) of each day. */
  digestHourUtc: number;
}

export const DEFAULT_MAILER_OPTIONS: MailerOptions = { intervalMs: 30_000, maxAttempts: 8, backoffMs: 60_000, digestHourUtc: 5 };

const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;
const BATCH = 50;
/** How long a claimed mail is left to its sender before another worker may take it (at-least-once). */
const SEND_LEASE_MS = 5 * 60 * 1000;
const LOCALES: Record<Lang, string> = { pl: 'pl-PL', en: 'en-GB', uk: 'uk-UA' };

export interface MailerDeps {
  store: Pick<Store, 'unit' | 'mail'>;
  categories: CategoryCatalogue;
  units: UnitDirectory;
  log: Log;
}

/**
 * E-mail notifications. Mails are queued in the store (in the unit of what causes them, or by the
 * worker's scan of new reports; units of one store run one at a time, so two instances' workers
 * never queue the same mail) and a background worker sends them through nodemailer
 * with retries and backoff: an SMTP server that is slow, down or refusing never blocks or fails
 * a report. Without KMZB_SMTP_URL/KMZB_MAIL_FROM nothing is queued or sent, but a citizen's
 * address is still deleted at the final status.
 */
export class Mailer {
  readonly #transport: Transporter | undefined;
  readonly #options: MailerOptions;
  #base: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(private readonly deps: MailerDeps, private readonly settings: MailSettings | undefined, options: Partial<MailerOptions> = {}) {
    this.#options = { ...DEFAULT_MAILER_OPTIONS, ...options };
    this.#base = settings?.publicUrl?.replace(/\/+$/, '');
    // Short timeouts: a hanging server costs the worker a few seconds, never a request.
    this.#transport = settings && nodemailer.createTransport({
      url: settings.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
    } as SMTPTransport.Options & { url: string });
  }

  /** True when KMZB_SMTP_URL and KMZB_MAIL_FROM are set. */
  get configured(): boolean {
    return this.#transport !== undefined;
  }

  /** The server's public URL, for the links in mails (unless these settings name one). */
  noteOrigin(origin: string | undefined): void {
    if (origin && !this.settings?.publicUrl) this.#base = origin;
  }

  start(): void {
    if (!this.configured || this.#options.intervalMs <= 0) return;
    this.#timer = setInterval(() => void this.tick().catch((error: unknown) => this.deps.log.error({ err: error }, 'mail worker failed')), this.#options.intervalMs);
    this.#timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running?.catch(() => undefined);
    this.#transport?.close();
  }

  /** One round of the worker: queue mails about new reports and due digests, then send what is due. */
  tick(now = new Date()): Promise<void> {
    this.#running ??= this.#round(now).finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #round(now: Date): Promise<void> {
    if (!this.configured) return;
    await this.queueNewReports(now);
    await this.queueDigests(now);
    await this.deliver(now);
  }

  /**
   * A citizen's report was stored with an address for updates: keep it (and its tracking link)
   * until the final status. Called in the report's own request, after the report is stored.
   */
  keepContact(reportId: string, contact: ReportContact, now = new Date()): Promise<void> {
    return this.deps.store.unit((tx) => tx.mail.keepContact(reportId, contact, now.toISOString()));
  }

  /**
   * keepContact after a report was stored (the widget's and Open311's POST): the report stands,
   * so a failure to keep the address is logged, never thrown at the reporter.
   */
  async keepContactOf(reportId: string, contact: ReportContact, now: Date, log: Pick<Log, 'error'>): Promise<void> {
    try {
      await this.keepContact(reportId, contact, now);
    } catch (error) {
      log.error({ err: error, report: reportId }, 'could not keep the address for updates');
    }
  }

  /** Whether the reporter asked for updates (all staff may know; the address stays hidden). */
  async wantsUpdates(reportId: string): Promise<boolean> {
    return (await this.deps.store.mail.contact(reportId)) !== undefined;
  }

  /**
   * A report's status changed (call with the change's unit): a reporter who asked for updates
   * gets a mail, and at a final status their address is deleted with it.
   */
  async statusChanged(tx: Pick<StoreUnit, 'mail'>, reportId: string, status: Status, publicNote: string | null, now = new Date()): Promise<void> {
    const { mail } = tx;
    const contact = await mail.contact(reportId);
    if (!contact) return;
    const final = FINAL_STATUSES.includes(status);
    if (this.configured) {
      const body = statusChangeMail(contact.lang, reportId, status, publicNote, contact.trackingUrl, final);
      await mail.enqueue({ kind: 'status_change', recipient: contact.email, staffId: null, reportId, ...body, createdAt: now.toISOString() });
    }
    if (final) await mail.forgetContact(reportId);
  }

  /** Queues a mail per new report to each account that asked for one and has the report's unit. */
  async queueNewReports(now: Date): Promise<void> {
    // Without an origin for links the mails wait (the watermark stays) until a staff request shows it.
    if (!this.#base) return;
    const base = this.#base;
    await this.deps.store.unit(async ({ mail }) => {
      const reports = await mail.reportsSince(await mail.watermarkOf('reports'), BATCH * 10);
      if (!reports.length) return;
      const subscribers = await mail.newReportSubscribersList();
      for (const report of reports) {
        for (const staff of subscribers) {
          if (!this.deps.units.inScope(staff.unitId, report.unitId)) continue;
          const body = newReportMail(staff.lang, {
            id: report.id, category: this.#category(report.category, staff.lang), unit: this.#unit(report.unitId),
            received: this.#time(report.createdAt, staff.lang), url: `${base}/admin#report/${encodeURIComponent(report.id)}`,
          });
          await mail.enqueue({ kind: 'new_report', recipient: staff.email, staffId: staff.id, reportId: report.id, ...body, createdAt: now.toISOString() });
        }
      }
      await mail.moveWatermark('reports', reports.at(-1)!.seq);
    });
  }

  /** Queues each subscriber's digest once a day, from the digest hour on; none when nothing is due. */
  async queueDigests(now: Date): Promise<void> {
    if (!this.#base || now.getUTCHours() < this.#options.digestHourUtc) return;
    const day = now.toISOString().slice(0, 10);
    for (const staff of await this.deps.store.mail.digestSubscribersList()) await this.#queueDigest(staff, day, now);
  }

  #queueDigest(staff: MailSubscriber, day: string, now: Date): Promise<void> {
    const base = this.#base!;
    return this.deps.store.unit(async ({ mail }) => {
      if (!(await mail.claimDigest(staff.id, day))) return;
      const selection = await digestSelection(mail, this.deps.units.scope(staff.unitId), now);
      const line = (r: { id: string; category: string; unitId: string; createdAt: string }): DigestLine => ({
        id: r.id, category: this.#category(r.category, staff.lang), unit: this.#unit(r.unitId), received: this.#time(r.createdAt, staff.lang),
        url: `${base}/admin#report/${encodeURIComponent(r.id)}`,
      });
      const groups = { overdueVerify: selection.overdueVerify.map(line), overdueRead: selection.overdueRead.map(line), dueSoon: selection.dueSoon.map(line) };
      if (!groups.overdueVerify.length && !groups.overdueRead.length && !groups.dueSoon.length) return;
      const body = digestMail(staff.lang, groups, `${base}/admin#queue?overdue=1`);
      await mail.enqueue({ kind: 'digest', recipient: staff.email, staffId: staff.id, reportId: null, ...body, createdAt: now.toISOString() });
    });
  }

  /** Sends the mails that are due, one by one; a failure waits (backoff) or, at the last attempt, gives up. */
  async deliver(now: Date): Promise<void> {
    const transport = this.#transport;
    if (!transport) return;
    const { store, log } = this.deps;
    const lease = new Date(now.getTime() + SEND_LEASE_MS).toISOString();
    const claimed = await store.unit((tx) => tx.mail.claimDue(now.toISOString(), lease, BATCH));
    for (const queued of claimed) {
      try {
        await transport.sendMail({ from: this.settings!.from, to: queued.recipient, subject: queued.subject, text: queued.text, html: queued.html });
      } catch (error) {
        const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
        const attempt = queued.attempts + 1;
        if (attempt >= this.#options.maxAttempts) {
          await store.unit((tx) => tx.mail.givenUp(queued.id, now.toISOString(), message));
          log.warn({ mail: queued.id, attempts: attempt }, 'mail given up');
        } else {
          const wait = Math.min(MAX_BACKOFF_MS, this.#options.backoffMs * 2 ** (attempt - 1));
          await store.unit((tx) => tx.mail.retryAt(queued.id, new Date(now.getTime() + wait).toISOString(), message));
          log.info({ mail: queued.id, attempts: attempt }, 'mail delivery failed; will retry');
        }
        continue;
      }
      await store.unit((tx) => tx.mail.sent(queued.id, new Date().toISOString()));
    }
  }

  /** Failed deliveries of the last 7 days (retrying or given up), newest first, for admins. */
  problems(now = new Date()): Promise<MailProblem[]> {
    return this.deps.store.mail.problems(new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000).toISOString());
  }

  #category(code: string, lang: Lang): string {
    return this.deps.categories.list().find((c) => c.code === code)?.names[lang] ?? code;
  }

  #unit(id: string): string {
    const unit = this.deps.units.ref(id);
    return unit ? unit.shortName : id;
  }

  #time(iso: string, lang: Lang): string {
    return new Date(iso).toLocaleString(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Warsaw' });
  }
}
