import type { FastifyInstance } from 'fastify';
import { StaffPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { AuditPageSchema, AuditQuerySchema, type AuditQuery } from '../../common/schemas/staff.js';
import { staffOf } from '../http/staff.js';
import { requireAdmin } from '../staff/scope.js';

/** GET /api/v1/staff/audit?page=&staff=&report=&action=: the audit log of an admin's subtree, newest first. */
export default async function staffAuditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AuditQuery }>(
    StaffPath.audit,
    { schema: { summary: 'The audit log, newest first, a page at a time', operationId: 'listAuditEntries', querystring: AuditQuerySchema, response: { 200: AuditPageSchema, '4xx': ErrorBodySchema } } },
    async (request) => {
      const staff = staffOf(request);
      requireAdmin(staff);
      const { page, staff: staffId, report, action } = request.query;
      return app.audit.page(staff, page ?? 1, { staffId, reportId: report?.toUpperCase(), action });
    },
  );
}
