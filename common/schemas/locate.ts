import { Type, type Static } from '@sinclair/typebox';
import { PowiatSchema, UnitRefSchema } from './unit.js';

export const LocateQuerySchema = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 longitude' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude' }),
});
export type LocateQuery = Static<typeof LocateQuerySchema>;

/** Which units are responsible for a point. */
export const LocateResultSchema = Type.Object({
  lon: Type.Number(),
  lat: Type.Number(),
  powiat: PowiatSchema,
  voivodeship: Type.Object({ teryt: Type.String(), name: Type.String() }),
  /** The responsible units, deepest first: county unit, voivodeship HQ, then `pl`. */
  units: Type.Array(UnitRefSchema),
  /**
   * 0 when the point lies inside the powiat; otherwise the distance in metres to it (at most
   * 2000): the shipped boundaries are simplified, so points near the border or the coast can
   * fall just outside every polygon and are given to the nearest one.
   */
  distance: Type.Number(),
});
export type LocateResult = Static<typeof LocateResultSchema>;
