import type { FastifyInstance } from 'fastify';
import { StaffPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { CrimeImportErrorBodySchema, CrimeImportQuerySchema, CrimeImportResultSchema, type CrimeImportQuery } from '../../common/schemas/crime-stats.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { CRIME_IMPORT_LIMITS } from '../../common/stats.js';
import { ApiError } from '../http/api-error.js';
import { staffOf } from '../http/staff.js';
import { errorBody } from '../plugins/errors.js';
import { CrimeImportError } from '../stats/crime-stats.js';

const tooLarge = () => new ApiError(413, ErrorCode.csvTooLarge, `The file is larger than ${CRIME_IMPORT_LIMITS.maxBytes / 1024 / 1024} MB.`);

/**
 * POST /api/v1/staff/crime-stats/import?dryRun=: an admin's CSV of police crime statistics
 * (body text/csv, or text/plain). The body is read as bytes up to the limit (CSV_TOO_LARGE
 * beyond it) and decoded by the importer, which reports bad UTF-8 as a line error. A refusal
 * lists at most 100 problems and counts the rest (`moreErrors`), so its answer stays small.
 */
export default async function staffCrimeImportRoutes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(['text/csv', 'text/plain'], (request, payload, done) => {
    if (Number(request.headers['content-length'] ?? 0) > CRIME_IMPORT_LIMITS.maxBytes) return done(tooLarge(), undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > CRIME_IMPORT_LIMITS.maxBytes && !failed) {
        failed = true;
        payload.removeAllListeners('data');
        payload.resume();
        done(tooLarge(), undefined);
        return;
      }
      if (!failed) chunks.push(chunk);
    });
    payload.on('end', () => {
      if (!failed) done(null, Buffer.concat(chunks));
    });
    payload.on('error', (error) => {
      if (!failed) done(error, undefined);
    });
  });
  app.post<{ Querystring: CrimeImportQuery; Body: Buffer }>(
    StaffPath.crimeStatsImport,
    {
      schema: {
        summary: 'Import monthly police crime statistics from a CSV file (dryRun: check only)',
        operationId: 'importCrimeStats',
        documented: { body: { 'text/csv': { type: 'string', description: 'The police CSV export, UTF-8 (see README: crime statistics)' } } },
        querystring: CrimeImportQuerySchema,
        response: { 200: CrimeImportResultSchema, 422: CrimeImportErrorBodySchema, '4xx': ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        return await app.crimeStats.import(staffOf(request), body, request.query.dryRun ?? false);
      } catch (error) {
        if (!(error instanceof CrimeImportError)) throw error;
        return reply.code(422).send({ ...errorBody(422, error.code, error.message), errors: error.errors, moreErrors: error.moreErrors });
      }
    },
  );
}
