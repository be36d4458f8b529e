import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ErrorCode } from '../../../../common/errors.js';
import type { StaffMe } from '../../../../common/schemas/staff.js';
import { toApiError } from '../../api/client.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { ConsoleI18n } from '../i18n/index.js';

type Field = 'login' | 'password';

/**
 * The login form. Each error sits under the field it concerns and is tied to it with
 * aria-describedby; wrong credentials concern the password (the server never says which was
 * wrong). Fires `console-login` (detail: StaffMe) once the session cookie is set.
 */
export class ConsoleLogin extends LitElement {
  static override styles = consoleStyles;
  readonly #i18n = new ConsoleI18n(this);
  @state() private accessor errors: Partial<Record<Field, string>> = {};
  @state() private accessor busy = false;

  override render() {
    const t = this.#i18n.t.login;
    return html`
      <h2 tabindex="-1">${t.heading}</h2>
      <form novalidate @submit=${this.#submit}>
        ${this.#field('login', t.login, 'text', 'username')} ${this.#field('password', t.password, 'password', 'current-password')}
        <div class="buttons"><button type="submit" ?disabled=${this.busy}>${t.submit}</button></div>
      </form>
    `;
  }

  #field(name: Field, label: string, type: string, autocomplete: string) {
    const error = this.errors[name];
    return html`<label>
        ${label}
        <input name=${name} id=${name} type=${type} autocomplete=${autocomplete} required
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${name}-error` : nothing} />
      </label>
      ${error ? html`<p class="error" id="${name}-error">${error}</p>` : nothing}`;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const t = this.#i18n.t.login;
    const data = new FormData(event.target as HTMLFormElement);
    const login = String(data.get('login') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const errors: Partial<Record<Field, string>> = {};
    if (!login) errors.login = t.loginMissing;
    if (!password) errors.password = t.passwordMissing;
    this.errors = errors;
    if (errors.login || errors.password) return this.#focusFirstError();
    this.busy = true;
    try {
      const me: StaffMe = await staffApi.login(login, password);
      this.dispatchEvent(new CustomEvent('console-login', { detail: me, bubbles: true, composed: true }));
    } catch (error) {
      const code = toApiError(error).code;
      // Wrong credentials and lockouts concern the password field; anything else, the form.
      const field: Field = code === ErrorCode.invalidCredentials || code === ErrorCode.loginLocked ? 'password' : 'login';
      this.errors = { [field]: this.#i18n.error(error) };
      this.#focusFirstError();
    } finally {
      this.busy = false;
    }
  }

  async #focusFirstError() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'console-login': CustomEvent<StaffMe>;
  }
}
