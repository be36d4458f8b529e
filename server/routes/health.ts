import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorCode } from '../../common/errors.js';
import { RETRY_AFTER_SECONDS, storageFailureOf } from '../http/storage-errors.js';

const HealthSchema = Type.Object({ status: Type.Literal('ok') });
const DegradedSchema = Type.Object({
  status: Type.Literal('degraded'),
  /** Why: STORAGE_UNAVAILABLE (writes fail). */
  reason: Type.Literal(ErrorCode.storageUnavailable),
  /** The storage error the writes met, e.g. SQLITE_FULL. */
  detail: Type.String(),
  /** When writes started failing (ISO 8601). */
  since: Type.String(),
});

/**
 * GET /healthz for load balancer and container probes: 200 only when the database answers
 * and writes are not failing; 503 `degraded` with the reason while they fail (a full disk
 * still answers reads, so a read alone would say ok), back to 200 once a write succeeds.
 */
export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', {
    schema: { summary: 'Health probe: the database answers and writes succeed', operationId: 'getHealth', response: { 200: HealthSchema, 503: DegradedSchema } },
  }, async (_request, reply) => {
    try {
      await app.store.operations.ping();
    } catch (error) {
      const failure = storageFailureOf(error);
      if (!failure) throw error;
      app.storageHealth.failed(failure);
    }
    const degraded = app.storageHealth.degraded();
    if (degraded) {
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS.storage))
        .send({ status: 'degraded' as const, reason: ErrorCode.storageUnavailable, detail: degraded.code, since: degraded.since });
    }
    return { status: 'ok' as const };
  });
}
