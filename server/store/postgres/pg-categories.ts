import type { CategoryVisibility } from '../../../common/catalogue.js';
import type { Category } from '../../../common/schemas/category.js';
import type { CategoriesStore } from '../categories.js';
import { run, statement, type PgDb } from './pg-db.js';

interface CategoryRow {
  code: string;
  domain: Category['domain'];
  pl: string;
  en: string;
  uk: string;
  visibility: CategoryVisibility;
}

const CATALOGUE = statement('categories_all',
  'SELECT code, domain, name_pl AS pl, name_en AS en, name_uk AS uk, visibility FROM categories ORDER BY position');

/** The threat category catalogue (seeded by the baseline migration) for the store port. */
export class PgCategories implements CategoriesStore {
  constructor(private readonly db: PgDb) {}

  async all(): Promise<Category[]> {
    const { rows } = await run<CategoryRow>(this.db, CATALOGUE);
    return rows.map(({ code, domain, pl, en, uk, visibility }) => ({ code, domain, names: { pl, en, uk }, visibility }));
  }
}
