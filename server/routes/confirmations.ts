import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { ConfirmationCreatedSchema, ReportParamsSchema, type ReportParams } from '../../common/schemas/report.js';
import { actorOf } from '../http/actor.js';
import { DeviceHeaderDoc } from '../http/documented-headers.js';
import { assertEmbeddingAllowed } from '../http/embedding.js';

/** POST /api/v1/reports/:id/confirmations: "I see it too", under the daily rule. */
export default async function confirmationRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: ReportParams }>(
    ApiPath.reportConfirmations,
    {
      schema: {
        summary: 'Confirm a report ("I see it too"), under the daily rule; no body',
        operationId: 'confirmReport',
        params: ReportParamsSchema,
        response: { 201: ConfirmationCreatedSchema, '4xx': ErrorBodySchema },
        documented: { headers: DeviceHeaderDoc },
      },
      config: { rateLimit: {} },
    },
    async (request, reply) => {
      const unitId = (await app.store.reports.find(request.params.id))?.unitId;
      // An unknown report falls through to the desk's 404.
      if (unitId !== undefined) assertEmbeddingAllowed(request, app.unitConfigs, unitId);
      const created = await app.reportDesk.confirm(request.params.id, actorOf(request));
      return reply.code(201).send(created);
    },
  );
}
