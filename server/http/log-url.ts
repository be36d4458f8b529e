import type { FastifyRequest } from 'fastify';

// `token=` anywhere in the query (the tracking token of GET /api/v1/reports/:id?token=).
const SECRET_PARAM = /([?&]token=)[^&#]*/gi;

/** A URL as logged: secrets in the query replaced, so access logs never hold a tracking token. */
export function loggedUrl(url: string): string {
  return url.replace(SECRET_PARAM, '$1[Redacted]');
}

/** Fastify's own request serializer, with the URL passed through loggedUrl. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: loggedUrl(request.url),
    version: [request.headers?.['accept-version']].flat()[0],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
