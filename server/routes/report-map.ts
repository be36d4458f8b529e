import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { ReportMapQuerySchema, ReportMapSchema, type ReportMapQuery } from '../../common/schemas/report-map.js';
import { REPORTS_CACHE_CONTROL, notModifiedOr } from '../http/etag.js';

/** GET /api/v1/reports: the public map of a unit's reports (GeoJSON points or clusters). */
export default async function reportMapRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: ReportMapQuery }>(
    ApiPath.reportMap,
    {
      schema: { querystring: ReportMapQuerySchema, response: { 200: ReportMapSchema, '4xx': ErrorBodySchema } },
    },
    async (request, reply) => {
      const answer = app.reportMap.answer(request.query);
      if (answer.lastModified) reply.header('last-modified', answer.lastModified);
      // The body is already serialised (and cached so); a string skips the response serializer.
      const payload = notModifiedOr(request, reply, answer.body, answer.etag, REPORTS_CACHE_CONTROL);
      return reply.type('application/json; charset=utf-8').send(payload);
    },
  );
}
