import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { OPEN311_PREFIX } from '../../common/api.js';
import { ErrorCode, type ErrorBody } from '../../common/errors.js';
import { ProductError } from '../../common/product-error.js';
import { ApiError } from '../http/api-error.js';
import { statusOf } from '../http/status-of.js';
import { guardFiniteNumbers } from '../http/finite-numbers.js';
import { storageFailureOf } from '../http/storage-errors.js';
import { StorageHealth } from '../http/storage-health.js';
import { formatOfUrl, open311Errors, sendOpen311 } from '../http/open311-respond.js';
import { LimitReachedError } from '../reports/daily-rule.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The code a schema validation failure of this route gets (default INVALID_REQUEST), so
     * that, for example, bad lon/lat become INVALID_COORDINATES, which the widget explains.
     */
    validationErrorCode?: ErrorCode;
  }
  interface FastifyInstance {
    /** Whether writes currently fail for storage reasons (read by /healthz). */
    storageHealth: StorageHealth;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Gives every error response the ErrorBody shape with a stable code: validation failures
 * are 400s, unknown routes 404 ROUTE_NOT_FOUND, and anything unexpected a 500 whose body
 * says nothing about internals (the details go to the log). A daily-rule refusal adds
 * `retryAt` to the body and a Retry-After header; a failing disk is a 503 with Retry-After.
 */
export default fp(
  async (app) => {
    const storageHealth = new StorageHealth();
    app.decorate('storageHealth', storageHealth);

    app.addHook('onRoute', (route) => {
      guardFiniteNumbers(route);
      // A write answered below 400 went through the database: storage works (again). Only
      // write routes get the hook, so the read paths pay nothing for it.
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.every((method) => READS.has(method))) return;
      const existing = route.onResponse === undefined ? [] : Array.isArray(route.onResponse) ? route.onResponse : [route.onResponse];
      route.onResponse = [...existing, async (request, reply) => {
        if (reply.statusCode < 400 && !READS.has(request.method)) storageHealth.succeeded();
      }];
    });

    app.setErrorHandler((error: FastifyError | ProductError, request, reply) => {
      const body = toErrorBody(error, request);
      applyErrorHeaders(error, request, reply);
      logServerError(error, body, request);
      if (error instanceof LimitReachedError) return reply.code(429).send({ ...body, retryAt: error.retryAt.toISOString() });
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

/**
 * Retry-After for a daily-rule refusal and for a storage failure, which is also noted in the
 * app's StorageHealth. Shared with the Open311 error handler.
 */
export function applyErrorHeaders(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof LimitReachedError) {
    // Whole seconds, rounded up, so a client that waits exactly that long is accepted.
    reply.header('retry-after', String(Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000))));
    return;
  }
  const storage = storageFailureOf(error);
  if (storage) {
    reply.header('retry-after', String(storage.retryAfterSeconds));
    request.server.storageHealth?.failed(storage);
  }
}

/** 5xx go to the log: a storage failure by its code (expected, and frequent while it lasts), anything else in full. */
export function logServerError(error: unknown, body: ErrorBody, request: FastifyRequest): void {
  if (body.code === ErrorCode.storageUnavailable) request.log.error({ code: storageFailureOf(error)?.code }, 'storage unavailable');
  else if (body.statusCode >= 500) request.log.error({ err: error }, 'unexpected error');
}

export function toErrorBody(error: FastifyError | ProductError, request: FastifyRequest): ErrorBody {
  if (error instanceof ApiError) return errorBody(error.statusCode, error.code, error.message);
  if (error instanceof ProductError) return errorBody(statusOf(error), error.code, error.message);
  if (storageFailureOf(error)) {
    return errorBody(503, ErrorCode.storageUnavailable, 'The server cannot store anything at the moment; nothing was saved. Please try again later.');
  }
  if (refusedCharacter(error)) {
    return errorBody(400, ErrorCode.invalidRequest, 'The request contains a character that cannot be stored (U+0000).');
  }
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

/**
 * PostgreSQL's refusal of a NUL character (U+0000) in text, SQLSTATE 22021: a request may carry
 * one in any string (a path parameter, a login, a description), which SQLite keeps or looks up
 * (not found) but PostgreSQL cannot even compare. The client's bad input, not a server failure.
 */
function refusedCharacter(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '22021';
}

/**
 * Fastify's `frameworkErrors`: errors met while routing, before any handler, which Fastify
 * would otherwise answer in its own format (an over-long path parameter got a bare 414, an
 * undecodable URL a bare 400). Both are the client's bad input: 400 INVALID_REQUEST, in the
 * Open311 error format under its prefix.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? errorBody(400, ErrorCode.invalidRequest, 'A path parameter is too long (at most 100 characters); there is no such resource.')
    : error.code === 'FST_ERR_BAD_URL'
      ? errorBody(400, ErrorCode.invalidRequest, 'The URL is not valid (bad percent-encoding).')
      : errorBody(500, ErrorCode.internal, 'Something went wrong on the server. Please try again later.');
  if (body.statusCode >= 500) request.log.error({ err: error }, 'unexpected error');
  if (request.url.startsWith(`${OPEN311_PREFIX}/`)) {
    void sendOpen311(reply.code(body.statusCode), formatOfUrl(request.url), 'errors', open311Errors(body));
  } else {
    void reply.code(body.statusCode).send(body);
  }
}

/** Builds an ErrorBody; `error` is the HTTP reason phrase, as in Fastify's default bodies. */
export function errorBody(statusCode: number, code: ErrorCode, message: string): ErrorBody {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message };
}
