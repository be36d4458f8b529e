import type { FastifyRequest } from 'fastify';

/** This server's own origin as the browser sees it (scheme from TLS or trusted proxy, Host header). */
export function ownOrigin(request: FastifyRequest): string | undefined {
  return originOf(`${request.protocol}://${request.host}`);
}

/**
 * The origin a browser request came from: the Origin header, or, when a browser leaves it out
 * (some send none on same-origin GETs, old ones on POSTs), the origin of the Referer.
 */
export function requestOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') return originOf(origin);
  const referer = request.headers.referer;
  return typeof referer === 'string' ? originOf(referer) : undefined;
}

/** True when the request names its origin and it is this server's. */
export function isSameOrigin(request: FastifyRequest): boolean {
  const from = requestOrigin(request);
  return from !== undefined && from === ownOrigin(request);
}

/** URL's normal form: lowercase host, default port dropped (`http://a:80` → `http://a`). */
function originOf(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
