import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { CategoryListSchema, CategoryQuerySchema, type CategoryQuery } from '../../common/schemas/category.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { ApiError } from '../http/api-error.js';
import { PUBLIC_CACHE_CONTROL, etagOnSendWith } from '../http/etag.js';
import { WIDGET_CONFIG_CACHE_CONTROL } from './unit-config.js';

const catalogueCache = etagOnSendWith(PUBLIC_CACHE_CONTROL);
// A unit's list follows its widget config, so it is revalidated like the config itself.
const unitCache = etagOnSendWith(WIDGET_CONFIG_CACHE_CONTROL);

/**
 * GET /api/v1/categories[?unit=]: the catalogue for the report form, ETag-cached. With `unit`,
 * only the categories enabled in that unit's effective widget config (the ones a report in
 * the unit may have), in the catalogue's order; without it, all of them.
 */
export default async function categoryRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: CategoryQuery }>(
    ApiPath.categories,
    {
      schema: {
        summary: 'The threat categories (all, or those enabled in a unit)',
        operationId: 'listCategories',
        querystring: CategoryQuerySchema,
        response: { 200: CategoryListSchema, '4xx': ErrorBodySchema },
      },
      onSend: (request, reply, payload) =>
        ((request.query as CategoryQuery).unit === undefined ? catalogueCache : unitCache)(request, reply, payload),
    },
    async (request) => {
      const { unit } = request.query;
      const categories = app.categories.list();
      if (unit === undefined) return { categories };
      const config = app.unitConfigs.effective(unit);
      if (!config) throw new ApiError(404, ErrorCode.unitNotFound, `No unit has the id "${unit}".`);
      return { categories: categories.filter((category) => config.enabledCategories.includes(category.code)) };
    },
  );
}
