import { pl } from './pl.js';
import type { Lang, Translation } from './translation.js';

/**
 * The widget's words, Polish in the first download and English and Ukrainian each a chunk of
 * its own, fetched the first time an element speaks it (most readers of a Polish police site
 * never need them: ~7 KB gzipped less to start with).
 */
const loaded: Partial<Record<Lang, Translation>> = { pl };
const loading = new Map<Lang, Promise<Translation>>();

/** The language's words if already here, else undefined (see loadTranslation). */
export function loadedTranslation(lang: Lang): Translation | undefined {
  return loaded[lang];
}

/** Fetches a language's words once; resolves at once for Polish and for a language already here. */
export function loadTranslation(lang: Lang): Promise<Translation> {
  const ready = loaded[lang];
  if (ready) return Promise.resolve(ready);
  let promise = loading.get(lang);
  if (!promise) {
    promise = (lang === 'en' ? import('./en.js').then((m) => m.en) : import('./uk.js').then((m) => m.uk)).then((t) => (loaded[lang] = t));
    // A failed fetch may be retried by the next element that asks.
    promise.catch(() => loading.delete(lang));
    loading.set(lang, promise);
  }
  return promise;
}
