import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O or U, so an id read aloud or retyped survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new public report id: 10 random Crockford base32 characters (50 bits). Random rather
 * than sequential so that ids reveal neither volume nor order and cannot be enumerated.
 */
export function newReportId(): string {
  let id = '';
  // 256 is a multiple of 32, so the low 5 bits of a random byte are uniform.
  for (const byte of randomBytes(10)) id += CROCKFORD[byte & 31];
  return id;
}

/** A new tracking token (32 random bytes, base64url) and the SHA-256 hash that is stored. */
export function newTrackingToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashTrackingToken(token) };
}

/**
 * The stored form of a tracking token. A plain hash suffices (no salt or key): the token
 * has 256 random bits, so nothing can be guessed from the hash.
 */
export function hashTrackingToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Constant-time comparison of a presented token with the stored hash. */
export function trackingTokenMatches(token: string, storedHash: Uint8Array): boolean {
  const hash = hashTrackingToken(token);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}
