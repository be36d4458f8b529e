import { randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import { DailyKeys } from '../reports/daily-keys.js';
import { DailyRule, type DailyLimits } from '../reports/daily-rule.js';
import { ReportDesk } from '../reports/report-desk.js';
import { CategoryCatalogue } from '../catalogue/category-catalogue.js';

declare module 'fastify' {
  interface FastifyInstance {
    categories: CategoryCatalogue;
    /** The citizen report workflow (routing, daily rule, confirmations, tracking). */
    reportDesk: ReportDesk;
  }
}

export interface ReportsPluginOptions {
  limits: DailyLimits;
  /**
   * Secret behind the daily-rule hash keys. Without one, a random secret is generated on
   * the first start and kept in the database, so hashes survive restarts.
   */
  secret?: string | undefined;
}

/** Wires the report repositories, the daily rule and the report desk onto the app. */
export default fp<ReportsPluginOptions>(
  async (app, { limits, secret }) => {
    const key = secret ? Buffer.from(secret, 'utf8') : await app.store.secrets.stored('daily-rule', () => randomBytes(32));
    const categories = await CategoryCatalogue.load(app.store.categories);
    const rule = new DailyRule(new DailyKeys(key), limits);
    app.decorate('categories', categories);
    // Runs before the db plugin's onClose (hooks run in reverse order): the last batch commits first.
    app.addHook('onClose', () => app.store.drain());
    app.decorate(
      'reportDesk',
      new ReportDesk({ store: app.store, categories, units: app.units, locator: app.locator, rule }),
    );
  },
  { name: 'kmzb-reports', fastify: '5.x', dependencies: ['kmzb-db', 'kmzb-locator'] },
);
