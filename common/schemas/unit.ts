import { Type, type Static } from '@sinclair/typebox';
import { AreaGeometrySchema, BboxSchema } from './geojson.js';

/** Level of a unit in the police hierarchy (DESIGN.md glossary: "unit"). */
export const UnitKindSchema = Type.Union(
  [Type.Literal('national'), Type.Literal('voivodeship'), Type.Literal('county'), Type.Literal('station')],
  { description: 'national (KGP) > voivodeship (KWP, KSP) > county (KMP, KPP, KRP) > station (KP, PP)' },
);
export type UnitKind = Static<typeof UnitKindSchema>;

/** The police's own abbreviation of the unit's type of office. */
export const UnitAcronymSchema = Type.Union([
  Type.Literal('KGP'),
  Type.Literal('KWP'),
  Type.Literal('KSP'),
  Type.Literal('KMP'),
  Type.Literal('KPP'),
  Type.Literal('KRP'),
  Type.Literal('KP'),
  Type.Literal('PP'),
]);
export type UnitAcronym = Static<typeof UnitAcronymSchema>;

export const UnitIdSchema = Type.String({ pattern: '^[a-z0-9-]{1,64}$', description: 'unit slug, e.g. kmp-olsztyn' });

/** A unit as listed by GET /api/v1/units. */
export const UnitSummarySchema = Type.Object(
  {
    id: Type.String(),
    kind: UnitKindSchema,
    acronym: UnitAcronymSchema,
    name: Type.String({ description: 'full Polish name, e.g. Komenda Miejska Policji w Olsztynie' }),
    shortName: Type.String({ description: 'e.g. KMP w Olsztynie' }),
    seat: Type.String({ description: 'town of the headquarters' }),
    parent: Type.Union([Type.String(), Type.Null()]),
    children: Type.Array(Type.String()),
    bbox: BboxSchema,
  },
  { $id: 'UnitSummary' },
);
export type UnitSummary = Static<typeof UnitSummarySchema>;

export const UnitListSchema = Type.Object({ units: Type.Array(UnitSummarySchema) });
export type UnitList = Static<typeof UnitListSchema>;

/** A unit reference: enough to name it and link to it. */
export const UnitRefSchema = Type.Object({
  id: Type.String(),
  kind: UnitKindSchema,
  name: Type.String(),
  shortName: Type.String(),
});
export type UnitRef = Static<typeof UnitRefSchema>;

/** A powiat (county) of the TERYT register. */
export const PowiatSchema = Type.Object({
  teryt: Type.String({ pattern: '^[0-9]{4}$' }),
  name: Type.String({ description: 'as in PRG, e.g. "powiat olsztyński", "powiat Olsztyn"' }),
});
export type Powiat = Static<typeof PowiatSchema>;

/** The area of a unit as an RFC 7946 Feature. */
export const UnitAreaSchema = Type.Object({
  type: Type.Literal('Feature'),
  properties: Type.Object({ unit: Type.String() }),
  geometry: AreaGeometrySchema,
});
export type UnitArea = Static<typeof UnitAreaSchema>;

/** One unit as served by GET /api/v1/units/:id. */
export const UnitDetailSchema = Type.Composite([
  UnitSummarySchema,
  Type.Object({
    /** Powiats whose union is the area (empty only for a station drawn by hand). */
    powiats: Type.Array(PowiatSchema),
    area: UnitAreaSchema,
    /** Chain of parents, the direct parent first and `pl` last; empty for `pl`. */
    parents: Type.Array(UnitRefSchema),
  }),
]);
export type UnitDetail = Static<typeof UnitDetailSchema>;
