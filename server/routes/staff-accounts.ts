import type { FastifyInstance } from 'fastify';
import { StaffPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import {
  NewStaffAccountSchema, StaffAccountListSchema, StaffAccountParamsSchema, StaffAccountPatchSchema, StaffAccountSchema,
  type NewStaffAccount, type StaffAccountPatch,
} from '../../common/schemas/staff.js';
import { staffOf } from '../http/staff.js';

/** Staff accounts of an admin's subtree: list, create, change (role, name, unit, disable, password). */
export default async function staffAccountRoutes(app: FastifyInstance): Promise<void> {
  const errors = { '4xx': ErrorBodySchema };
  app.get(
    StaffPath.accounts,
    { schema: { summary: 'Staff accounts the caller may manage', operationId: 'listStaffAccounts', response: { 200: StaffAccountListSchema, ...errors } } },
    async (request) => ({ accounts: await app.staffAccounts.list(staffOf(request)) }),
  );
  app.post<{ Body: NewStaffAccount }>(
    StaffPath.accounts,
    { schema: { summary: 'Create a staff account', operationId: 'createStaffAccount', body: NewStaffAccountSchema, response: { 201: StaffAccountSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await app.staffAccounts.create(staffOf(request), request.body)),
  );
  app.patch<{ Params: { id: string }; Body: StaffAccountPatch }>(
    StaffPath.account,
    { schema: { summary: 'Change a staff account (role, unit, active, password)', operationId: 'updateStaffAccount', params: StaffAccountParamsSchema, body: StaffAccountPatchSchema, response: { 200: StaffAccountSchema, ...errors } } },
    async (request) => app.staffAccounts.update(staffOf(request), request.params.id, request.body),
  );
}
