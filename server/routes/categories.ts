import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { CategoryListSchema, CategoryQuerySchema, type CategoryQuery } from '../../common/schemas/category.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { ApiError } from '../http/api-error.js';
import { etagOnSend } from '../http/etag.js';

/**
 * GET /api/v1/categories[?unit=]: the catalogue for the report form, ETag-cached. Every
 * unit offers all 24 for now; `unit` is validated so that per-unit narrowing (the widget
 * configurator) can come later without changing the contract.
 */
export default async function categoryRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: CategoryQuery }>(
    ApiPath.categories,
    {
      schema: { querystring: CategoryQuerySchema, response: { 200: CategoryListSchema, '4xx': ErrorBodySchema } },
      onSend: etagOnSend,
    },
    async (request) => {
      const { unit } = request.query;
      if (unit !== undefined && !app.units.ref(unit)) {
        throw new ApiError(404, ErrorCode.unitNotFound, `No unit has the id "${unit}".`);
      }
      return { categories: app.categories.list() };
    },
  );
}
