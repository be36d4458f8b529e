import type { Database } from 'better-sqlite3';
import { ErrorCode } from '../../common/errors.js';
import type { UnitRef } from '../../common/schemas/unit.js';
import { unitScope } from '../db/unit-scope.js';
import type { UnitsRepository } from '../db/units-repository.js';
import { ProductError } from '../../common/product-error.js';

/** A unit and the ids its public data covers: undefined for the national unit (no filter). */
export interface PublicScope {
  unit: UnitRef;
  units: readonly string[] | undefined;
}

/**
 * The unit subtree public data of `unitId` covers (unit-scope.ts, the same definition staff
 * scopes use).
 *
 * @throws ProductError UNIT_NOT_FOUND (404 at the edge, see http/status-of.ts).
 */
export function publicScope(db: Database, units: UnitsRepository, unitId: string): PublicScope {
  const unit = units.ref(unitId);
  if (!unit) throw new ProductError(ErrorCode.unitNotFound, `No unit has the id "${unitId}".`);
  return { unit, units: unit.kind === 'national' ? undefined : unitScope(db, unitId) };
}
