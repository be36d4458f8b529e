import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorCode, type ErrorBody } from '../../common/errors.js';
import { ApiError } from '../http/api-error.js';
import { LimitReachedError } from '../reports/daily-rule.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The code a schema validation failure of this route gets (default INVALID_REQUEST), so
     * that, for example, bad lon/lat become INVALID_COORDINATES, which the widget explains.
     */
    validationErrorCode?: ErrorCode;
  }
}

/**
 * Gives every error response the ErrorBody shape with a stable code: validation failures
 * are 400s, unknown routes 404 ROUTE_NOT_FOUND, and anything unexpected a 500 whose body
 * says nothing about internals (the details go to the log). A daily-rule refusal adds
 * `retryAt` to the body and a Retry-After header.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
      const body = toErrorBody(error, request);
      if (body.statusCode >= 500) request.log.error({ err: error }, 'unexpected error');
      if (error instanceof LimitReachedError) {
        // Whole seconds, rounded up, so a client that waits exactly that long is accepted.
        const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000));
        reply.header('retry-after', String(seconds));
        return reply.code(429).send({ ...body, retryAt: error.retryAt.toISOString() });
      }
      return reply.code(body.statusCode).send(body);
    });

    app.setNotFoundHandler((request, reply) => {
      return reply
        .code(404)
        .send(errorBody(404, ErrorCode.routeNotFound, `No route for ${request.method} ${request.url}`));
    });
  },
  { name: 'kmzb-errors', fastify: '5.x' },
);

export function toErrorBody(error: FastifyError | ApiError, request: FastifyRequest): ErrorBody {
  if (error instanceof ApiError) return errorBody(error.statusCode, error.code, error.message);
  if ('validation' in error && error.validation) {
    const code = request.routeOptions.config.validationErrorCode ?? ErrorCode.invalidRequest;
    return errorBody(400, code, error.message);
  }
  const status = error.statusCode ?? 500;
  // Fastify's own client errors (bad JSON, wrong content type, body too large, rate limit).
  if (status >= 400 && status < 500) {
    const code =
      status === 429 ? ErrorCode.rateLimited : status === 404 ? ErrorCode.routeNotFound : ErrorCode.invalidRequest;
    return errorBody(status, code, error.message);
  }
  return errorBody(500, ErrorCode.internal, 'Something went wrong on the server. Please try again later.');
}

/** Builds an ErrorBody; `error` is the HTTP reason phrase, as in Fastify's default bodies. */
export function errorBody(statusCode: number, code: ErrorCode, message: string): ErrorBody {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message };
}
