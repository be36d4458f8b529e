import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadedTranslation, loadTranslation } from './catalog.js';
import { matchLang, resolveLang } from './lang.js';
import type { Lang, Translation } from './translation.js';

/**
 * The host's language: its own `lang` attribute if supported, else the `fallback` (for
 * `<kmzb-map>`: the language its unit's admins chose, if any), else the page's, else Polish.
 * The host re-renders when its own attribute changes (a reactive property); this controller
 * re-renders it when the page's `<html lang>` changes, and stops watching on disconnect.
 */
export class I18nController implements ReactiveController {
  #observer = new MutationObserver(() => this.host.requestUpdate());

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly fallback: () => string | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  get lang(): Lang {
    const page = this.host.parentElement?.closest('[lang]') ?? document.documentElement;
    return matchLang(this.host.getAttribute('lang')) ?? matchLang(this.fallback()) ?? resolveLang(page.getAttribute('lang'), undefined);
  }

  /**
   * The words of the host's language. English and Ukrainian come in chunks: until one is here
   * the host speaks Polish, and it renders again once it has arrived (the host's `ready` waits for it).
   */
  get t(): Translation {
    const lang = this.lang;
    const words = loadedTranslation(lang);
    if (words) return words;
    void loadTranslation(lang).then(() => this.host.requestUpdate(), () => undefined);
    return loadedTranslation('pl')!;
  }

  /** Resolves when the host's language is here (at once for Polish). */
  loaded(): Promise<unknown> {
    return loadTranslation(this.lang).catch(() => undefined);
  }

  hostConnected(): void {
    this.#observer.observe(document.documentElement, { attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }
}
