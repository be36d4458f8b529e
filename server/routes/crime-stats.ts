import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { CrimeStatsQuerySchema, CrimeStatsSchema, type CrimeStatsQuery } from '../../common/schemas/crime-stats.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { PUBLIC_CACHE_CONTROL, etagOnSendWith } from '../http/etag.js';

/** GET /api/v1/crime-stats: police crime statistics per powiat of a unit (CrimeStats). Imported monthly, so cached longer. */
export default async function crimeStatsRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: CrimeStatsQuery }>(
    ApiPath.crimeStats,
    {
      schema: {
        summary: 'Police crime statistics per powiat of a unit, by month',
        operationId: 'getCrimeStats',
        querystring: CrimeStatsQuerySchema,
        response: { 200: CrimeStatsSchema, '4xx': ErrorBodySchema },
      },
      onSend: etagOnSendWith(PUBLIC_CACHE_CONTROL),
    },
    async (request) => app.crimeStats.read(request.query),
  );
}
