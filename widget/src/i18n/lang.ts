import { LANGS } from '../../../common/catalogue.js';
import type { Lang } from './translation.js';

export const DEFAULT_LANG: Lang = 'pl';

/** The supported language of a BCP 47 tag (`en-GB` → `en`), or undefined. */
export function matchLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGS.find((lang) => lang === primary);
}

/**
 * The element's own `lang` if supported, else the page's `<html lang>`, else Polish: a bad
 * value falls back to the default instead of showing nothing.
 */
export function resolveLang(own: string | null | undefined, page: string | null | undefined): Lang {
  return matchLang(own) ?? matchLang(page) ?? DEFAULT_LANG;
}
