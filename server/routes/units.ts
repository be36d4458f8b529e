import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ApiPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { UnitDetailSchema, UnitIdSchema, UnitListSchema } from '../../common/schemas/unit.js';
import { ApiError } from '../http/api-error.js';
import { etagOnSend } from '../http/etag.js';

const UnitParamsSchema = Type.Object({ id: UnitIdSchema });

/** GET /api/v1/units and /api/v1/units/:id: the unit hierarchy and each unit's area. */
export default async function unitRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    ApiPath.units,
    { schema: { summary: 'The unit hierarchy (police units, without areas)', operationId: 'listUnits', response: { 200: UnitListSchema } }, onSend: etagOnSend },
    async () => ({ units: app.units.list() }),
  );

  app.get<{ Params: { id: string } }>(
    ApiPath.unit,
    {
      schema: { summary: 'One unit with its area (GeoJSON geometry and bbox)', operationId: 'getUnit', params: UnitParamsSchema, response: { 200: UnitDetailSchema, '4xx': ErrorBodySchema } },
      onSend: etagOnSend,
    },
    async (request) => {
      const unit = await app.units.find(request.params.id);
      if (!unit) throw new ApiError(404, ErrorCode.unitNotFound, `No unit has the id "${request.params.id}".`);
      return unit;
    },
  );
}
