import fp from 'fastify-plugin';
import { CrimeStatsRepository } from '../db/crime-stats-repository.js';
import { StatsRepository } from '../db/stats-repository.js';
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
    app.decorate('reportStats', new ReportStats({ stats: new StatsRepository(app.db), units: app.units, categories: app.categories }));
    app.decorate('crimeStats', new CrimeStatsService({ repository: new CrimeStatsRepository(app.db), units: app.units, audit: app.audit }));
  },
  { name: 'kmzb-stats', fastify: '5.x', dependencies: ['kmzb-db', 'kmzb-reports', 'kmzb-staff'] },
);
