import { Type, type Static } from '@sinclair/typebox';
import { UnitIdSchema } from './unit.js';

const Instant = Type.String({ maxLength: 40, description: 'ISO 8601 date or date-time with a zone; a bare date is the whole UTC day' });

/** GET /api/v1/exports/reports.{csv,geojson}: a unit's public reports created in a period. */
export const ExportQuerySchema = Type.Object({
  /** The unit and everything under it; default `pl`. */
  unit: Type.Optional(UnitIdSchema),
  since: Type.Optional(Instant),
  until: Type.Optional(Instant),
  bom: Type.Optional(Type.Boolean({ default: true, description: 'CSV only: start with a UTF-8 byte order mark (for Excel)' })),
});
export type ExportQuery = Static<typeof ExportQuerySchema>;

/** GET /api/v1/feeds/:unit/{new,confirmed}.atom. */
export const FeedParamsSchema = Type.Object({ unit: UnitIdSchema });
export type FeedParams = Static<typeof FeedParamsSchema>;
