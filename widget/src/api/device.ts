import { DEVICE_TOKEN_PATTERN } from '../../../common/api.js';

/** Local storage key of this browser's device token (namespaced: the page owns the storage). */
export const DEVICE_KEY = 'kmzb:device';

const valid = new RegExp(DEVICE_TOKEN_PATTERN);
/** Used only when local storage is unavailable (private mode, blocked by the page's policy). */
let memoryToken: string | undefined;

/**
 * This browser's device token for the one-report-per-day rule: 24 random bytes as base64url
 * (32 characters), made once and kept in local storage. It identifies nothing but "the same
 * browser as before"; the server keeps only a keyed hash of it.
 */
export function deviceToken(): string {
  try {
    const stored = localStorage.getItem(DEVICE_KEY);
    if (stored && valid.test(stored)) return stored;
    const token = randomToken();
    localStorage.setItem(DEVICE_KEY, token);
    return token;
  } catch {
    return (memoryToken ??= randomToken());
  }
}

/** 24 crypto-random bytes, base64url without padding. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}
