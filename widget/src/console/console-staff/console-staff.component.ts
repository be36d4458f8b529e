import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { NewStaffAccount, StaffAccount, StaffAccountPatch } from '../../../../common/schemas/staff.js';
import { STAFF_PASSWORD_MIN_LENGTH, STAFF_ROLES, type StaffRole } from '../../../../common/staff.js';
import type { UnitSummary } from '../../../../common/schemas/unit.js';
import { toApiError, type ApiError } from '../../api/client.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';

/**
 * Staff accounts of the admin's units: the list, where role and unit change at once (each
 * change is saved and announced), disabling and enabling, and a form to add an account.
 */
export class ConsoleStaff extends LitElement {
  static override styles = consoleStyles;
  readonly #i18n = new ConsoleI18n(this);
  @property({ attribute: false }) accessor units: readonly UnitSummary[] = [];
  @state() private accessor accounts: StaffAccount[] | undefined;
  /** Kept as errors, put into words when rendered (so they follow a change of language). */
  @state() private accessor error: ApiError | undefined;
  @state() private accessor addError: ApiError | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.accounts = (await staffApi.accounts()).accounts;
      this.error = undefined;
    } catch (error) {
      if (!endedSession(this, error)) this.error = toApiError(error);
    }
  }

  override render() {
    const t = this.#i18n.t.staff;
    return html`
      <h2 tabindex="-1">${t.heading}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.#i18n.error(this.error)}</p>` : nothing}
      ${this.accounts ? this.#table(this.accounts) : html`<p>${this.#i18n.t.loading}</p>`}
      <h3>${t.add}</h3>
      ${this.#addForm()}
    `;
  }

  #roleOptions(selected?: StaffRole) {
    return STAFF_ROLES.map((r) => html`<option value=${r} ?selected=${r === selected}>${this.#i18n.t.staff.roles[r]}</option>`);
  }

  #unitOptions(selected?: string) {
    return this.units.map((u) => html`<option value=${u.id} ?selected=${u.id === selected}>${u.shortName}</option>`);
  }

  #table(accounts: StaffAccount[]) {
    const t = this.#i18n.t.staff;
    return html`<table>
      <caption>${t.caption}</caption>
      <thead><tr><th scope="col">${t.login}</th><th scope="col">${t.name}</th><th scope="col">${t.role}</th>
        <th scope="col">${t.unit}</th><th scope="col">${t.state}</th><th scope="col">${t.actions}</th></tr></thead>
      <tbody>${accounts.map((a) => html`<tr data-login=${a.login}>
        <td>${a.login}</td><td>${a.displayName}</td>
        <td><select aria-label=${t.roleOf(a.login)} @change=${(e: Event) => this.#patch(a, { role: (e.target as HTMLSelectElement).value as StaffRole })}>
          ${this.#roleOptions(a.role)}</select></td>
        <td><select aria-label=${t.unitOf(a.login)} @change=${(e: Event) => this.#patch(a, { unit: (e.target as HTMLSelectElement).value })}>
          ${this.#unitOptions(a.unit)}</select></td>
        <td>${a.disabled ? t.disabled : t.active}</td>
        <td><button type="button" class="secondary" aria-label="${a.disabled ? t.enable : t.disable}: ${a.login}"
          @click=${() => this.#patch(a, { disabled: !a.disabled })}>${a.disabled ? t.enable : t.disable}</button></td>
      </tr>`)}</tbody>
    </table>`;
  }

  #addForm() {
    const t = this.#i18n.t.staff;
    return html`<form class="add" @submit=${this.#add}>
      <label>${t.login}<input name="login" required pattern="[A-Za-z0-9._\\-]{2,64}" autocomplete="off" /></label>
      <label>${t.name}<input name="displayName" required maxlength="120" autocomplete="off" /></label>
      <label>${t.role}<select name="role">${this.#roleOptions()}</select></label>
      <label>${t.unit}<select name="unit">${this.#unitOptions()}</select></label>
      <label>${t.password}<input name="password" type="password" required minlength=${STAFF_PASSWORD_MIN_LENGTH}
        autocomplete="new-password" aria-describedby="password-hint" /></label>
      <p class="hint" id="password-hint">${t.passwordHint(STAFF_PASSWORD_MIN_LENGTH)}</p>
      ${this.addError ? html`<p class="error" role="alert">${this.#i18n.error(this.addError)}</p>` : nothing}
      <div class="buttons"><button type="submit">${t.create}</button></div>
    </form>`;
  }

  async #patch(account: StaffAccount, patch: StaffAccountPatch) {
    try {
      await staffApi.patchAccount(account.id, patch);
      announce(this, this.#i18n.t.staff.updated(account.login));
    } catch (error) {
      if (!endedSession(this, error)) announce(this, this.#i18n.error(error));
    }
    await this.load();
  }

  async #add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as unknown as NewStaffAccount;
    try {
      const created = await staffApi.createAccount(data);
      this.addError = undefined;
      form.reset();
      announce(this, this.#i18n.t.staff.created(created.login));
      await this.load();
    } catch (error) {
      if (!endedSession(this, error)) this.addError = toApiError(error);
    }
  }
}
