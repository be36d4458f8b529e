import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { pingDatabase } from '../db/open.js';

const HealthSchema = Type.Object({ status: Type.Literal('ok') });

/** GET /healthz for load balancer and container probes: 200 only when the database answers. */
export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { response: { 200: HealthSchema } } }, async () => {
    pingDatabase(app.db);
    return { status: 'ok' as const };
  });
}
