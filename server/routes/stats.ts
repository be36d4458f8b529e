import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { StatsQuerySchema, StatsSchema, type StatsQuery } from '../../common/schemas/stats.js';
import { etagOnSendWith } from '../http/etag.js';

/** Statistics move with every report: a minute of caching, then a cheap ETag revalidation. */
export const STATS_CACHE_CONTROL = 'public, max-age=60';

/** GET /api/v1/stats: report statistics of a unit's subtree for a period (Stats). */
export default async function statsRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: StatsQuery }>(
    ApiPath.stats,
    {
      schema: {
        summary: 'Report statistics of a unit and its subtree for a period',
        operationId: 'getStats',
        querystring: StatsQuerySchema,
        response: { 200: StatsSchema, '4xx': ErrorBodySchema },
      },
      onSend: etagOnSendWith(STATS_CACHE_CONTROL),
    },
    async (request) => app.reportStats.answer(request.query),
  );
}
