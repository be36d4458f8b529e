import type { FastifyRequest } from 'fastify';

/**
 * An absolute URL of this server for a path (`/r/7K3M9Q2XWD` → `https://host/r/7K3M9Q2XWD`),
 * for links that leave the page: tracking links, Open311 discovery, feeds. The base is the
 * server's public URL (KMZB_PUBLIC_URL, else the listening address: server/plugins/public-url.ts),
 * never the request's Host or X-Forwarded-Host, which the client chooses.
 */
export function absoluteUrl(request: FastifyRequest, path: string): string {
  return `${request.server.publicUrl()}${path}`;
}
