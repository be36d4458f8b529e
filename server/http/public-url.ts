import type { FastifyRequest } from 'fastify';
import { ownOrigin } from './origin.js';

/**
 * An absolute URL of this server for a path (`/r/7K3M9Q2XWD` → `https://host/r/7K3M9Q2XWD`),
 * for links that leave the page: tracking links, Open311 discovery. The one place that decides
 * the server's public origin: today the origin the request reached (scheme from TLS or a trusted
 * proxy, Host header); a configured public URL, once there is one, belongs here.
 */
export function absoluteUrl(request: FastifyRequest, path: string): string {
  return `${ownOrigin(request) ?? ''}${path}`;
}
