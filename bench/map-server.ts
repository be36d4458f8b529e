/**
 * The public map alone over HTTP on any store, for comparing the stores (bench/reports-read
 * --store): the app's own route (server/routes/report-map.ts) and ReportMapService with its
 * defaults, on a bare Fastify, the same for both stores. (The whole app cannot run on
 * PostgreSQL yet; its other plugins cost the same per request on either store.)
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { CategoryCatalogue } from '../server/catalogue/category-catalogue.js';
import { DEFAULT_REPORT_MAP_OPTIONS, ReportMapService } from '../server/reports/report-map.js';
import reportMapRoutes from '../server/routes/report-map.js';
import type { Store } from '../server/store/store.js';

export async function mapServer(store: Store): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const builder = store.reportMap.builder(DEFAULT_REPORT_MAP_OPTIONS.workers);
  app.addHook('onClose', () => builder.close());
  await store.reportMap.sweep(new Date());
  const categories = await CategoryCatalogue.load(store.categories);
  app.decorate('reportMap', new ReportMapService({ map: store.reportMap, categories, builder: (job) => builder.build(job) }, DEFAULT_REPORT_MAP_OPTIONS));
  await app.register(reportMapRoutes);
  return app;
}
