import type { Database, Statement } from 'better-sqlite3';

// The unit itself and every unit under it, following parent_id downwards.
const SUBTREE = `WITH RECURSIVE tree (id) AS (
    SELECT id FROM units WHERE id = ? UNION ALL SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id
  ) SELECT id FROM tree ORDER BY id`;

const statements = new WeakMap<Database, Statement<[string], string>>();
const cache = new WeakMap<Database, Map<string, readonly string[]>>();

/**
 * The ids of a unit and all units under it (empty for an unknown unit): the one definition of
 * "a staff member's scope" (DESIGN.md section 11), used by every staff check and query. Units
 * do not change while the server runs, so each answer is computed once per database.
 */
export function unitScope(db: Database, unitId: string): readonly string[] {
  let byUnit = cache.get(db);
  if (!byUnit) cache.set(db, (byUnit = new Map()));
  const known = byUnit.get(unitId);
  if (known) return known;
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = db.prepare(SUBTREE).pluck() as Statement<[string], string>));
  const ids = Object.freeze(statement.all(unitId));
  byUnit.set(unitId, ids);
  return ids;
}

/** True when `unitId` lies in the subtree of `scopeUnitId` (the unit itself included). */
export function inUnitScope(db: Database, scopeUnitId: string, unitId: string): boolean {
  return unitScope(db, scopeUnitId).includes(unitId);
}
