import { Type, type Static } from '@sinclair/typebox';
import { CATEGORY_VISIBILITIES, DOMAINS } from '../catalogue.js';
import { UnitIdSchema } from './unit.js';

/** Stable category code (DESIGN.md section 4), e.g. `illegal_parking`. */
export const CategoryCodeSchema = Type.String({ pattern: '^[a-z][a-z_]{1,39}$', description: 'e.g. illegal_parking' });

/** One threat category of the national catalogue, as the report form needs it. */
export const CategorySchema = Type.Object(
  {
    code: CategoryCodeSchema,
    domain: Type.Union(DOMAINS.map((domain) => Type.Literal(domain))),
    /** The official Polish name and its English and Ukrainian translations. */
    names: Type.Object({ pl: Type.String(), en: Type.String(), uk: Type.String() }),
    /** When the public sees its reports: always, once confirmed, or never (statistics only). */
    visibility: Type.Union(CATEGORY_VISIBILITIES.map((visibility) => Type.Literal(visibility))),
  },
  { $id: 'Category' },
);
export type Category = Static<typeof CategorySchema>;

/** GET /api/v1/categories: the catalogue in its official order (DESIGN.md section 4). */
export const CategoryListSchema = Type.Object({ categories: Type.Array(CategorySchema) });
export type CategoryList = Static<typeof CategoryListSchema>;

/** `?unit=` narrows to the categories enabled in the unit's widget config (GET /api/v1/units/:id/widget-config). */
export const CategoryQuerySchema = Type.Object({ unit: Type.Optional(UnitIdSchema) });
export type CategoryQuery = Static<typeof CategoryQuerySchema>;
