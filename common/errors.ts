/**
 * Stable error codes of the API. The server sends them in every 4xx/5xx body (`code`);
 * the widget turns them into words in the user's language. Never rename a code: clients
 * depend on it. Plain constants (no TypeBox) so the widget may import them at run time.
 */
export const ErrorCode = {
  /** A query string, body or path parameter failed schema validation. */
  invalidRequest: 'INVALID_REQUEST',
  /** lon/lat missing, not numbers, or outside the WGS84 range. */
  invalidCoordinates: 'INVALID_COORDINATES',
  /** The point is farther than the snapping distance from every powiat of Poland. */
  outsidePoland: 'OUTSIDE_POLAND',
  /** No unit has the requested id. */
  unitNotFound: 'UNIT_NOT_FOUND',
  /** No route matches the method and path. */
  routeNotFound: 'ROUTE_NOT_FOUND',
  /** Too many requests in the rate-limit window. */
  rateLimited: 'RATE_LIMITED',
  /** Anything unexpected on the server; details are in the server log, never in the body. */
  internal: 'INTERNAL_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The body of every error response (same shape as Fastify's default, plus a stable `code`). */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
}
