import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { EffectiveUnitConfigSchema, UnitParamsSchema } from '../../common/schemas/staff.js';
import { ApiError } from '../http/api-error.js';
import { REPORTS_CACHE_CONTROL, etagOnSendWith } from '../http/etag.js';

/**
 * GET /api/v1/units/:id/config: the effective widget config the public widget applies. An
 * admin's change should reach embedded widgets within a minute, so the short cache of the
 * report answers (max-age=30, then a cheap ETag revalidation) fits better than the units' 5 min.
 */
export default async function unitConfigRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>(
    ApiPath.unitConfig,
    {
      schema: { params: UnitParamsSchema, response: { 200: EffectiveUnitConfigSchema, '4xx': ErrorBodySchema } },
      onSend: etagOnSendWith(REPORTS_CACHE_CONTROL),
    },
    async (request) => {
      const config = app.unitConfigs.effective(request.params.id);
      if (!config) throw new ApiError(404, ErrorCode.unitNotFound, `No unit has the id "${request.params.id}".`);
      return config;
    },
  );
}
