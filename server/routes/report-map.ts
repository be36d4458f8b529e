import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { ReportMapQuerySchema, ReportMapSchema, type ReportMapQuery } from '../../common/schemas/report-map.js';
import { REPORTS_CACHE_CONTROL, notModifiedOr } from '../http/etag.js';

const GZIP = /\bgzip\b/;

/** GET /api/v1/reports: the public map of a unit's reports (GeoJSON points or clusters). */
export default async function reportMapRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: ReportMapQuery }>(
    ApiPath.reportMap,
    {
      schema: { querystring: ReportMapQuerySchema, response: { 200: ReportMapSchema, '4xx': ErrorBodySchema } },
    },
    async (request, reply) => {
      const answer = await app.reportMap.answer(request.query);
      if (answer.lastModified) reply.header('last-modified', answer.lastModified);
      reply.header('vary', 'Accept-Encoding');
      reply.type('application/json; charset=utf-8');
      // Answers are serialised and gzipped once when cached: a county's few hundred points are
      // ~80 KB of JSON but ~10 KB gzipped. Each encoding is its own representation and ETag.
      // A Buffer or a string skips the response serializer: the body is already JSON.
      if (GZIP.test(request.headers['accept-encoding'] ?? '')) {
        reply.header('content-encoding', 'gzip');
        const payload = notModifiedOr(request, reply, '', answer.gzipEtag, REPORTS_CACHE_CONTROL);
        return reply.statusCode === 304 ? reply.removeHeader('content-encoding').send(payload) : reply.send(answer.gzip);
      }
      return reply.send(notModifiedOr(request, reply, answer.body, answer.etag, REPORTS_CACHE_CONTROL));
    },
  );
}
