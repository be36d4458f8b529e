import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ErrorCode } from '../../../../common/errors.js';
import { toApiError } from '../../api/client.js';
import { type Lang, resolveLang, translations, type Translation } from '../../i18n/index.js';
import { en } from './en.js';
import { pl } from './pl.js';
import type { ConsoleTranslation } from './translation.js';
import { uk } from './uk.js';

export type { ConsoleTranslation } from './translation.js';

const consoleTranslations: Readonly<Record<Lang, ConsoleTranslation>> = { pl, en, uk };

/** BCP 47 locale for dates and numbers in each language. */
export const LOCALES: Readonly<Record<Lang, string>> = { pl: 'pl-PL', en: 'en-GB', uk: 'uk-UA' };

/**
 * The console's language is the page's `<html lang>` (the console is the whole page, and the
 * language switch sets it), so every console element, however deep in shadow roots, reads the
 * same one and re-renders when it changes. `w` is the widget's wording (statuses, error codes).
 */
export class ConsoleI18n implements ReactiveController {
  #observer = new MutationObserver(() => this.host.requestUpdate());

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get lang(): Lang {
    return resolveLang(null, document.documentElement.getAttribute('lang'));
  }

  get t(): ConsoleTranslation {
    return consoleTranslations[this.lang];
  }

  get w(): Translation {
    return translations[this.lang];
  }

  get locale(): string {
    return LOCALES[this.lang];
  }

  /** A date with time in the reader's language. */
  dateTime(iso: string): string {
    return new Date(iso).toLocaleString(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
  }

  /** Any failure in words; a lockout says until when. */
  error(error: unknown): string {
    const e = toApiError(error);
    if (e.code === ErrorCode.loginLocked && e.retryAt) {
      return this.t.login.lockedUntil(e.retryAt.toLocaleTimeString(this.locale, { hour: '2-digit', minute: '2-digit' }));
    }
    return this.w.errors[e.code]({ unitId: '' });
  }

  hostConnected(): void {
    this.#observer.observe(document.documentElement, { attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }
}
