import fp from 'fastify-plugin';
import { randomBytes } from 'node:crypto';
import { StaffAccounts } from '../staff/accounts.js';
import { Audit } from '../staff/audit.js';
import { StaffAuth } from '../staff/auth.js';
import { LoginThrottle, type LoginLimits } from '../staff/login-throttle.js';
import { ReportWork } from '../staff/report-work.js';
import type { StaffPrincipal } from '../staff/scope.js';
import { Sessions } from '../staff/sessions.js';
import { UnitConfigs } from '../staff/unit-config.js';

declare module 'fastify' {
  interface FastifyInstance {
    staffAuth: StaffAuth;
    reportWork: ReportWork;
    unitConfigs: UnitConfigs;
    staffAccounts: StaffAccounts;
    audit: Audit;
  }
  interface FastifyRequest {
    /** The logged-in staff member on staff routes (set by the session check), else null. */
    staff: StaffPrincipal | null;
  }
}

export interface StaffPluginOptions {
  loginLimits: LoginLimits;
}

/** Wires staff accounts, sessions, login throttling, the queue, unit configs and the audit log. */
export default fp<StaffPluginOptions>(
  async (app, { loginLimits }) => {
    const root = app.units.list().find((unit) => unit.parent === null)?.id ?? 'pl';
    const audit = new Audit(app.store.audit);
    const sessions = new Sessions(app.store.staffSessions);
    const throttle = new LoginThrottle(await app.store.secrets.stored('staff-login', () => randomBytes(32)), loginLimits);
    app.decorateRequest('staff', null);
    app.decorate('audit', audit);
    app.decorate('staffAuth', new StaffAuth({ store: app.store, sessions, throttle, audit, units: app.units, rootUnitId: root }));
    app.decorate('staffAccounts', new StaffAccounts(app.store, sessions, audit));
    app.decorate('unitConfigs', await UnitConfigs.load(app.store, app.units, app.categories, audit));
    app.decorate(
      'reportWork',
      new ReportWork({
        store: app.store, units: app.units, audit,
        locator: app.locator, powiats: app.powiats, mailer: app.mailer,
      }),
    );
  },
  { name: 'kmzb-staff', fastify: '5.x', dependencies: ['kmzb-db', 'kmzb-reports', 'kmzb-locator', 'kmzb-mail'] },
);
