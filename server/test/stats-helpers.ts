import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Source, Status } from '../../common/catalogue.js';
import { newReportId } from '../reports/ids.js';

/** Inserts a report through the store (status and history via changeStatus); returns its id. */
export async function insertReport(
  app: FastifyInstance,
  fields: { unitId: string; category: string; createdAt: string; source?: Source; steps?: { at: string; status: Status }[] },
): Promise<string> {
  const id = newReportId();
  await app.store.unit(async (tx) => {
    await tx.reports.insert({
      id, unitId: fields.unitId, category: fields.category, lon: 20.48, lat: 53.77, trackingHash: randomBytes(32),
      createdAt: fields.createdAt, source: fields.source ?? 'citizen',
  });
    for (const step of fields.steps ?? []) await tx.reports.changeStatus(id, step.at, step.status);
  });
  return id;
}
