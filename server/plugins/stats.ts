import fp from 'fastify-plugin';
import { CrimeStatsService } from '../stats/crime-stats.js';
import { ReportStats } from '../stats/report-stats.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** GET /api/v1/stats answers, from the maintained aggregate (migration 015). */
    reportStats: ReportStats;
    /** Police crime statistics: import (admins) and reading per powiat. */
    crimeStats: CrimeStatsService;
  }
}

/** Wires the statistics of reports and the police crime statistics. */
export default fp(
  async (app) => {
    app.decorate('reportStats', new ReportStats({ stats: app.store.stats, units: app.units, categories: app.categories }));
    app.decorate('crimeStats', new CrimeStatsService({ store: app.store, units: app.units, audit: app.audit }));
  },
  { name: 'kmzb-stats', fastify: '5.x', dependencies: ['kmzb-db', 'kmzb-reports', 'kmzb-staff'] },
);
