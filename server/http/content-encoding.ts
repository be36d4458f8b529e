import { Negotiator } from '@fastify/accept-negotiator';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/**
 * A cache for the negotiators: Accept-Encoding takes few distinct values in practice (one per
 * browser family), but it is the client's to choose, so the cache is bounded.
 */
class BoundedCache<V> extends Map<string, V> {
  override set(key: string, value: V): this {
    if (this.size >= 64) this.clear();
    return super.set(key, value);
  }
}

const withBrotli = new Negotiator({ supportedValues: ['br', 'gzip', 'identity'], cache: new BoundedCache() });
const gzipOnly = new Negotiator({ supportedValues: ['gzip', 'identity'], cache: new BoundedCache() });

/**
 * The encoding to send a cached answer in, from the request's Accept-Encoding (q-values and
 * `;q=0` refusals honoured): brotli when the answer has it and the client takes it, else gzip,
 * else the plain body (also when the client refuses everything: identity is always acceptable
 * unless refused outright, and a JSON API answers rather than 406).
 */
export function chooseEncoding(acceptEncoding: string | undefined, brotliReady: boolean): ContentEncoding {
  if (!acceptEncoding) return 'identity';
  const chosen = (brotliReady ? withBrotli : gzipOnly).negotiate(acceptEncoding);
  return chosen === 'br' || chosen === 'gzip' ? chosen : 'identity';
}
