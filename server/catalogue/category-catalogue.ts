import type { CategoryVisibility } from '../../common/catalogue.js';
import type { Category } from '../../common/schemas/category.js';
import type { CategoriesStore } from '../store/categories.js';

/**
 * The threat category catalogue in memory (DESIGN.md section 4). It is part of the schema and
 * does not change while the server runs, so every request reads it here, not from the store.
 */
export class CategoryCatalogue {
  readonly #list: readonly Category[];
  readonly #byCode: ReadonlyMap<string, Category>;

  static async load(store: CategoriesStore): Promise<CategoryCatalogue> {
    return new CategoryCatalogue(await store.all());
  }

  constructor(categories: readonly Category[]) {
    this.#list = categories;
    this.#byCode = new Map(categories.map((category) => [category.code, category]));
  }

  /** The whole catalogue in its official order (a fresh array: callers may sort or filter it). */
  list(): Category[] {
    return this.#list.map((category) => ({ ...category, names: { ...category.names } }));
  }

  /** The public visibility rule of a category, or undefined when the code is unknown. */
  visibilityOf(code: string): CategoryVisibility | undefined {
    return this.#byCode.get(code)?.visibility;
  }
}
