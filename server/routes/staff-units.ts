import type { FastifyInstance } from 'fastify';
import { StaffPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { StaffUnitConfigSchema, UnitConfigFieldsSchema, UnitParamsSchema, type UnitConfigInput } from '../../common/schemas/staff.js';
import { staffOf } from '../http/staff.js';

/** GET/PUT /api/v1/staff/units/:id/config: a unit's widget config, for admins of its subtree. */
export default async function staffUnitRoutes(app: FastifyInstance): Promise<void> {
  const response = { 200: StaffUnitConfigSchema, '4xx': ErrorBodySchema };
  app.get<{ Params: { id: string } }>(
    StaffPath.unitConfig,
    { schema: { summary: 'The widget config of a unit as staff edit it (own and inherited settings)', operationId: 'getUnitConfig', params: UnitParamsSchema, response } },
    async (request) => app.unitConfigs.forStaff(staffOf(request), request.params.id),
  );
  app.put<{ Params: { id: string }; Body: UnitConfigInput }>(
    StaffPath.unitConfig,
    { schema: { summary: 'Save the widget config of a unit', operationId: 'putUnitConfig', params: UnitParamsSchema, body: UnitConfigFieldsSchema, response } },
    async (request) => app.unitConfigs.save(staffOf(request), request.params.id, request.body),
  );
}
