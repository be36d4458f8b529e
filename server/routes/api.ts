import type { FastifyInstance } from 'fastify';
import locateRoutes from './locate.js';
import unitRoutes from './units.js';

/**
 * The public JSON API. Its data is public and the widget runs on police sites of other
 * origins, so every response here (errors too, so the widget can read their codes) allows
 * any origin. The hook is scoped to this plugin: /healthz and later staff routes stay closed.
 */
export default async function apiRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    return payload;
  });
  await app.register(unitRoutes);
  await app.register(locateRoutes);
}
