import type { CategoriesStore } from './categories.js';
import type { UnitsStore } from './units.js';

/**
 * The store port: what the product keeps, behind interfaces two adapters implement, SQLite
 * (server/db, the embedded default) and PostgreSQL with PostGIS (server/store/postgres). The
 * domain depends on these interfaces, never on a driver (server/test/layers.test.ts).
 * Methods are asynchronous because a network database is; the SQLite adapter answers at once.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly units: UnitsStore;
  readonly categories: CategoriesStore;
}
