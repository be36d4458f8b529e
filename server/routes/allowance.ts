import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { AllowanceQuerySchema, ReportAllowanceSchema, type AllowanceQuery } from '../../common/schemas/allowance.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { actorOf } from '../http/actor.js';
import { DeviceHeaderDoc } from '../http/documented-headers.js';
import { ApiError } from '../http/api-error.js';
import { isEmbeddingAllowed } from '../http/embedding.js';

/**
 * GET /api/v1/reports/allowance?unit=: asked by the widget when the citizen opens the report
 * form, so a refusal (the daily rule, a page not allowed to send) comes before any typing.
 * Needs the device header like the POSTs; not throttled like them (it writes nothing), and
 * never cached: the answer is about this device now.
 */
export default async function allowanceRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AllowanceQuery }>(
    ApiPath.reportAllowance,
    {
      schema: {
        summary: 'May this device, network and page report (or confirm) now, and if not why and until when',
        operationId: 'getReportAllowance',
        querystring: AllowanceQuerySchema,
        response: { 200: ReportAllowanceSchema, '4xx': ErrorBodySchema },
        documented: { headers: DeviceHeaderDoc },
      },
      // Before validation, so refusals of a bad query are not stored either (a 404 may be, by default).
      onRequest: (_request, reply, done) => {
        reply.header('cache-control', 'no-store');
        done();
      },
    },
    async (request) => {
      const unitId = request.query.unit ?? 'pl';
      const config = app.unitConfigs.effective(unitId);
      if (!config) throw new ApiError(404, ErrorCode.unitNotFound, `No unit has the id "${unitId}".`);
      return app.reportDesk.allowance(actorOf(request), {
        unitId,
        originAllowed: isEmbeddingAllowed(request, app.unitConfigs, unitId),
        anyCategory: config.enabledCategories.length > 0,
      });
    },
  );
}
