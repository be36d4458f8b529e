import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt cost: N = 2^17, r = 8, p = 1, the cost OWASP recommends for scrypt: 128 MiB and
 * about 0.6 s per hash on the 2-core VM. The parameters are stored with each hash, so hashes
 * made with an older, lower cost still verify, and are rehashed at this cost on their
 * account's next successful login (needsRehash).
 */
export const DEFAULT_COST_LOG2 = 17;
/** The lowest cost accepted (KMZB_PASSWORD_COST): 2^14, scrypt's own long-standing minimum advice. */
export const MIN_COST_LOG2 = 14;
let cost: Readonly<ScryptOptions & { N: number; r: number; p: number }> = { N: 2 ** DEFAULT_COST_LOG2, r: 8, p: 1 };

/** The cost new hashes get now. */
export function passwordCost() {
  return cost;
}

/**
 * Sets the cost of new hashes to N = 2^log2 (KMZB_PASSWORD_COST; tests use the minimum, since a
 * login at 2^17 takes 0.6 s and the suites log in hundreds of times). Process-wide, like the
 * thread pool it runs on.
 */
export function usePasswordCost(log2: number): void {
  cost = { N: 2 ** log2, r: 8, p: 1 };
}
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes (128 MiB here); node refuses parameters whose need exceeds
  // maxmem (32 MiB by default), so allow twice the need.
  const maxmem = 256 * (options.N ?? cost.N) * (options.r ?? cost.r);
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$key` with a fresh random salt per call (so equal passwords differ). */
export async function hashPassword(password: string, options: ScryptOptions = cost): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, options);
  return ['scrypt', options.N, options.r, options.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when a stored hash was made with less than the current cost (or another scheme). */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < cost.N || Number(r) < cost.r || Number(p) < cost.p;
}

/**
 * A hash of a random password, verified against when the login is unknown, so an unknown
 * login costs the same time as a wrong password and timing does not reveal which logins exist.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
