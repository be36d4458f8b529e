import { LANGS, type Lang } from '../../common/catalogue.js';
import { isEmailAddress } from '../../common/email.js';
import { ErrorCode } from '../../common/errors.js';
import { ProductError } from '../../common/product-error.js';

/** A citizen's request for status updates, as the report's body carries it. */
export interface ContactRequest {
  email: string;
  lang: Lang;
}

/**
 * The optional `email` (and `lang` of the mails) of a report's body: undefined when absent or
 * empty; 400 INVALID_EMAIL when it is not an address. Checked before the report is stored, so
 * a typo refuses the report instead of losing the updates silently.
 */
export function contactRequestOf(body: unknown): ContactRequest | undefined {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (input.email === undefined || input.email === null) return undefined;
  const email = typeof input.email === 'string' ? input.email.trim() : undefined;
  if (email === '') return undefined;
  if (email === undefined || !isEmailAddress(email)) {
    throw new ProductError(ErrorCode.invalidEmail, 'email must be an e-mail address (or left out).');
  }
  const lang = (LANGS as readonly unknown[]).includes(input.lang) ? (input.lang as Lang) : 'pl';
  return { email, lang };
}
