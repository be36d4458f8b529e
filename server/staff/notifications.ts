import type { MailStatus, StaffNotifications, StaffNotificationsInput } from '../../common/schemas/staff.js';
import type { StaffRepository } from '../db/staff-repository.js';
import { ProductError } from '../../common/product-error.js';
import { ErrorCode } from '../../common/errors.js';
import type { Mailer } from '../mail/mailer.js';
import { emailOf, toAccount } from './accounts.js';
import type { Audit } from './audit.js';
import { requireAdmin, type StaffPrincipal } from './scope.js';
import type { Database } from 'better-sqlite3';

/**
 * Each account's own e-mail choices (any staff member, for themselves), and for admins the
 * state of the mail: configured or not, and the deliveries that failed in their units.
 */
export class StaffNotificationsService {
  constructor(
    private readonly db: Database,
    private readonly staff: StaffRepository,
    private readonly mailer: Mailer,
    private readonly audit: Audit,
  ) {}

  get(me: StaffPrincipal): StaffNotifications {
    const record = this.staff.find(me.id);
    if (!record) throw new ProductError(ErrorCode.sessionRequired, 'Log in first.');
    return {
      email: record.email, lang: record.mailLang, newReports: record.notifyNewReports, digest: record.notifyDigest,
      mailConfigured: this.mailer.configured,
    };
  }

  set(me: StaffPrincipal, input: StaffNotificationsInput, now = new Date()): StaffNotifications {
    const before = this.staff.find(me.id);
    if (!before) throw new ProductError(ErrorCode.sessionRequired, 'Log in first.');
    const email = input.email === undefined ? before.email : emailOf(input.email);
    this.db.transaction(() => {
      this.staff.updateMail(me.id, {
        email, mailLang: input.lang ?? before.mailLang,
        notifyNewReports: input.newReports ?? before.notifyNewReports, notifyDigest: input.digest ?? before.notifyDigest,
      });
      const after = this.staff.find(me.id)!;
      const choices = (r: typeof after) => ({ ...toAccount(r), mailLang: r.mailLang, newReports: r.notifyNewReports, digest: r.notifyDigest });
      this.audit.record({
        at: now.toISOString(), staffId: me.id, action: 'staff.update', targetType: 'staff', targetId: me.id, unitId: after.unitId,
        before: choices(before), after: choices(after),
      });
    })();
    return this.get(me);
  }

  /** Admins: is mail configured, and which deliveries failed (in their units; a citizen's address never shown). */
  status(admin: StaffPrincipal, now = new Date()): MailStatus {
    requireAdmin(admin);
    const problems = this.mailer.problems(now)
      .filter((p) => p.unitId !== null && admin.scope.includes(p.unitId))
      .map((p) => ({
        id: p.id, kind: p.kind, recipient: p.kind === 'status_change' ? null : p.recipient, subject: p.subject, attempts: p.attempts,
        lastError: p.lastError, nextAttemptAt: p.failedAt ? null : p.nextAttemptAt, failedAt: p.failedAt,
      }));
    return { configured: this.mailer.configured, problems };
  }
}
