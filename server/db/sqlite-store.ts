import type { Database } from 'better-sqlite3';
import type { CategoriesStore } from '../store/categories.js';
import type { Store } from '../store/store.js';
import type { UnitsStore } from '../store/units.js';
import { CategoriesRepository } from './categories-repository.js';
import { promised } from './promised.js';
import { UnitsRepository } from './units-repository.js';

/** The store port on one open SQLite database (the embedded default). */
export function sqliteStore(db: Database): Store {
  return {
    kind: 'sqlite',
    units: promised<UnitsStore>(new UnitsRepository(db)),
    categories: promised<CategoriesStore>(new CategoriesRepository(db)),
  };
}
