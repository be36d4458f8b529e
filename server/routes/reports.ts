import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { REPORT_LIMITS } from '../../common/catalogue.js';
import { NewReportSchema, ReportCreatedSchema } from '../../common/schemas/report.js';
import { actorOf } from '../http/actor.js';
import { DeviceHeaderDoc } from '../http/documented-headers.js';
import { readSubmission } from '../http/read-submission.js';
import uploadsPlugin from '../plugins/uploads.js';
import { parseNewReport } from '../reports/new-report.js';
import { trackingUrl } from '../http/tracking-link.js';
import { contactRequestOf } from '../mail/report-contact.js';
import { assertUnitAccepts } from '../reports/unit-rules.js';
import { assertEmbeddingAllowed } from '../http/embedding.js';

/** The multipart form of a report, as read by readSubmission (documentation only). */
const MultipartReportDoc = Type.Object({
  report: Type.String({ contentMediaType: 'application/json', description: 'The report as JSON, the same object as the JSON body (NewReport)' }),
  photo: Type.Optional(Type.Array(Type.String({ format: 'binary', description: 'JPEG or PNG; re-encoded without metadata' }), {
    maxItems: REPORT_LIMITS.maxPhotos,
    description: `Up to ${REPORT_LIMITS.maxPhotos} files in \`photo\` parts, ${REPORT_LIMITS.photosMaxBytes / 1024 / 1024} MB in all`,
  })),
});

/**
 * POST /api/v1/reports: a citizen's report, as JSON or multipart with photos. The body has
 * no Fastify schema because a multipart body is only readable as a stream in the handler;
 * parseNewReport validates both forms the same way, with a code per field.
 */
export default async function reportRoutes(app: FastifyInstance): Promise<void> {
  // Multipart only here: its plugin adds an async onResponse hook (temporary file clean-up)
  // that every other route, the hot public map among them, would otherwise run too.
  await app.register(uploadsPlugin);
  app.post(
    ApiPath.reports,
    {
      schema: {
        summary: 'File a report (JSON, or multipart with up to 3 photos), under the daily rule',
        operationId: 'createReport',
        response: { 201: ReportCreatedSchema, '4xx': ErrorBodySchema },
        documented: { body: { 'application/json': NewReportSchema, 'multipart/form-data': MultipartReportDoc }, headers: DeviceHeaderDoc },
      },
      config: { rateLimit: {} },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Refuse a device that used its day before reading up to 5 MB of photos. A JSON body is
      // read already, and submit checks the rule in the same write: asking twice would cost
      // every report a second query of the daily log.
      if (request.isMultipart()) await app.reportDesk.precheck(actor);
      const { body, photos } = await readSubmission(request);
      const now = new Date();
      const report = parseNewReport(body, now);
      // The optional address for status updates: checked now, kept apart from the report.
      const contact = contactRequestOf(body);
      const unitId = app.reportDesk.unitAt(report.lon, report.lat).id;
      // A page outside the unit's allowed embedding origins may not file reports for it.
      assertEmbeddingAllowed(request, app.unitConfigs, unitId);
      // Nor may anyone file a category (or photos) the unit's widget config turns off.
      assertUnitAccepts(app.unitConfigs, unitId, report.category, photos.length);
      const created = await app.reportDesk.submit(report, photos, actor, now);
      request.log.info({ report: created.id, unit: created.unit.id, photos: photos.length }, 'report received');
      const tracking = trackingUrl(request, created.id, created.trackingToken);
      if (contact) await app.mailer.keepContactOf(created.id, { ...contact, trackingUrl: tracking }, now, request.log);
      return reply.code(201).send({ ...created, trackingUrl: tracking });
    },
  );
}
