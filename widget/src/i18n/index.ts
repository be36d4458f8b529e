import { en } from './en.js';
import { pl } from './pl.js';
import type { Lang, Translation } from './translation.js';
import { uk } from './uk.js';

export type { Lang, Translation } from './translation.js';

export const translations: Readonly<Record<Lang, Translation>> = { pl, en, uk };

export const DEFAULT_LANG: Lang = 'pl';

/** The supported language of a BCP 47 tag (`en-GB` → `en`), or undefined. */
export function matchLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && Object.hasOwn(translations, primary) ? (primary as Lang) : undefined;
}

/**
 * The element's own `lang` if supported, else the page's `<html lang>`, else Polish: a bad
 * value falls back to the default instead of showing nothing.
 */
export function resolveLang(own: string | null | undefined, page: string | null | undefined): Lang {
  return matchLang(own) ?? matchLang(page) ?? DEFAULT_LANG;
}
