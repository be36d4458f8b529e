import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../../common/errors.js';
import { ProductError } from '../../common/product-error.js';
import { ownOrigin, requestOrigin } from './origin.js';
import type { UnitConfigs } from '../staff/unit-config.js';

/**
 * The embedding rule for the report-writing routes (new report, confirmation): a request
 * that names a foreign Origin is accepted only when that origin is in the effective
 * allowedOrigins of the unit the report belongs to. A unit whose chain sets no origins
 * (the state of every unit until an admin sets some) accepts every origin, so the widget
 * works anywhere until a unit restricts it. Requests without Origin (curl, servers) and
 * same-origin requests are always accepted: CORS protects browsers' users, not the API.
 * Reads are never restricted. Also asked, without writing, by GET /api/v1/reports/allowance.
 */
export function isEmbeddingAllowed(request: FastifyRequest, configs: UnitConfigs, unitId: string): boolean {
  if (request.headers.origin === undefined) return true;
  const origin = requestOrigin(request);
  if (origin !== undefined && origin === ownOrigin(request)) return true;
  const allowed = configs.effective(unitId)?.allowedOrigins ?? null;
  return allowed === null || (origin !== undefined && allowed.includes(origin));
}

/** @throws ApiError 403 ORIGIN_NOT_ALLOWED when isEmbeddingAllowed says no. */
export function assertEmbeddingAllowed(request: FastifyRequest, configs: UnitConfigs, unitId: string): void {
  if (isEmbeddingAllowed(request, configs, unitId)) return;
  const origin = requestOrigin(request);
  throw new ProductError(ErrorCode.originNotAllowed, `Pages at ${origin ?? 'this origin'} may not send reports to unit ${unitId}.`);
}
