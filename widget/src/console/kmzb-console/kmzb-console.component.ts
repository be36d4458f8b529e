import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LANGS } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { StaffMe } from '../../../../common/schemas/staff.js';
import type { UnitSummary } from '../../../../common/schemas/unit.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { subtree } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';
import { ADMIN_SCREENS, parseRoute, routeKey, type Route } from './route.js';
import { hasShortcuts, SHORTCUTS, shortcutOf } from './shortcuts.js';

/**
 * The staff console: login, then a header (who is signed in, the menu, language, logout), one
 * screen chosen by the URL hash, and one polite live region where the shown screen's messages
 * are read out (a message stays with the screen that made it). The console is the whole page, so the language switch sets `<html lang>`.
 *
 * @attr basemap - base map of the new-report map and, at first, of the configurator's preview (`osm`; `none` draws no tiles)
 */
export class KmzbConsole extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; border-bottom: 2px solid #0b3d91; padding-bottom: 8px; }
      h1 { font-size: 1.5rem; margin: 0; }
      nav ul { display: flex; flex-wrap: wrap; gap: 4px 12px; list-style: none; margin: 0; padding: 0; }
      nav a[aria-current='page'] { font-weight: 700; }
      main { padding: 12px 0; }
      .live { min-height: 1.5em; margin: 8px 0; font-weight: 600; }
      .lang { display: flex; gap: 6px; align-items: center; }
      dialog.shortcuts dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; }
      kbd { font: inherit; font-weight: 700; border: 1px solid #5c636b; border-radius: 3px; padding: 0 6px; }
    `,
  ];
  readonly #i18n = new ConsoleI18n(this);
  @property() accessor basemap = 'osm';
  /** undefined while the session is being checked, null when logged out. */
  @state() private accessor me: StaffMe | null | undefined;
  @state() private accessor route: Route = parseRoute(location.hash);
  /** The last message and the screen (routeKey) it belongs to; shown only on that screen. */
  @state() private accessor message: { text: string; key: string } = { text: '', key: '' };
  @state() private accessor units: UnitSummary[] = [];
  @state() private accessor categories: Category[] = [];
  readonly #onHash = () => this.#navigate(parseRoute(location.hash));
  /** Shortcuts: ? opens their list, q goes to the queue, the rest is the shown screen's. */
  readonly #onKey = (event: KeyboardEvent) => {
    if (!this.me) return;
    const action = shortcutOf(event);
    if (!action) return;
    const screen = this.renderRoot.querySelector('main > *');
    let done = false;
    if (action === 'help') {
      void this.showShortcuts();
      done = true;
    } else if (hasShortcuts(screen)) done = screen.shortcut(action);
    if (!done && action === 'queue' && this.route.screen !== 'queue') {
      location.hash = '#queue';
      done = true;
    }
    if (done) event.preventDefault();
  };

  // The screens' events, as fields: the same functions are added on connect and removed on
  // disconnect, so a console moved in the page (detached and attached again) handles each once.
  readonly #onStatus = (e: HTMLElementEventMap['console-status']) => {
    const route = e.detail.hash === undefined ? this.route : parseRoute(e.detail.hash);
    this.message = { text: e.detail.text, key: routeKey(route) };
  };
  readonly #onSessionEnded = () => (this.me = null);
  readonly #onLogin = (e: HTMLElementEventMap['console-login']) => this.#signedIn(e.detail);

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.#onHash);
    addEventListener('keydown', this.#onKey);
    this.addEventListener('console-status', this.#onStatus);
    this.addEventListener('console-session-ended', this.#onSessionEnded);
    this.addEventListener('console-login', this.#onLogin);
    void staffApi.me().then((me) => this.#signedIn(me), () => (this.me = null));
  }

  override disconnectedCallback(): void {
    removeEventListener('hashchange', this.#onHash);
    removeEventListener('keydown', this.#onKey);
    this.removeEventListener('console-status', this.#onStatus);
    this.removeEventListener('console-session-ended', this.#onSessionEnded);
    this.removeEventListener('console-login', this.#onLogin);
    super.disconnectedCallback();
  }

  /** Resolves when the session check is over and, if signed in, the units and categories are in. */
  ready: Promise<void> = Promise.resolve();

  #signedIn(me: StaffMe) {
    this.ready = Promise.all([staffApi.units(), staffApi.categories()]).then(([units, categories]) => {
      this.units = subtree(units.units, me.unit.id);
      this.categories = categories.categories;
      this.me = me;
      this.#say('');
    }, () => void (this.me = me));
  }

  override render() {
    const t = this.#i18n.t;
    return html`
      <header>
        <h1>${t.title}</h1>
        ${this.me ? html`<span>${t.signedInAs(this.me.displayName, this.me.unit.shortName)}</span>` : nothing}
        <label class="lang">${t.language}
          <select @change=${(e: Event) => (document.documentElement.lang = (e.target as HTMLSelectElement).value)}>
            ${LANGS.map((l) => html`<option value=${l} lang=${l} ?selected=${l === this.#i18n.lang}>${t.languages[l]}</option>`)}
          </select>
        </label>
        ${this.me ? this.#nav(this.me) : nothing}
      </header>
      <p class="live" role="status">${this.message.key === routeKey(this.route) ? this.message.text : ''}</p>
      ${this.#shortcutsDialog()}
      <main>${this.me === undefined ? html`<p>${t.loading}</p>` : this.me === null ? html`<console-login></console-login>` : this.#screen(this.me)}</main>
    `;
  }

  #nav(me: StaffMe) {
    const t = this.#i18n.t.nav;
    const links: [Route['screen'], string][] = [['queue', t.queue], ['new', t.newReport], ['config', t.config], ['crime', t.crime], ['staff', t.staff], ['audit', t.audit], ['notifications', this.#i18n.t.mail.nav]];
    return html`<nav aria-label=${t.label}><ul>
      ${links.filter(([screen]) => me.role === 'admin' || !ADMIN_SCREENS.includes(screen)).map(([screen, label]) => html`<li>
        <a href="#${screen}" aria-current=${this.route.screen === screen ? 'page' : nothing}>${label}</a></li>`)}
      <li><button type="button" class="secondary shortcuts-open" aria-haspopup="dialog" aria-keyshortcuts="?" @click=${() => this.showShortcuts()}>${this.#i18n.t.shortcuts.button}</button></li>
      <li><button type="button" class="secondary logout" @click=${this.#logout}>${t.logout}</button></li>
    </ul></nav>`;
  }

  /** Opens the list of keyboard shortcuts. */
  async showShortcuts(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.shortcuts')?.showModal();
  }

  #shortcutsDialog() {
    const t = this.#i18n.t.shortcuts;
    return html`<dialog class="shortcuts" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">${t.heading}</h2>
      <dl>${SHORTCUTS.map((s) => html`<dt><kbd>${s.key}</kbd></dt><dd>${t.keys[s.action]}</dd>`)}</dl>
      <div class="buttons"><button type="button" @click=${(e: Event) => (e.target as HTMLElement).closest('dialog')?.close()}>${t.close}</button></div>
    </dialog>`;
  }

  #screen(me: StaffMe) {
    const route = this.route;
    if (ADMIN_SCREENS.includes(route.screen) && me.role !== 'admin') return html`<console-queue .units=${this.units} .categories=${this.categories}></console-queue>`;
    switch (route.screen) {
      case 'report': return html`<console-report report-id=${route.id} .categories=${this.categories} basemap=${this.basemap}></console-report>`;
      case 'new': return html`<console-new-report .categories=${this.categories} basemap=${this.basemap} .area=${this.units[0]?.bbox} unit=${this.units[0]?.id ?? ''}></console-new-report>`;
      case 'config': return html`<console-configurator .units=${this.units} .categories=${this.categories} basemap=${this.basemap}></console-configurator>`;
      case 'crime': return html`<console-crime-import unit=${this.units[0]?.id ?? ''}></console-crime-import>`;
      case 'staff': return html`<console-staff .units=${this.units}></console-staff>`;
      case 'notifications': return html`<console-notifications></console-notifications>`;
      case 'audit': return html`<console-audit .units=${this.units} .categories=${this.categories}></console-audit>`;
      default: return html`<console-queue .units=${this.units} .categories=${this.categories}></console-queue>`;
    }
  }

  /** Shows a screen and moves focus to its heading, so screen readers hear where they are. */
  async #navigate(route: Route) {
    // A message belongs to the screen that made it: leaving the screen drops it.
    if (this.message.key !== routeKey(route)) this.#say('');
    const same = routeKey(route) === routeKey(this.route);
    this.route = route;
    // The same screen with another query (a queue filter): focus stays where the user is.
    if (same) return;
    await this.updateComplete;
    const screen = this.renderRoot.querySelector<LitElement>('main > *');
    await screen?.updateComplete;
    screen?.shadowRoot?.querySelector<HTMLElement>('h2')?.focus();
  }

  async #logout() {
    await staffApi.logout().catch(() => undefined);
    this.me = null;
    this.#say(this.#i18n.t.loggedOut);
  }

  /** A message of the console itself, for the screen shown now. */
  #say(text: string) {
    this.message = { text, key: routeKey(this.route) };
  }
}
