import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiPath, TRACKING_TOKEN_HEADER } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import {
  NearbyQuerySchema,
  NearbyReportsSchema,
  ReportParamsSchema,
  ReportQuerySchema,
  ReportViewSchema,
  TrackingTokenSchema,
  type NearbyQuery,
  type ReportParams,
  type ReportQuery,
} from '../../common/schemas/report.js';
import { ApiError } from '../http/api-error.js';
import { TrackingTokenHeaderDoc } from '../http/documented-headers.js';
import { REPORTS_CACHE_CONTROL, etagOnSendWith } from '../http/etag.js';

/** GET /api/v1/reports/nearby (the duplicate offer) and GET /api/v1/reports/:id (tracking). */
export default async function reportReadRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: NearbyQuery }>(
    ApiPath.reportsNearby,
    {
      schema: {
        summary: 'Open reports of a category within 250 m of a point (the duplicate offer)',
        operationId: 'listNearbyReports',
        querystring: NearbyQuerySchema,
        response: { 200: NearbyReportsSchema, '4xx': ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { lon, lat, category } = request.query;
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
        throw new ApiError(400, ErrorCode.invalidCoordinates, 'lon and lat must be finite numbers.');
      }
      // Fresh on every call: a report filed a minute ago must be offered.
      reply.header('cache-control', 'no-store');
      return { reports: await app.reportDesk.nearby(lon, lat, category) };
    },
  );

  app.get<{ Params: ReportParams; Querystring: ReportQuery }>(
    ApiPath.report,
    {
      schema: {
        summary: 'One report: public, or the reporter\'s view with the tracking token',
        operationId: 'getReport',
        params: ReportParamsSchema,
        querystring: ReportQuerySchema,
        response: { 200: ReportViewSchema, '4xx': ErrorBodySchema },
        documented: { headers: TrackingTokenHeaderDoc },
      },
      // Without a token the answer is public: ETag and a short shared cache, like the map.
      onSend: etagOnSendWith(REPORTS_CACHE_CONTROL, (request) => trackingTokenOf(request) !== undefined),
    },
    async (request, reply) => {
      const token = trackingTokenOf(request);
      const view = await app.reportDesk.view(request.params.id, token);
      if (token === undefined) {
        const changed = view.history.reduce((max, h) => (h.at > max ? h.at : max), view.updatedAt);
        reply.header('last-modified', new Date(changed).toUTCString());
      } else {
        // The token is a secret in the URL: keep the answer out of shared caches.
        reply.header('cache-control', 'private, no-store');
      }
      return view;
    },
  );
}

const TRACKING_TOKEN = new RegExp(TrackingTokenSchema.pattern!);

/**
 * The tracking token of a report read: the KMZB-Tracking-Token header (what the widget sends:
 * headers stay out of access logs) or the `?token=` query (links from before the header).
 *
 * @throws ApiError 400 INVALID_REQUEST for a malformed header (the query is checked by its schema).
 */
function trackingTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers[TRACKING_TOKEN_HEADER.toLowerCase()];
  if (header === undefined) return (request.query as ReportQuery).token;
  if (typeof header !== 'string' || !TRACKING_TOKEN.test(header)) {
    throw new ApiError(400, ErrorCode.invalidRequest, `The ${TRACKING_TOKEN_HEADER} header must hold the 43-character tracking token.`);
  }
  return header;
}
