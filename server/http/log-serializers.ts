import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { networkOf } from '../reports/network.js';

/** Query parameters whose values are secrets: tracking tokens (`?token=`) and the like. */
const SECRET_PARAM = /token|password|secret|api_key|device/i;

/**
 * The URL with the values of secret query parameters replaced by `[Redacted]`: a tracking
 * link (`/api/v1/reports/:id?token=…`) in the log would let anyone who reads the log follow
 * a citizen's report, however private.
 */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const query = url.slice(mark + 1).split('&').map((pair) => {
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch { /* keep the raw name */ }
    return SECRET_PARAM.test(decoded) ? `${name}=[Redacted]` : pair;
  });
  return `${url.slice(0, mark)}?${query.join('&')}`;
}

/**
 * A key that lives only in this process's memory: log lines of one client can be told apart
 * and correlated for as long as the process runs, but nobody holding the log, and nobody
 * holding the database either, can turn them back into an address.
 */
const LOG_KEY = randomBytes(32);

/** The client's network (IPv4 address, IPv6 /64) as a short keyed hash; never the address. */
export function clientTag(ip: string): string {
  return createHmac('sha256', LOG_KEY).update(networkOf(ip)).digest('base64url').slice(0, 12);
}

/**
 * Pino serializer of requests, replacing Fastify's default, which logs the raw client
 * address (`remoteAddress`, `remotePort`) and the URL with its query as sent. The README
 * promises that raw IPs are never stored; the log is stored too.
 */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: redactUrl(request.url), client: clientTag(request.ip ?? '') };
}
