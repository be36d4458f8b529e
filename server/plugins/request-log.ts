import fp from 'fastify-plugin';
import { REQUEST_ID_HEADER } from '../http/request-id.js';

/**
 * Every answer carries its request's id in X-Request-Id (404s and errors included), so a
 * citizen's or an officer's screenshot of an error leads to its log line (http/request-log.ts).
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      reply.header(REQUEST_ID_HEADER, request.id);
      done();
    });
  },
  { name: 'kmzb-request-log', fastify: '5.x' },
);
