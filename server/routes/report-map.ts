import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { ReportMapQuerySchema, ReportMapSchema, type ReportMapQuery } from '../../common/schemas/report-map.js';
import { chooseEncoding } from '../http/content-encoding.js';
import { REPORTS_CACHE_CONTROL, notModifiedOr } from '../http/etag.js';
import { GEOJSON_TYPE, prefersGeoJson } from '../http/geojson-type.js';

/** GET /api/v1/reports: the public map of a unit's reports (GeoJSON points or clusters). */
export default async function reportMapRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: ReportMapQuery }>(
    ApiPath.reportMap,
    {
      schema: {
        summary: 'The public map: public reports of a unit and its subtree as GeoJSON points or clusters',
        operationId: 'getReportMap',
        querystring: ReportMapQuerySchema,
        response: { 200: ReportMapSchema, '4xx': ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const answer = await app.reportMap.answer(request.query);
      if (answer.lastModified) reply.header('last-modified', answer.lastModified);
      // The same FeatureCollection as application/geo+json to a client that asks for it (RFC
      // 7946), as application/json to everyone else: another representation, so its own ETag.
      const geo = prefersGeoJson(request.headers.accept);
      reply.header('vary', 'Accept-Encoding, Accept');
      reply.type(geo ? GEOJSON_TYPE : 'application/json; charset=utf-8');
      // Answers are serialised and compressed once when cached: a county's few hundred points
      // are ~75 KB of JSON, ~10 KB gzipped, ~8 KB in brotli (popular answers only). Each
      // encoding is its own representation with its own ETag. A Buffer or a string skips the
      // response serializer: the body is already JSON.
      const encoding = chooseEncoding(request.headers['accept-encoding'], answer.br !== undefined);
      const [body, etag] = encoding === 'identity' ? [answer.body, answer.etag]
        : encoding === 'br' ? [answer.br!, answer.brEtag!] : [answer.gzip, answer.gzipEtag];
      notModifiedOr(request, reply, '', geo ? `${etag.slice(0, -1)}-geo"` : etag, REPORTS_CACHE_CONTROL);
      // A 304 has no body, so no content type either (an empty string would get text/plain).
      if (reply.statusCode === 304) return reply.send();
      return encoding === 'identity' ? reply.send(body) : reply.header('content-encoding', encoding).send(body);
    },
  );
}
