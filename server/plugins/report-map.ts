import fp from 'fastify-plugin';
import { MapCellsRepository } from '../db/map-cells-repository.js';
import { ReportMapRepository } from '../db/report-map-repository.js';
import { MapWorkers } from '../reports/map-workers.js';
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
 * Wires the public report map onto the app. Uncached answers are built in worker threads
 * with their own read-only connections (a file database is needed for that: an in-memory
 * one is answered in the main thread).
 */
export default fp<ReportMapOptions>(
  async (app, options) => {
    const map = new ReportMapRepository(app.db);
    const workers = options.workers > 0 && !app.db.memory ? new MapWorkers(app.db.name, options.workers) : undefined;
    if (workers) app.addHook('onClose', () => workers.close());
    const cells = new MapCellsRepository(app.db);
    // Windowed statuses leave map_cells as their windows close: a minute's worth at a time.
    cells.sweep(new Date());
    const sweeper = setInterval(() => {
      try {
        cells.sweep(new Date());
      } catch (error) {
        app.log.warn({ err: error }, 'sweeping the map aggregate failed (the next minute tries again)');
      }
    }, SWEEP_MS).unref();
    app.addHook('onClose', () => clearInterval(sweeper));
    const service = new ReportMapService({ map, cells, categories: app.categories, builder: workers && ((job) => workers.run(job)) }, options);
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
