import { ErrorCode } from '../../common/errors.js';
import { InvalidInputError, type ProductError } from '../../common/product-error.js';

/**
 * The HTTP status of each product code (the brackets in common/errors.ts). The domain throws
 * ProductError with a code only; this table is the one place a code becomes a status, and a
 * Record over every code makes a new code without a status a compile error.
 */
const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.invalidRequest]: 400,
  [ErrorCode.invalidCoordinates]: 400,
  [ErrorCode.outsidePoland]: 422,
  [ErrorCode.unitNotFound]: 404,
  [ErrorCode.routeNotFound]: 404,
  [ErrorCode.rateLimited]: 429,
  [ErrorCode.unknownCategory]: 422,
  [ErrorCode.unknownStatus]: 400,
  [ErrorCode.invalidBbox]: 400,
  [ErrorCode.invalidPeriod]: 400,
  [ErrorCode.descriptionTooLong]: 400,
  [ErrorCode.invalidEventTime]: 400,
  [ErrorCode.eventInFuture]: 422,
  [ErrorCode.invalidRecurrence]: 400,
  [ErrorCode.photoTypeNotAllowed]: 415,
  [ErrorCode.photosTooLarge]: 413,
  [ErrorCode.tooManyPhotos]: 400,
  [ErrorCode.photoUnreadable]: 422,
  [ErrorCode.invalidMultipart]: 400,
  [ErrorCode.deviceTokenRequired]: 400,
  [ErrorCode.reportLimitReached]: 429,
  [ErrorCode.reportNotFound]: 404,
  [ErrorCode.reportNotOpen]: 409,
  [ErrorCode.invalidCredentials]: 401,
  [ErrorCode.loginLocked]: 429,
  [ErrorCode.sessionRequired]: 401,
  [ErrorCode.csrfRejected]: 403,
  [ErrorCode.adminRequired]: 403,
  [ErrorCode.outOfScope]: 403,
  [ErrorCode.staleReport]: 409,
  [ErrorCode.transitionNotAllowed]: 409,
  [ErrorCode.reasonRequired]: 400,
  [ErrorCode.invalidDuplicate]: 409,
  [ErrorCode.invalidColor]: 400,
  [ErrorCode.invalidOrigin]: 400,
  [ErrorCode.originNotAllowed]: 403,
  [ErrorCode.staffNotFound]: 404,
  [ErrorCode.loginTaken]: 409,
  [ErrorCode.passwordTooShort]: 400,
  [ErrorCode.cannotDisableSelf]: 409,
  [ErrorCode.invalidGroupBy]: 400,
  [ErrorCode.crimeImportInvalid]: 422,
  [ErrorCode.csvTooLarge]: 413,
  [ErrorCode.outsideUnitArea]: 422,
  [ErrorCode.storageUnavailable]: 503,
  [ErrorCode.internal]: 500,
  [ErrorCode.categoryDisabled]: 422,
  [ErrorCode.photosDisabled]: 422,
  [ErrorCode.invalidEmail]: 400,
};

/** The status a product error is answered with: 400 for malformed input, else its code's. */
export function statusOf(error: ProductError): number {
  return error instanceof InvalidInputError ? 400 : STATUS[error.code];
}
