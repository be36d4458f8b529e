import type { FastifyError, FastifyRequest, RouteOptions } from 'fastify';

type Part = 'querystring' | 'params' | 'body' | 'headers';
const PARTS: readonly [Part, 'query' | 'params' | 'body' | 'headers'][] = [
  ['querystring', 'query'], ['params', 'params'], ['body', 'body'], ['headers', 'headers'],
];

/**
 * Ajv's type coercion turns the query text "Infinity", "-Infinity" or "1e400" into ±Infinity
 * and then lets it pass `integer`, `minimum` and `maximum` (`?page=Infinity` reached SQLite as
 * a "datatype mismatch", a 500). JSON bodies carry the same: JSON.parse reads 1e400 as
 * Infinity. No route means an infinite number, so every route whose schema declares a number
 * gets this check after validation: a non-finite number is a validation failure (400, the
 * route's validationErrorCode).
 */
export function guardFiniteNumbers(route: RouteOptions): void {
  const schema = route.schema as Partial<Record<Part, unknown>> | undefined;
  if (!schema) return;
  const parts = PARTS.filter(([part]) => declaresNumber(schema[part]));
  if (parts.length === 0) return;
  const guard = async (request: FastifyRequest): Promise<void> => {
    for (const [part, field] of parts) {
      const path = nonFinitePath(request[field], '');
      if (path !== undefined) throw nonFiniteError(part, path);
    }
  };
  // After validation (which coerces), before the route's own preHandlers.
  route.preHandler = [guard, ...toArray(route.preHandler)];
}

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** True when a JSON schema (TypeBox) has a number or integer anywhere in it. */
function declaresNumber(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  const type = (schema as { type?: unknown }).type;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('number') || types.includes('integer')) return true;
  return Object.values(schema).some((value) => typeof value === 'object' && declaresNumber(value));
}

/** The JSON pointer of the first non-finite number in a parsed value, or undefined. */
function nonFinitePath(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (value === null || typeof value !== 'object' || value instanceof Map || Buffer.isBuffer(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinitePath(item, `${path}/${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Shaped like Fastify's schema errors, so the error handlers treat it as one. */
function nonFiniteError(part: Part, path: string): FastifyError {
  const error = new Error(`${part}${path} must be a finite number`) as FastifyError;
  error.statusCode = 400;
  error.code = 'FST_ERR_VALIDATION';
  error.validation = [{ keyword: 'finite', instancePath: path, schemaPath: '', params: {}, message: 'must be a finite number' }];
  error.validationContext = part;
  return error;
}
