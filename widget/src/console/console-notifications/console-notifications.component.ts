import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { LANGS } from '../../../../common/catalogue.js';
import type { StaffNotifications, StaffNotificationsInput } from '../../../../common/schemas/staff.js';
import { toApiError, type ApiError } from '../../api/client.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';

/**
 * The signed-in account's own e-mail choices (every staff member): the address, the language of
 * the mails, a mail per new report in their units, the daily digest of deadlines. Says so plainly
 * when the server sends no mail at all (no KMZB_SMTP_URL / KMZB_MAIL_FROM).
 */
export class ConsoleNotifications extends LitElement {
  static override styles = consoleStyles;
  readonly #i18n = new ConsoleI18n(this);
  @state() private accessor choices: StaffNotifications | undefined;
  @state() private accessor error: ApiError | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.choices = await staffApi.notifications();
    } catch (error) {
      if (!endedSession(this, error)) this.error = toApiError(error);
    }
  }

  override render() {
    const { t } = this.#i18n;
    const m = t.mail;
    const c = this.choices;
    return html`
      <h2 tabindex="-1">${m.heading}</h2>
      ${c && !c.mailConfigured ? html`<p class="error not-configured">${m.notConfigured}</p>` : nothing}
      ${c ? html`<form class="notifications" @submit=${this.#save}>
        <label>${m.email}<input name="email" type="email" maxlength="254" autocomplete="email" .value=${c.email ?? ''}
          aria-describedby="email-hint" aria-invalid=${this.error ? 'true' : nothing} /></label>
        <p class="hint" id="email-hint">${m.emailHint}</p>
        <label>${m.lang}<select name="lang">${LANGS.map((l) => html`<option value=${l} ?selected=${l === c.lang}>${t.languages[l]}</option>`)}</select></label>
        <label class="inline"><input type="checkbox" name="newReports" .checked=${c.newReports} />${m.newReports}</label>
        <label class="inline"><input type="checkbox" name="digest" .checked=${c.digest} />${m.digest}</label>
        ${!c.email && (c.newReports || c.digest) ? html`<p class="hint">${m.noAddress}</p>` : nothing}
        ${this.error ? html`<p class="error" role="alert">${this.#i18n.error(this.error)}</p>` : nothing}
        <div class="buttons"><button type="submit">${m.save}</button></div>
      </form>` : this.error ? html`<p class="error" role="alert">${this.#i18n.error(this.error)}</p>` : html`<p>${t.loading}</p>`}
    `;
  }

  async #save(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const input: StaffNotificationsInput = {
      email: String(data.get('email') ?? '').trim() || null,
      lang: String(data.get('lang')) as StaffNotificationsInput['lang'],
      newReports: data.get('newReports') !== null,
      digest: data.get('digest') !== null,
    };
    try {
      this.choices = await staffApi.saveNotifications(input);
      this.error = undefined;
      announce(this, this.#i18n.t.mail.saved);
    } catch (error) {
      if (!endedSession(this, error)) this.error = toApiError(error);
    }
  }
}
