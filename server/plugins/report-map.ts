import fp from 'fastify-plugin';
import { ReportMapService, type ReportMapOptions } from '../reports/report-map.js';

/** How often the windowed statuses' cut moves on (answers correct for the time since). */
const SWEEP_MS = 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** The public map of reports (GET /api/v1/reports), with its answer cache. */
    reportMap: ReportMapService;
  }
}

/**
 * Wires the public report map onto the app, on the store's map part (app.store.reportMap).
 * Uncached answers are built where the store builds them best: on SQLite in worker threads
 * with their own read-only connections (a file database is needed for that: an in-memory
 * one is answered in the main thread), on PostgreSQL by the database server.
 */
export default fp<ReportMapOptions>(
  async (app, options) => {
    const map = app.store.reportMap;
    const builder = map.builder(options.workers);
    app.addHook('onClose', () => builder.close());
    // Windowed statuses leave the map's aggregate as their windows close: a minute's worth at a time.
    await map.sweep(new Date());
    const sweeper = setInterval(() => {
      map.sweep(new Date()).catch((error: unknown) => {
        app.log.warn({ err: error }, 'sweeping the map aggregate failed (the next minute tries again)');
      });
    }, SWEEP_MS).unref();
    app.addHook('onClose', () => clearInterval(sweeper));
    const service = new ReportMapService({ map, categories: app.categories, builder: (job) => builder.build(job) }, options);
    app.decorate('reportMap', service);
    if (options.warmNational) {
      app.addHook('onReady', async () => {
        // Not awaited: start-up does not wait for it, and a failure only means a cold first visit.
        service.warm().catch((error: unknown) => app.log.warn({ err: error }, 'warming the national map failed'));
      });
    }
  },
  { name: 'kmzb-report-map', fastify: '5.x', dependencies: ['kmzb-db', 'kmzb-reports'] },
);
