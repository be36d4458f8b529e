import { ApiPath, apiPath } from '../../../common/api.js';
import { ErrorCode } from '../../../common/errors.js';
import type { UnitDetail } from '../../../common/schemas/unit.js';

/**
 * Where the API lives when the page does not say: the server that served this script. The bundle
 * is served at `/widget/kmzb-map.js`, so '..' is the server root. Evaluated once, at load time,
 * because the classic build can only learn its own URL (document.currentScript) while it runs.
 */
export const DEFAULT_API_BASE = apiBaseFor(import.meta.url);

/**
 * The server root for a script at `scriptUrl`: '..' of it, or '../..' for the versioned copies
 * one level deeper at `/widget/v/` (the configurator's snippet, build/widget-versions.mjs).
 */
export function apiBaseFor(scriptUrl: string): string {
  return new URL(/\/widget\/v\/[^/]*$/.test(new URL(scriptUrl).pathname) ? '../..' : '..', scriptUrl).href;
}

/** Errors the client detects itself, next to the codes the API sends (common/errors.ts). */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

const apiCodes = new Set<string>(Object.values(ErrorCode));

/** A failed API call. `code` is stable and maps to an i18n message; `status` is 0 without a response. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    readonly status: number,
    message: string,
    /** REPORT_LIMIT_REACHED: when the device may report or confirm again. */
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Whether asking again soon may help: network trouble, server faults and the general rate limit;
   * not a 4xx (and not REPORT_LIMIT_REACHED, a 429 that lasts a day).
   */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.code === ErrorCode.rateLimited;
  }
}

/** The absolute API root for a base given by the page (absolute or relative), without a trailing slash. */
export function apiRoot(base: string | null | undefined): string {
  try {
    return new URL(base || DEFAULT_API_BASE, document.baseURI).href.replace(/\/+$/, '');
  } catch {
    // A malformed `api` attribute: forgiving, like every attribute.
    return DEFAULT_API_BASE.replace(/\/+$/, '');
  }
}

/**
 * Fetch a JSON resource (GET by default; `init` for a POST). A non-2xx answer becomes an ApiError
 * with the API's error code; an abort rejects with the AbortError untouched, so callers can tell
 * "cancelled" from "failed".
 */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError('NETWORK_ERROR', 0, String(error));
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && body !== undefined) return body as T;
  if (response.ok) throw new ApiError('BAD_RESPONSE', response.status, 'response is not JSON');
  throw apiErrorOf(response.status, body);
}

/**
 * The ApiError for a non-2xx answer and its parsed JSON body (undefined if none). Exported for
 * callers that read the body themselves because it carries more than the code (a CSV import's
 * per-line errors).
 */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const { code, message, retryAt } = (body ?? {}) as { code?: unknown; message?: unknown; retryAt?: unknown };
  if (typeof code === 'string' && apiCodes.has(code)) {
    const retry = typeof retryAt === 'string' && !Number.isNaN(Date.parse(retryAt)) ? new Date(retryAt) : undefined;
    return new ApiError(code as ErrorCode, status, String(message), retry);
  }
  // A proxy or gateway in front of the API answered (no error body of ours).
  const fallback = status >= 500 ? ErrorCode.internal : 'BAD_RESPONSE';
  return new ApiError(fallback, status, `HTTP ${status}`);
}

/** Any failure as an ApiError (an unexpected exception is a bad response). */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('BAD_RESPONSE', 0, String(error));
}

/** GET /api/v1/units/:id: the unit with its area. */
export function getUnit(base: string | undefined, id: string, signal?: AbortSignal): Promise<UnitDetail> {
  return requestJson<UnitDetail>(apiRoot(base) + apiPath(ApiPath.unit, { id }), { signal });
}
