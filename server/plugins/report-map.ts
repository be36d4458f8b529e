import fp from 'fastify-plugin';
import { ReportMapRepository } from '../db/report-map-repository.js';
import { ReportMapService, type ReportMapOptions } from '../reports/report-map.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The public map of reports (GET /api/v1/reports), with its answer cache. */
    reportMap: ReportMapService;
  }
}

/** Wires the public report map onto the app. */
export default fp<ReportMapOptions>(
  async (app, options) => {
    const map = new ReportMapRepository(app.db);
    app.decorate('reportMap', new ReportMapService({ map, categories: app.categories }, options));
  },
  { name: 'kmzb-report-map', fastify: '5.x', dependencies: ['kmzb-db', 'kmzb-reports'] },
);
