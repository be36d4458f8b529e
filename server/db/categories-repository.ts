import type { Database, Statement } from 'better-sqlite3';
import type { CategoryVisibility } from '../../common/catalogue.js';
import type { Category } from '../../common/schemas/category.js';
import type { CategoriesStore } from '../store/categories.js';
import type { Sync } from '../store/sync.js';

interface CategoryRow {
  code: string;
  domain: Category['domain'];
  pl: string;
  en: string;
  uk: string;
  visibility: CategoryVisibility;
}

/** Reads the threat category catalogue (seeded by migration 003) for the store port. */
export class CategoriesRepository implements Sync<CategoriesStore> {
  private readonly catalogue: Statement<[], CategoryRow>;

  constructor(db: Database) {
    this.catalogue = db.prepare(
      `SELECT code, domain, name_pl AS pl, name_en AS en, name_uk AS uk, visibility FROM categories ORDER BY position`,
    );
  }

  /** The whole catalogue in its official order. */
  all(): Category[] {
    return this.catalogue.all().map(({ code, domain, pl, en, uk, visibility }) => ({ code, domain, names: { pl, en, uk }, visibility }));
  }
}
