import { Type, type Static } from '@sinclair/typebox';

/** [minLon, minLat, maxLon, maxLat] in WGS84, as RFC 7946 section 5 orders a bbox. */
export const BboxSchema = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
  $id: 'Bbox',
  description: '[minLon, minLat, maxLon, maxLat] (WGS84)',
});
export type Bbox = Static<typeof BboxSchema>;

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const LinearRing = Type.Array(Position, { minItems: 4 });

export const PolygonSchema = Type.Object({
  type: Type.Literal('Polygon'),
  coordinates: Type.Array(LinearRing),
});

export const MultiPolygonSchema = Type.Object({
  type: Type.Literal('MultiPolygon'),
  coordinates: Type.Array(Type.Array(LinearRing)),
});

/** An area geometry: a unit's territory is always a (Multi)Polygon in WGS84 lon/lat. */
export const AreaGeometrySchema = Type.Union([PolygonSchema, MultiPolygonSchema]);
export type AreaGeometry = Static<typeof AreaGeometrySchema>;
