import type { Category } from '../../common/schemas/category.js';

/**
 * The categories part of the store port. The catalogue is seeded by the schema and never
 * changes while the server runs, so the domain reads it once at start
 * (server/catalogue/category-catalogue.ts).
 */
export interface CategoriesStore {
  /** The whole catalogue in its official order. */
  all(): Promise<Category[]>;
}
