import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { StaffPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import {
  BulkStatusChangeSchema, BulkStatusResultSchema, type BulkStatusChange,
  DuplicateOfSchema, PhotoParamsSchema, QueueQuerySchema, QueueSchema, ReportChangedSchema, StaffNewReportSchema,
  StaffReportCreatedSchema, StaffReportParamsSchema, StaffReportSchema, StatusChangeSchema,
  type DuplicateOf, type QueueQuery, type StaffNewReport, type StatusChange,
} from '../../common/schemas/staff.js';
import { staffOf } from '../http/staff.js';
import { enterReport } from '../staff/report-entry.js';

type Id = { id: string };

/** The queue, a report in full with photos, status changes, duplicates and staff-entered reports. */
export default async function staffReportRoutes(app: FastifyInstance): Promise<void> {
  const errors = { '4xx': ErrorBodySchema };

  app.get<{ Querystring: QueueQuery }>(
    StaffPath.reports,
    { schema: { summary: "The report queue of the caller's units", operationId: 'listStaffReports', querystring: QueueQuerySchema, response: { 200: QueueSchema, ...errors } } },
    async (request) => app.reportWork.queue(staffOf(request), request.query),
  );

  app.post<{ Body: StaffNewReport }>(
    StaffPath.reports,
    { schema: { summary: 'File a report on behalf of a citizen (phone, desk)', operationId: 'createStaffReport', body: StaffNewReportSchema, response: { 201: StaffReportCreatedSchema, ...errors } } },
    async (request, reply) => {
      const deps = { store: app.store, categories: app.categories, reportDesk: app.reportDesk, audit: app.audit };
      return reply.code(201).send(await enterReport(deps, staffOf(request), request.body));
    },
  );

  app.get<{ Params: Id }>(
    StaffPath.report,
    { schema: { summary: 'One report with everything staff may see', operationId: 'getStaffReport', params: StaffReportParamsSchema, response: { 200: StaffReportSchema, ...errors } } },
    async (request) => app.reportWork.detail(staffOf(request), request.params.id),
  );

  app.get<{ Params: Id & { n: number } }>(
    StaffPath.reportPhoto,
    { schema: { summary: 'A photo of a report (JPEG or PNG)', operationId: 'getStaffReportPhoto', params: PhotoParamsSchema, response: { 200: Type.Any(), ...errors } } },
    async (request, reply) => {
      const photo = await app.reportWork.photo(staffOf(request), request.params.id, request.params.n);
      // The type comes from the sniffed content at upload; nosniff keeps browsers to it.
      return reply.type(photo.mime).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(photo.bytes);
    },
  );

  app.post<{ Params: Id; Body: StatusChange }>(
    StaffPath.reportStatus,
    { schema: { summary: 'Change the status of a report, with an optional public note', operationId: 'changeReportStatus', params: StaffReportParamsSchema, body: StatusChangeSchema, response: { 200: ReportChangedSchema, ...errors } } },
    async (request) => app.reportWork.changeStatus(staffOf(request), request.params.id, request.body),
  );

  app.post<{ Body: BulkStatusChange }>(
    StaffPath.reportsBulkStatus,
    { schema: { summary: 'Change the status of several reports with one note, each audited', operationId: 'changeStaffReportStatuses', body: BulkStatusChangeSchema, response: { 200: BulkStatusResultSchema, ...errors } } },
    async (request) => app.reportWork.changeStatuses(staffOf(request), request.body),
  );

  app.post<{ Params: Id; Body: DuplicateOf }>(
    StaffPath.reportDuplicateOf,
    { schema: { summary: 'Mark a report as a duplicate of another', operationId: 'markReportDuplicate', params: StaffReportParamsSchema, body: DuplicateOfSchema, response: { 200: ReportChangedSchema, ...errors } } },
    async (request) => {
      const { original, version, publicNote } = request.body;
      return app.reportWork.linkDuplicate(staffOf(request), request.params.id, original, version, publicNote);
    },
  );
}
