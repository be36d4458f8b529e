import type { FastifyInstance } from 'fastify';
import { API_PREFIX, STAFF_PREFIX } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { ApiError } from '../http/api-error.js';
import { EXPOSED_HEADERS, sendPreflight } from '../http/preflight.js';
import allowanceRoutes from './allowance.js';
import categoryRoutes from './categories.js';
import confirmationRoutes from './confirmations.js';
import crimeStatsRoutes from './crime-stats.js';
import exportRoutes from './exports.js';
import feedRoutes from './feeds.js';
import locateRoutes from './locate.js';
import reportMapRoutes from './report-map.js';
import reportReadRoutes from './report-reads.js';
import reportRoutes from './reports.js';
import statsRoutes from './stats.js';
import unitConfigRoutes from './unit-config.js';
import unitRoutes from './units.js';

/**
 * The public JSON API. Its data is public and the widget runs on police sites of other
 * origins, so every response here (errors too, so the widget can read their codes) allows
 * any origin. The hook is scoped to this plugin: /healthz and later staff routes stay closed.
 * No cookies or credentials are involved, so `*` is safe.
 */
export default async function apiRoutes(app: FastifyInstance): Promise<void> {
  // A callback hook, not an async one: it runs on every public answer, and an async hook
  // costs a promise and a microtask turn per request (measured on the cached county map).
  app.addHook('onSend', (request, reply, payload, done) => {
    // The wildcard preflight below also matches staff paths, which stay same-origin only.
    if (!request.url.startsWith(`${STAFF_PREFIX}/`)) {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    }
    done(null, payload);
  });
  // CORS preflight: a cross-origin POST with JSON and the device header asks first.
  app.options(`${API_PREFIX}/*`, async (request, reply) => {
    if (request.url.startsWith(`${STAFF_PREFIX}/`)) {
      throw new ApiError(404, ErrorCode.routeNotFound, 'The staff API takes no cross-origin requests.');
    }
    return sendPreflight(reply);
  });
  await app.register(unitRoutes);
  await app.register(unitConfigRoutes);
  await app.register(locateRoutes);
  await app.register(categoryRoutes);
  await app.register(reportRoutes);
  await app.register(reportMapRoutes);
  await app.register(allowanceRoutes);
  await app.register(reportReadRoutes);
  await app.register(confirmationRoutes);
  await app.register(statsRoutes);
  await app.register(crimeStatsRoutes);
  await app.register(exportRoutes);
  await app.register(feedRoutes);
}
