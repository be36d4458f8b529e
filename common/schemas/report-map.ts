import { Type, type Static } from '@sinclair/typebox';
import { BboxSchema } from './geojson.js';
import { ReportIdSchema, StatusSchema } from './report.js';

/**
 * GET /api/v1/reports: the public reports of a unit and every unit under it, for the map.
 * All filters are optional; lists are comma-separated. `since`/`until` are ISO 8601 times
 * (or dates) bounding `createdAt`. `zoom` is the web-map zoom level the answer is drawn at
 * (0-20); it sets the cluster grid when the answer is clustered.
 */
export const ReportMapQuerySchema = Type.Object({
  unit: Type.Optional(Type.String({ description: 'unit id; default pl' })),
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (WGS84)' })),
  zoom: Type.Optional(Type.Number({ minimum: 0, maximum: 24 })),
  categories: Type.Optional(Type.String({ description: 'comma list of category codes' })),
  statuses: Type.Optional(Type.String({ description: 'comma list of status ids' })),
  since: Type.Optional(Type.String()),
  until: Type.Optional(Type.String()),
});
export type ReportMapQuery = Static<typeof ReportMapQuerySchema>;

const PointSchema = Type.Object({
  type: Type.Literal('Point'),
  coordinates: Type.Tuple([Type.Number(), Type.Number()]),
});

/** The public fields of one report: never the description, photos or anything of the reporter. */
export const PublicReportPropertiesSchema = Type.Object({
  kind: Type.Literal('report'),
  id: ReportIdSchema,
  category: Type.String(),
  status: StatusSchema,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  confirmations: Type.Integer(),
  unit: Type.String(),
});
export type PublicReportProperties = Static<typeof PublicReportPropertiesSchema>;

export const ReportFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: ReportIdSchema,
  geometry: PointSchema,
  properties: PublicReportPropertiesSchema,
});
export type ReportFeature = Static<typeof ReportFeatureSchema>;

/** Several reports drawn as one marker: exact counts per status and per category, and their extent. */
export const ClusterPropertiesSchema = Type.Object({
  kind: Type.Literal('cluster'),
  count: Type.Integer(),
  statuses: Type.Record(Type.String(), Type.Integer()),
  categories: Type.Record(Type.String(), Type.Integer()),
  /** [minLon, minLat, maxLon, maxLat] of the reports in the cluster. */
  extent: BboxSchema,
});
export type ClusterProperties = Static<typeof ClusterPropertiesSchema>;

export const ClusterFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  geometry: PointSchema,
  properties: ClusterPropertiesSchema,
});
export type ClusterFeature = Static<typeof ClusterFeatureSchema>;

/**
 * An RFC 7946 FeatureCollection. `clustered` is true when the answer would have held more
 * than the point limit and is made of clusters instead (then every feature is a cluster);
 * `total` is the number of reports matched either way.
 */
export const ReportMapSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  clustered: Type.Boolean(),
  total: Type.Integer(),
  features: Type.Array(Type.Union([ReportFeatureSchema, ClusterFeatureSchema])),
});
export type ReportMap = Static<typeof ReportMapSchema>;
