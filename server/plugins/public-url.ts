import type { AddressInfo } from 'node:net';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The base of absolute links (no trailing slash): KMZB_PUBLIC_URL, else the listening
     * address. Never derived from a request: Host and X-Forwarded-Host are the client's to
     * choose, and a link built from them ends up in cached feeds and in other people's answers.
     */
    publicUrl(): string;
  }
}

export interface PublicUrlOptions {
  /** Validated by config.ts (KMZB_PUBLIC_URL); undefined: the listening address. */
  publicUrl?: string | undefined;
}

/** The listening address as a URL; an unspecified address (0.0.0.0, ::) as localhost. */
export function listeningUrl(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') return 'http://localhost';
  const unspecified = address.address === '0.0.0.0' || address.address === '::';
  const host = unspecified ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export default fp<PublicUrlOptions>(
  async (app, { publicUrl }) => {
    app.decorate('publicUrl', () => publicUrl ?? listeningUrl(app.server.address()));
  },
  { name: 'kmzb-public-url', fastify: '5.x' },
);
