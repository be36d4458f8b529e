import { en } from './en.js';
import { pl } from './pl.js';
import type { Lang, Translation } from './translation.js';
import { uk } from './uk.js';

export type { Lang, Translation } from './translation.js';

/** All three languages at once, for the staff console (the widget loads them one by one: catalog.ts). */
export const translations: Readonly<Record<Lang, Translation>> = { pl, en, uk };

export { DEFAULT_LANG, matchLang, resolveLang } from './lang.js';
