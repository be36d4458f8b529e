import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { ExportQuerySchema, type ExportQuery } from '../../common/schemas/open-data.js';
import { openExportCursor } from '../db/public-reports-repository.js';
import { ApiError } from '../http/api-error.js';
import { csvFormat, geojsonFormat, type ExportFormat, type ExportNames } from '../open-data/export-format.js';
import { exportStream } from '../open-data/export-stream.js';
import { parsePeriod } from '../open-data/period.js';
import { publicScope } from '../open-data/scope.js';

/** Exports running at once; each holds a read connection and a snapshot until drained. */
const MAX_CONCURRENT_EXPORTS = 4;

/**
 * GET /api/v1/exports/reports.{csv,geojson}?unit=&since=&until=: the public reports of a unit
 * subtree created in a period, streamed row by row from SQLite to the socket (a national
 * export never sits in memory), with the map's public fields and visibility rule.
 */
export default async function exportRoutes(app: FastifyInstance): Promise<void> {
  let running = 0;
  const dbFile = app.db.name;

  function names(): ExportNames {
    return {
      categories: new Map(app.categories.list().map((c) => [c.code, c.names.pl])),
      units: new Map(app.units.list().map((u) => [u.id, u.name])),
    };
  }

  function send(reply: FastifyReply, query: ExportQuery, format: ExportFormat): FastifyReply {
    const unitId = query.unit ?? 'pl';
    const scope = publicScope(app.db, app.units, unitId);
    const period = parsePeriod(query.since, query.until);
    if (running >= MAX_CONCURRENT_EXPORTS) {
      throw new ApiError(429, ErrorCode.rateLimited, `${MAX_CONCURRENT_EXPORTS} exports are running; try again in a minute.`);
    }
    const cursor = openExportCursor(dbFile, { units: scope.units, categories: app.categories.list(), ...period, now: new Date() });
    running++;
    const stream = exportStream(cursor, format, names());
    stream.once('close', () => running--);
    const span = [query.since, query.until].filter((v) => v !== undefined).map((v) => v!.slice(0, 10)).join('_');
    const filename = `kmzb-reports-${unitId}${span ? `-${span}` : ''}.${format.extension}`;
    return reply
      .header('content-type', format.contentType)
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'public, max-age=60')
      .send(stream);
  }

  const schema = {
    querystring: ExportQuerySchema,
    response: { '4xx': ErrorBodySchema },
    produces: ['text/csv', 'application/geo+json'],
  };
  app.get<{ Querystring: ExportQuery }>(
    ApiPath.exportCsv,
    { schema: { ...schema, summary: 'Public reports as CSV (RFC 4180, UTF-8 with BOM unless bom=false), streamed' } },
    async (request, reply) => send(reply, request.query, csvFormat(request.query.bom ?? true)),
  );
  app.get<{ Querystring: ExportQuery }>(
    ApiPath.exportGeojson,
    { schema: { ...schema, summary: 'Public reports as a GeoJSON FeatureCollection, streamed' } },
    async (request, reply) => send(reply, request.query, geojsonFormat),
  );
}
