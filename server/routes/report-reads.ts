import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import {
  NearbyQuerySchema,
  NearbyReportsSchema,
  ReportParamsSchema,
  ReportQuerySchema,
  ReportViewSchema,
  type NearbyQuery,
  type ReportParams,
  type ReportQuery,
} from '../../common/schemas/report.js';
import { ApiError } from '../http/api-error.js';

/** GET /api/v1/reports/nearby (the duplicate offer) and GET /api/v1/reports/:id (tracking). */
export default async function reportReadRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: NearbyQuery }>(
    ApiPath.reportsNearby,
    {
      schema: { querystring: NearbyQuerySchema, response: { 200: NearbyReportsSchema, '4xx': ErrorBodySchema } },
    },
    async (request, reply) => {
      const { lon, lat, category } = request.query;
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
        throw new ApiError(400, ErrorCode.invalidCoordinates, 'lon and lat must be finite numbers.');
      }
      // Fresh on every call: a report filed a minute ago must be offered.
      reply.header('cache-control', 'no-store');
      return { reports: app.reportDesk.nearby(lon, lat, category) };
    },
  );

  app.get<{ Params: ReportParams; Querystring: ReportQuery }>(
    ApiPath.report,
    {
      schema: {
        params: ReportParamsSchema,
        querystring: ReportQuerySchema,
        response: { 200: ReportViewSchema, '4xx': ErrorBodySchema },
      },
    },
    async (request, reply) => {
      // The token is a secret in the URL: keep the answer out of shared caches.
      reply.header('cache-control', 'private, no-store');
      return app.reportDesk.view(request.params.id, request.query.token);
    },
  );
}
