import type { ErrorCode } from '../../common/errors.js';
import { ProductError } from '../../common/product-error.js';

/**
 * A refusal of the HTTP edge itself, with its status chosen here (a multipart body too large,
 * an unknown route, Open311's 400 for what the JSON API answers 422). The domain throws
 * ProductError instead and server/http/status-of.ts gives it its status.
 */
export class ApiError extends ProductError {
  override name = 'ApiError';

  constructor(
    readonly statusCode: number,
    code: ErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}
