import { Type, type Static } from '@sinclair/typebox';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) in JSON; the XML format has the
 * same fields as elements. Field names are the spec's, snake_case, so existing clients work.
 */

/** `?jurisdiction_id=`: a unit id; scopes request lists to the unit's subtree. */
export const JurisdictionQuerySchema = Type.Object({
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 64, description: 'a unit id, e.g. kmp-olsztyn' })),
  /** Not in the spec: the language of service names and descriptions (pl, en, uk); default pl. */
  locale: Type.Optional(Type.String({ maxLength: 10 })),
});

export const Open311ServiceSchema = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.Literal('realtime'),
  keywords: Type.String(),
  group: Type.String(),
});
export type Open311Service = Static<typeof Open311ServiceSchema>;

export const Open311AttributeSchema = Type.Object({
  variable: Type.Boolean(),
  code: Type.String(),
  datatype: Type.Union(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'].map((d) => Type.Literal(d))),
  required: Type.Boolean(),
  datatype_description: Type.String(),
  order: Type.Integer(),
  description: Type.String(),
  values: Type.Optional(Type.Array(Type.Object({ key: Type.String(), name: Type.String() }))),
});
export type Open311Attribute = Static<typeof Open311AttributeSchema>;

export const Open311ServiceDefinitionSchema = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(Open311AttributeSchema),
});
export type Open311ServiceDefinition = Static<typeof Open311ServiceDefinitionSchema>;

export const Open311RequestsQuerySchema = Type.Object({
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 64 })),
  service_request_id: Type.Optional(Type.String({ maxLength: 2000, description: 'comma-separated ids; overrides the other filters' })),
  service_code: Type.Optional(Type.String({ maxLength: 1000, description: 'comma-separated category codes' })),
  start_date: Type.Optional(Type.String({ maxLength: 40, description: 'W3C date-time; with end_date at most 90 days apart' })),
  end_date: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 20, description: 'open, closed or open,closed' })),
  locale: Type.Optional(Type.String({ maxLength: 10 })),
});
export type Open311RequestsQuery = Static<typeof Open311RequestsQuerySchema>;

export const Open311RequestSchema = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Type.Optional(Type.String()),
  service_name: Type.String(),
  service_code: Type.String(),
  agency_responsible: Type.String(),
  requested_datetime: Type.String({ format: 'date-time' }),
  updated_datetime: Type.String({ format: 'date-time' }),
  lat: Type.Number(),
  long: Type.Number(),
});
export type Open311Request = Static<typeof Open311RequestSchema>;

export const Open311CreatedSchema = Type.Object({
  service_request_id: Type.String(),
  service_notice: Type.String(),
});
export type Open311Created = Static<typeof Open311CreatedSchema>;

export const Open311ErrorSchema = Type.Object({
  /** The HTTP status of the answer. */
  code: Type.Integer(),
  /** Our stable error code (common/errors.ts), a colon, and the message. */
  description: Type.String(),
});
export type Open311Error = Static<typeof Open311ErrorSchema>;

export const Open311DiscoverySchema = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(Type.Object({
    specification: Type.String(),
    url: Type.String(),
    changeset: Type.String(),
    type: Type.String(),
    formats: Type.Array(Type.String()),
  })),
});
export type Open311Discovery = Static<typeof Open311DiscoverySchema>;
