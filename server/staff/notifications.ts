import type { MailStatus, StaffNotifications, StaffNotificationsInput } from '../../common/schemas/staff.js';
import type { Store } from '../store/store.js';
import { ProductError } from '../../common/product-error.js';
import { ErrorCode } from '../../common/errors.js';
import type { Mailer } from '../mail/mailer.js';
import { emailOf, toAccount } from './accounts.js';
import type { Audit } from './audit.js';
import { requireAdmin, type StaffPrincipal } from './scope.js';

/**
 * Each account's own e-mail choices (any staff member, for themselves), and for admins the
 * state of the mail: configured or not, and the deliveries that failed in their units.
 */
export class StaffNotificationsService {
  constructor(
    private readonly store: Pick<Store, 'unit' | 'staff'>,
    private readonly mailer: Mailer,
    private readonly audit: Audit,
  ) {}

  async get(me: StaffPrincipal): Promise<StaffNotifications> {
    const record = await this.store.staff.find(me.id);
    if (!record) throw new ProductError(ErrorCode.sessionRequired, 'Log in first.');
    return {
      email: record.email, lang: record.mailLang, newReports: record.notifyNewReports, digest: record.notifyDigest,
      mailConfigured: this.mailer.configured,
    };
  }

  async set(me: StaffPrincipal, input: StaffNotificationsInput, now = new Date()): Promise<StaffNotifications> {
    await this.store.unit(async (tx) => {
      const before = await tx.staff.find(me.id);
      if (!before) throw new ProductError(ErrorCode.sessionRequired, 'Log in first.');
      const email = input.email === undefined ? before.email : emailOf(input.email);
      await tx.staff.updateMail(me.id, {
        email, mailLang: input.lang ?? before.mailLang,
        notifyNewReports: input.newReports ?? before.notifyNewReports, notifyDigest: input.digest ?? before.notifyDigest,
      });
      const after = (await tx.staff.find(me.id))!;
      const choices = (r: typeof after) => ({ ...toAccount(r), mailLang: r.mailLang, newReports: r.notifyNewReports, digest: r.notifyDigest });
      await tx.audit.append(this.audit.entry({
        at: now.toISOString(), staffId: me.id, action: 'staff.update', targetType: 'staff', targetId: me.id, unitId: after.unitId,
        before: choices(before), after: choices(after),
      }));
    });
    return this.get(me);
  }

  /** Admins: is mail configured, and which deliveries failed (in their units; a citizen's address never shown). */
  async status(admin: StaffPrincipal, now = new Date()): Promise<MailStatus> {
    requireAdmin(admin);
    const problems = (await this.mailer.problems(now))
      .filter((p) => p.unitId !== null && admin.scope.includes(p.unitId))
      .map((p) => ({
        id: p.id, kind: p.kind, recipient: p.kind === 'status_change' ? null : p.recipient, subject: p.subject, attempts: p.attempts,
        lastError: p.lastError, nextAttemptAt: p.failedAt ? null : p.nextAttemptAt, failedAt: p.failedAt,
      }));
    return { configured: this.mailer.configured, problems };
  }
}
