import type { FastifyInstance } from 'fastify';
import type { Status } from '../../common/catalogue.js';

/**
 * Moves a report to `status` at `at` through the store port, without a staff member (as the
 * demo data's history is written), in a unit of its own: on either store.
 */
export function changeStatus(app: FastifyInstance, id: string, at: string, status: Status, publicNote?: string): Promise<void> {
  return app.store.unit((tx) => tx.reports.changeStatus(id, at, status, publicNote));
}
