import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { UnitParamsSchema } from '../../common/schemas/staff.js';
import { WidgetConfigSchema } from '../../common/schemas/widget-config.js';
import { ApiError } from '../http/api-error.js';
import { etagOnSendWith } from '../http/etag.js';

/**
 * Widget configs change rarely but must show at once: every use revalidates (a 304 of a few
 * bytes when nothing changed), so a config an admin saves reaches the next page load of every
 * embedded widget, without waiting out a max-age in browsers or proxies.
 */
export const WIDGET_CONFIG_CACHE_CONTROL = 'public, no-cache';

/**
 * GET /api/v1/units/:id/widget-config: the effective widget config the embedded widget applies
 * (own settings plus inherited ones, else the national defaults). Public and open to every
 * origin, so it leaves out the unit's embedding origins (see WidgetConfigSchema).
 */
export default async function unitConfigRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>(
    ApiPath.widgetConfig,
    {
      schema: {
        summary: 'The effective widget config of a unit (own settings, inherited ones, national defaults)',
        operationId: 'getWidgetConfig',
        params: UnitParamsSchema,
        response: { 200: WidgetConfigSchema, '4xx': ErrorBodySchema },
      },
      onSend: etagOnSendWith(WIDGET_CONFIG_CACHE_CONTROL),
    },
    async (request) => {
      const config = app.unitConfigs.widgetConfig(request.params.id);
      if (!config) throw new ApiError(404, ErrorCode.unitNotFound, `No unit has the id "${request.params.id}".`);
      return config;
    },
  );
}
