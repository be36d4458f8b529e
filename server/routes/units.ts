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
    { schema: { response: { 200: UnitListSchema } }, onSend: etagOnSend },
    async () => ({ units: app.units.list() }),
  );

  app.get<{ Params: { id: string } }>(
    ApiPath.unit,
    { schema: { params: UnitParamsSchema, response: { 200: UnitDetailSchema, '4xx': ErrorBodySchema } }, onSend: etagOnSend },
    async (request) => {
      const unit = app.units.find(request.params.id);
      if (!unit) throw new ApiError(404, ErrorCode.unitNotFound, `No unit has the id "${request.params.id}".`);
      return unit;
    },
  );
}
