import { ErrorCode } from '../../common/errors.js';
import { ProductError } from '../../common/product-error.js';
import type { UnitConfigs } from '../staff/unit-config.js';

/**
 * The widget config of the unit a citizen's report belongs to, enforced on the server: the
 * category must be enabled there (CATEGORY_DISABLED) and photos allowed when some are sent
 * (PHOTOS_DISABLED). Applies to new reports from the widget and Open311; confirmations of
 * existing reports are not affected, and staff entering reports from debates or contacts may
 * record any category. An unknown category is left to the report desk's UNKNOWN_CATEGORY.
 *
 * @throws ProductError CATEGORY_DISABLED or PHOTOS_DISABLED (Open311 answers them as 400, the
 *   status its spec gives to a request the server will not accept).
 */
export function assertUnitAccepts(configs: UnitConfigs, unitId: string, category: string, photos: number): void {
  if (configs.categoryState(unitId, category) === 'disabled') {
    throw new ProductError(ErrorCode.categoryDisabled, `Unit ${unitId} does not take reports in the category "${category}".`);
  }
  if (photos > 0 && configs.effective(unitId)?.photosEnabled === false) {
    throw new ProductError(ErrorCode.photosDisabled, `Unit ${unitId} does not take photos with reports.`);
  }
}
