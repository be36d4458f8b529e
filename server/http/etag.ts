import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** How long browsers and proxies may reuse unit data before revalidating with the ETag. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=300';

/**
 * Reports change by the minute: a CDN may absorb national traffic for half a minute, then
 * revalidates (cheaply, with the ETag).
 */
export const REPORTS_CACHE_CONTROL = 'public, max-age=30';

type OnSend = (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>;

/**
 * An onSend hook for cacheable GET routes: a strong ETag from a hash of the serialized body,
 * the given Cache-Control, and 304 without a body when the client already has it. Hashing the
 * bytes actually sent means the tag changes exactly when the body does, with nothing to
 * invalidate. `skip` leaves a response alone (e.g. a private one).
 */
export function etagOnSendWith(cacheControl: string, skip?: (request: FastifyRequest) => boolean): OnSend {
  return async (request, reply, payload) => {
    if (reply.statusCode !== 200 || typeof payload !== 'string' || skip?.(request)) return payload;
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`;
    return notModifiedOr(request, reply, payload, etag, cacheControl);
  };
}

/** The hook of unit routes (long-lived public data). */
export const etagOnSend = etagOnSendWith(PUBLIC_CACHE_CONTROL);

/**
 * Sets ETag and Cache-Control and, when the client already has this representation, turns the
 * response into a 304 without a body. Returns the payload to send. "Already has" is RFC 9110
 * section 13.2.2: If-None-Match names this ETag; or, only when the request has no
 * If-None-Match, If-Modified-Since is not older than the Last-Modified the route set.
 */
export function notModifiedOr(request: FastifyRequest, reply: FastifyReply, payload: string, etag: string, cacheControl: string): string {
  reply.header('etag', etag);
  reply.header('cache-control', cacheControl);
  if (!isFresh(request, reply, etag)) return payload;
  reply.code(304);
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  return '';
}

export function isFresh(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return matches(ifNoneMatch, etag);
  return unmodifiedSince(request.headers['if-modified-since'], reply.getHeader('last-modified'));
}

/**
 * If-Modified-Since against Last-Modified, both HTTP dates (whole seconds). An unreadable
 * date, or none, means modified: the full answer is always a safe reply.
 */
export function unmodifiedSince(ifModifiedSince: string | undefined, lastModified: unknown): boolean {
  if (!ifModifiedSince || typeof lastModified !== 'string') return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): a W/ prefix still matches. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
