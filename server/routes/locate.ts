import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { LocateQuerySchema, LocateResultSchema, type LocateQuery, type LocateResult } from '../../common/schemas/locate.js';
import { ApiError } from '../http/api-error.js';
import { SNAP_DISTANCE_METRES } from '../geo/locator.js';

/** GET /api/v1/locate?lon=&lat=: which powiat and which units are responsible for a point. */
export default async function locateRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: LocateQuery }>(
    ApiPath.locate,
    {
      schema: {
        summary: 'The powiat and the police units responsible for a point',
        operationId: 'locatePoint',
        querystring: LocateQuerySchema,
        response: { 200: LocateResultSchema, '4xx': ErrorBodySchema },
      },
      config: { validationErrorCode: ErrorCode.invalidCoordinates },
    },
    async (request): Promise<LocateResult> => {
      const { lon, lat } = request.query;
      // Ajv coerces "Infinity" to a number and then skips minimum/maximum for non-finite values.
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
        throw new ApiError(400, ErrorCode.invalidCoordinates, 'lon and lat must be finite numbers.');
      }
      const hit = app.locator.locate(lon, lat);
      if (!hit) {
        throw new ApiError(422, ErrorCode.outsidePoland, `The point ${lon}, ${lat} is more than ${SNAP_DISTANCE_METRES} m from Poland.`);
      }
      const powiat = app.powiats.find(hit.teryt);
      const units = app.units.responsibleFor(hit.teryt);
      // The locator is built from the same powiats table, so a miss here is a data bug: a 500.
      if (!powiat || units.length === 0) throw new Error(`Powiat ${hit.teryt} has no record or no county unit`);
      return {
        lon,
        lat,
        powiat: { teryt: powiat.teryt, name: powiat.name },
        voivodeship: powiat.voivodeship,
        units,
        // Whole metres, rounded up so that a snapped point never reads as inside (0).
        distance: Math.ceil(hit.distance),
      };
    },
  );
}
