import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { chooseEncoding } from '../http/content-encoding.js';
import { CompressedBodies, compress, type Compression } from '../http/compressed-bodies.js';

/** Below this a compressed body saves less than the header and the CPU it costs. */
export const COMPRESS_MIN_BYTES = 1024;

/** Text formats: JSON and XML (GeoJSON, Atom and the like by their +json/+xml suffix), CSV, HTML. */
const COMPRESSIBLE = /^(?:application\/(?:[\w.-]+\+)?(?:json|xml)|text\/(?:csv|html|plain|xml|css|javascript)|application\/javascript)\b/i;

/**
 * Compresses every compressible answer over COMPRESS_MIN_BYTES that is not encoded yet
 * (gzip, or brotli when the client prefers it), with Vary: Accept-Encoding. The hook is appended
 * to each route's own onSend hooks, so it runs last: after a route's ETag hook has hashed the
 * plain body and answered 304 where it could. A compressed answer gets the weak form of that
 * ETag (the same content, other bytes; If-None-Match compares weakly, so it still revalidates),
 * and its bytes are kept by ETag so a popular answer is compressed once.
 */
export default fp(
  async (app) => {
    const bodies = new CompressedBodies();
    const hook: onSendHookHandler = async (request, reply, payload) => compressed(request, reply, payload, bodies);
    app.addHook('onRoute', (route) => {
      const existing = route.onSend === undefined ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend];
      route.onSend = [...existing, hook];
    });
  },
  { name: 'kmzb-compression', fastify: '5.x' },
);

async function compressed(request: FastifyRequest, reply: FastifyReply, payload: unknown, bodies: CompressedBodies): Promise<unknown> {
  if (reply.statusCode === 304) {
    notModifiedHeaders(request, reply);
    return payload;
  }
  if (!eligible(reply)) return payload;
  // Streams (exports, static files) go out as they are: an export is written once per request,
  // and compressing it on the fly measurably grew the memory a national export holds.
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const plain = typeof payload === 'string' ? Buffer.from(payload) : payload;
  if (plain.length < COMPRESS_MIN_BYTES) return payload;
  const encoding = negotiated(request, reply);
  if (!encoding) return payload;
  const etag = reply.getHeader('etag');
  const strong = typeof etag === 'string' && etag.startsWith('"') ? etag : undefined;
  let body = strong ? bodies.get(strong, encoding) : undefined;
  if (!body) {
    body = await compress(plain, encoding);
    if (strong) bodies.set(strong, encoding, body);
  }
  if (strong) reply.header('etag', `W/${strong}`);
  reply.header('content-encoding', encoding).removeHeader('content-length');
  return body;
}

/** Not encoded yet, not refused a transformation, not a staff sign-in (no secrets beside reflected input). */
function eligible(reply: FastifyReply): boolean {
  if (reply.statusCode < 200 || reply.statusCode === 204 || reply.statusCode === 206) return false;
  if (reply.hasHeader('content-encoding') || reply.hasHeader('set-cookie')) return false;
  if (/\bno-transform\b/i.test(String(reply.getHeader('cache-control') ?? ''))) return false;
  return COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''));
}

/** Adds Vary (the answer depends on Accept-Encoding from here on) and returns the encoding to use, if any. */
function negotiated(request: FastifyRequest, reply: FastifyReply): Compression | undefined {
  addVary(reply, 'Accept-Encoding');
  const encoding = chooseEncoding(request.headers['accept-encoding'], true);
  return encoding === 'identity' ? undefined : encoding;
}

/**
 * A 304 names the ETag the 200 would have had: the weak one when the client revalidates the
 * compressed answer it holds (it sends that tag back).
 */
function notModifiedHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const etag = reply.getHeader('etag');
  if (typeof etag !== 'string' || !etag.startsWith('"')) return;
  addVary(reply, 'Accept-Encoding');
  if (String(request.headers['if-none-match'] ?? '').includes(`W/${etag}`)) reply.header('etag', `W/${etag}`);
}

export function addVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  const fields = (Array.isArray(current) ? current.join(',') : String(current ?? '')).split(',').map((f) => f.trim()).filter(Boolean);
  if (fields.includes('*') || fields.some((f) => f.toLowerCase() === field.toLowerCase())) return;
  reply.header('vary', [...fields, field].join(', '));
}
