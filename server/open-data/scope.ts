import { ErrorCode } from '../../common/errors.js';
import type { UnitRef } from '../../common/schemas/unit.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { ProductError } from '../../common/product-error.js';

/** A unit and the ids its public data covers: undefined for the national unit (no filter). */
export interface PublicScope {
  unit: UnitRef;
  units: readonly string[] | undefined;
}

/**
 * The unit subtree public data of `unitId` covers (UnitDirectory.scope, the same definition staff
 * scopes use).
 *
 * @throws ProductError UNIT_NOT_FOUND (404 at the edge, see http/status-of.ts).
 */
export function publicScope(units: UnitDirectory, unitId: string): PublicScope {
  const unit = units.ref(unitId);
  if (!unit) throw new ProductError(ErrorCode.unitNotFound, `No unit has the id "${unitId}".`);
  return { unit, units: unit.kind === 'national' ? undefined : units.scope(unitId) };
}
