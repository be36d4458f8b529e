import type { ErrorCode } from './errors.js';

/**
 * An expected refusal of the product, named by its stable code (errors.ts): a report outside
 * Poland, a stale version, a closed report. The domain throws it without knowing about HTTP;
 * the HTTP edge (server/http/status-of.ts) gives each code its status, so the same rule answers
 * the same way on every route and store.
 */
export class ProductError extends Error {
  override name = 'ProductError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The input itself is malformed (a filter naming a category that does not exist, a setting
 * that is not a colour): a bad request whatever the code, where the same code for a well-formed
 * request that a rule refuses (a report in an unknown category) is a refusal.
 */
export class InvalidInputError extends ProductError {
  override name = 'InvalidInputError';
}
