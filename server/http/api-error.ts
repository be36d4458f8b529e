import type { ErrorCode } from '../../common/errors.js';

/**
 * An expected failure with an HTTP status and a stable code (common/errors.ts). Routes throw
 * it; the error handler turns it into the ErrorBody, with this message.
 */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
