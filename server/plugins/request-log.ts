import fp from 'fastify-plugin';
import { REQUEST_ID_HEADER } from '../http/request-id.js';

/**
 * One log line per request, written when its answer has gone out: `reqId` (also sent back in
 * X-Request-Id, so a citizen's or an officer's screenshot of an error leads to its line), `req`
 * and `res` through the logger's serializers (method, url, statusCode; whatever they redact
 * stays redacted), `route` (the pattern, for grouping) and `responseTime` in ms. Fastify's own
 * pair of lines per request is turned off in app.ts. At debug level a line also says when a
 * request was read, to find requests that never finished.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      reply.header(REQUEST_ID_HEADER, request.id);
      request.log.debug('request received');
      done();
    });
    app.addHook('onResponse', (request, reply, done) => {
      request.log.info(
        { req: request, res: reply, route: request.routeOptions.url ?? null, responseTime: Math.round(reply.elapsedTime * 10) / 10 },
        'request completed',
      );
      done();
    });
  },
  { name: 'kmzb-request-log', fastify: '5.x' },
);
