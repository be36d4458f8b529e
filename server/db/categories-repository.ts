import type { Database, Statement } from 'better-sqlite3';
import type { CategoryVisibility } from '../../common/catalogue.js';
import type { Category } from '../../common/schemas/category.js';

interface CategoryRow {
  code: string;
  domain: Category['domain'];
  pl: string;
  en: string;
  uk: string;
  visibility: CategoryVisibility;
}

/** Reads the threat category catalogue (seeded by migration 003). */
export class CategoriesRepository {
  private readonly all: Statement<[], CategoryRow>;
  private readonly one: Statement<[string], { visibility: CategoryVisibility }>;

  constructor(db: Database) {
    this.all = db.prepare(
      `SELECT code, domain, name_pl AS pl, name_en AS en, name_uk AS uk, visibility FROM categories ORDER BY position`,
    );
    this.one = db.prepare('SELECT visibility FROM categories WHERE code = ?');
  }

  /** The whole catalogue in its official order. */
  list(): Category[] {
    return this.all.all().map(({ code, domain, pl, en, uk, visibility }) => ({ code, domain, names: { pl, en, uk }, visibility }));
  }

  /** The public visibility rule of a category, or undefined when the code is unknown. */
  visibilityOf(code: string): CategoryVisibility | undefined {
    return this.one.get(code)?.visibility;
  }
}
