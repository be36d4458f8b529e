import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Lang, matchLang, resolveLang, type Translation, translations } from './index.js';

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

  get t(): Translation {
    return translations[this.lang];
  }

  hostConnected(): void {
    this.#observer.observe(document.documentElement, { attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }
}
