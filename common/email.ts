/**
 * E-mail addresses as this project accepts them (staff notifications, a citizen's request for
 * updates): one @, a dot in the domain, no spaces or angle brackets, at most 254 characters.
 * Deliberately simple: the SMTP server is the real judge; this catches typing mistakes.
 */
export const EMAIL_MAX_LENGTH = 254;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value);
}
