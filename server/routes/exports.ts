import { createHash, randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { ExportQuerySchema, type ExportQuery } from '../../common/schemas/open-data.js';
import { isFresh } from '../http/etag.js';
import { errorBody } from '../plugins/errors.js';
import type { DocumentedResponse } from '../plugins/openapi.js';
import { csvFormat, geojsonFormat, type ExportFormat, type ExportNames } from '../open-data/export-format.js';
import { ExportSlots } from '../open-data/export-slots.js';
import { exportStream } from '../open-data/export-stream.js';
import { parsePeriod } from '../open-data/period.js';
import { publicScope } from '../open-data/scope.js';

/** The GeoJSON export's shape (open-data/export-format.ts writes it; documentation only). */
const ExportCollectionDoc = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Object({
    type: Type.Literal('Feature'),
    id: Type.String(),
    geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Tuple([Type.Number(), Type.Number()]) }),
    properties: Type.Object({
      id: Type.String(), category: Type.String(), categoryName: Type.String(), status: Type.String(),
      createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
      confirmations: Type.Integer(), unit: Type.String(), unitName: Type.String(),
    }),
  })),
});

/** Exports running at once; each holds a read connection and a snapshot until drained. */
export const MAX_CONCURRENT_EXPORTS = 4;
/** Seconds a refused client is told to wait: a county export takes seconds, a national one minutes. */
const RETRY_AFTER_SECONDS = 30;

/**
 * GET /api/v1/exports/reports.{csv,geojson}?unit=&since=&until=: the public reports of a unit
 * subtree created in a period, streamed row by row from SQLite to the socket (a national
 * export never sits in memory), with the map's public fields and visibility rule. At most
 * MAX_CONCURRENT_EXPORTS run at once; the next gets 429 RATE_LIMITED with Retry-After.
 */
export default async function exportRoutes(app: FastifyInstance): Promise<void> {
  const slots = new ExportSlots(MAX_CONCURRENT_EXPORTS);

  function names(): ExportNames {
    return {
      categories: new Map(app.categories.list().map((c) => [c.code, c.names.pl])),
      units: new Map(app.units.list().map((u) => [u.id, u.name])),
    };
  }


  /**
   * A weak ETag (the bytes are not hashed: the export is streamed) from the data version, the
   * hour (visibility rules look at the clock) and the query, so a client re-downloading an
   * unchanged export gets a 304 before any cursor or slot is taken.
   */
  async function exportEtag(request: FastifyRequest, format: ExportFormat): Promise<string> {
    const version = `${await app.store.dataVersion()}.${Math.floor(Date.now() / 3_600_000)}`;
    const question = createHash('sha256').update(`${format.extension}\n${request.url}`).digest('base64url').slice(0, 16);
    return `W/"${version}.${question}"`;
  }

  async function send(request: FastifyRequest, reply: FastifyReply, query: ExportQuery, format: ExportFormat): Promise<FastifyReply> {
    const unitId = query.unit ?? 'pl';
    const scope = publicScope(app.units, unitId);
    const period = parsePeriod(query.since, query.until);
    const etag = await exportEtag(request, format);
    reply.header('etag', etag).header('cache-control', 'public, max-age=60');
    if (isFresh(request, reply, etag)) return reply.code(304).send();
    const release = slots.take();
    if (!release) {
      return reply
        .code(429)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send(errorBody(429, ErrorCode.rateLimited, `${MAX_CONCURRENT_EXPORTS} exports are running; try again in ${RETRY_AFTER_SECONDS} seconds.`));
    }
    let stream;
    try {
      const cursor = await app.store.publicReports.openExport({ units: scope.units, categories: app.categories.list(), ...period, now: new Date() });
      stream = exportStream(cursor, format, names());
    } catch (error) {
      release();
      throw error;
    }
    // 'close' comes after the end, an error, or the client going away (Fastify destroys the stream).
    stream.once('close', release);
    const span = [query.since, query.until].filter((v) => v !== undefined).map((v) => v!.slice(0, 10)).join('_');
    const filename = `kmzb-reports-${unitId}${span ? `-${span}` : ''}.${format.extension}`;
    return reply
      .header('content-type', format.contentType)
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(stream);
  }

  /** Streams, so documented apart from the JSON errors (Fastify serialises neither). */
  const schema = (operationId: string, type: string, body: DocumentedResponse['content'][string]['schema'], description: string) => ({
    operationId,
    querystring: ExportQuerySchema,
    response: { '4xx': ErrorBodySchema },
    documented: { responses: { 200: { description, content: { [type]: { schema: body } } } } },
  });
  app.get<{ Querystring: ExportQuery }>(
    ApiPath.exportCsv,
    {
      schema: {
        ...schema('exportReportsCsv', 'text/csv', { type: 'string' }, 'CSV, one public report per row, with a header row; an attachment'),
        summary: 'Public reports as CSV (RFC 4180, UTF-8 with BOM unless bom=false), streamed',
      },
    },
    async (request, reply) => send(request, reply, request.query, csvFormat(request.query.bom ?? true)),
  );
  app.get<{ Querystring: ExportQuery }>(
    ApiPath.exportGeojson,
    {
      schema: {
        ...schema('exportReportsGeojson', 'application/geo+json', ExportCollectionDoc, 'A GeoJSON FeatureCollection of Point features, one per public report; an attachment'),
        summary: 'Public reports as a GeoJSON FeatureCollection, streamed',
      },
    },
    async (request, reply) => send(request, reply, request.query, geojsonFormat),
  );
}
