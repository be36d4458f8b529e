import { html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { property, query, state } from 'lit/decorators.js';
import type { MailStatus, NewStaffAccount, StaffAccount, StaffAccountPatch } from '../../../../common/schemas/staff.js';
import { STAFF_PASSWORD_MIN_LENGTH, STAFF_ROLES, type StaffRole } from '../../../../common/staff.js';
import type { UnitSummary } from '../../../../common/schemas/unit.js';
import { toApiError, type ApiError } from '../../api/client.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';

/** An account's role and unit as chosen in its row, not yet saved. */
type Draft = { role: StaffRole; unit: string; email: string };

/**
 * Staff accounts of the admin's units: the list, where role and unit are chosen in the row and
 * saved only by the row's Save button after a confirmation that spells out each change (a
 * mistaken pick in a dropdown must not move an account); disabling and enabling; and a form to
 * add an account. The result of a save is said in the live region and shown in the list.
 */
export class ConsoleStaff extends LitElement {
  static override styles = consoleStyles;
  readonly #i18n = new ConsoleI18n(this);
  @property({ attribute: false }) accessor units: readonly UnitSummary[] = [];
  @state() private accessor accounts: StaffAccount[] | undefined;
  /** Kept as errors, put into words when rendered (so they follow a change of language). */
  @state() private accessor error: ApiError | undefined;
  @state() private accessor addError: ApiError | undefined;
  /** Rows with a choice not yet saved, by account id. */
  @state() private accessor drafts = new Map<string, Draft>();
  /** The account whose changes the confirmation dialog asks about. */
  @state() private accessor confirming: StaffAccount | undefined;
  @state() private accessor confirmError: ApiError | undefined;
  @query('dialog.confirm') private accessor confirmDialog!: HTMLDialogElement;
  @state() private accessor mail: MailStatus | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    staffApi.mailStatus().then((mail) => (this.mail = mail), () => undefined);
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
      ${this.#confirmation()}
      ${this.mail ? this.#mailStatus(this.mail) : nothing}
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
        <th scope="col">${t.unit}</th><th scope="col">${this.#i18n.t.mail.email}</th><th scope="col">${t.state}</th><th scope="col">${t.actions}</th></tr></thead>
      <tbody>${accounts.map((a) => html`<tr data-login=${a.login}>
        <td>${a.login}</td><td>${a.displayName}</td>
        <td><select aria-label=${t.roleOf(a.login)} .value=${live(this.drafts.get(a.id)?.role ?? a.role)} @change=${(e: Event) => this.#choose(a, { role: (e.target as HTMLSelectElement).value as StaffRole })}>
          ${this.#roleOptions(this.drafts.get(a.id)?.role ?? a.role)}</select></td>
        <td><select aria-label=${t.unitOf(a.login)} .value=${live(this.drafts.get(a.id)?.unit ?? a.unit)} @change=${(e: Event) => this.#choose(a, { unit: (e.target as HTMLSelectElement).value })}>
          ${this.#unitOptions(this.drafts.get(a.id)?.unit ?? a.unit)}</select></td>
        <td><input type="email" class="email" size="22" maxlength="254" aria-label=${this.#i18n.t.mail.emailOf(a.login)}
          .value=${live(this.drafts.get(a.id)?.email ?? a.email ?? '')} @input=${(e: Event) => this.#choose(a, { email: (e.target as HTMLInputElement).value.trim() })} /></td>
        <td>${a.disabled ? t.disabled : t.active}</td>
        <td class="buttons"><button type="button" class="save" aria-label="${this.#i18n.t.staffSave.save}: ${a.login}" ?disabled=${!this.drafts.has(a.id)}
          @click=${() => this.#askToSave(a)}>${this.#i18n.t.staffSave.save}</button>
          <button type="button" class="secondary toggle" aria-label="${a.disabled ? t.enable : t.disable}: ${a.login}"
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
      <label>${this.#i18n.t.mail.email}<input name="email" type="email" maxlength="254" autocomplete="off" /></label>
      <label>${t.password}<input name="password" type="password" required minlength=${STAFF_PASSWORD_MIN_LENGTH}
        autocomplete="new-password" aria-describedby="password-hint" /></label>
      <p class="hint" id="password-hint">${t.passwordHint(STAFF_PASSWORD_MIN_LENGTH)}</p>
      ${this.addError ? html`<p class="error" role="alert">${this.#i18n.error(this.addError)}</p>` : nothing}
      <div class="buttons"><button type="submit">${t.create}</button></div>
    </form>`;
  }

  /** For admins: whether the server sends mail, and the deliveries that failed in their units. */
  #mailStatus(mail: MailStatus) {
    const m = this.#i18n.t.mail;
    return html`<h3>${m.statusHeading}</h3>
      <p class=${mail.configured ? 'mail-configured' : 'error not-configured'}>${mail.configured ? m.configured : m.notConfigured}</p>
      ${mail.problems.length ? html`<table class="mail-failures">
        <caption>${m.failuresCaption(mail.problems.length)}</caption>
        <thead><tr><th scope="col">${m.columns.recipient}</th><th scope="col">${m.columns.subject}</th><th scope="col">${m.columns.attempts}</th>
          <th scope="col">${m.columns.error}</th><th scope="col">${m.columns.state}</th></tr></thead>
        <tbody>${mail.problems.map((p) => html`<tr><td>${p.recipient ?? m.reporter}</td><td>${p.subject}</td><td>${p.attempts}</td>
          <td>${p.lastError ?? ''}</td><td>${p.failedAt ? m.gaveUp(this.#i18n.dateTime(p.failedAt)) : p.nextAttemptAt ? m.retrying(this.#i18n.dateTime(p.nextAttemptAt)) : ''}</td></tr>`)}</tbody>
      </table>` : mail.configured ? html`<p>${m.noFailures}</p>` : nothing}`;
  }

  /** The confirmation: each change of the account in words, Save and Cancel. */
  #confirmation() {
    const t = this.#i18n.t.staffSave;
    const account = this.confirming;
    const changes = account ? this.#changes(account) : [];
    return html`<dialog class="confirm" aria-labelledby="confirm-heading" @close=${() => (this.confirming = undefined)}>
      <h2 id="confirm-heading">${account ? t.confirmHeading(account.login) : ''}</h2>
      <ul class="changes">${changes.map((c) => html`<li>${c}</li>`)}</ul>
      ${this.confirmError ? html`<p class="error" role="alert">${this.#i18n.error(this.confirmError)}</p>` : nothing}
      <div class="buttons">
        <button type="button" class="confirm-save" @click=${this.#save}>${t.confirmSave}</button>
        <button type="button" class="secondary" @click=${() => this.confirmDialog.close()}>${t.cancel}</button>
      </div>
    </dialog>`;
  }

  /** What the row's draft would change, in words ("Rola: funkcjonariusz → administrator"). */
  #changes(account: StaffAccount): string[] {
    const t = this.#i18n.t.staff;
    const { change } = this.#i18n.t.staffSave;
    const draft = this.drafts.get(account.id);
    if (!draft) return [];
    const unitName = (id: string) => this.units.find((u) => u.id === id)?.shortName ?? id;
    const out: string[] = [];
    if (draft.role !== account.role) out.push(change(t.role, t.roles[account.role], t.roles[draft.role]));
    if (draft.unit !== account.unit) out.push(change(t.unit, unitName(account.unit), unitName(draft.unit)));
    if (draft.email !== (account.email ?? '')) out.push(change(this.#i18n.t.mail.email, account.email || '–', draft.email || '–'));
    return out;
  }

  /** A pick in a row's dropdown: kept as the row's draft (dropped when it matches what is stored). */
  #choose(account: StaffAccount, pick: Partial<Draft>) {
    const draft = { role: account.role, unit: account.unit, email: account.email ?? '', ...this.drafts.get(account.id), ...pick };
    const drafts = new Map(this.drafts);
    if (draft.role === account.role && draft.unit === account.unit && draft.email === (account.email ?? '')) drafts.delete(account.id);
    else drafts.set(account.id, draft);
    this.drafts = drafts;
  }

  async #askToSave(account: StaffAccount) {
    this.confirming = account;
    this.confirmError = undefined;
    await this.updateComplete;
    this.confirmDialog.showModal();
  }

  async #save() {
    const account = this.confirming;
    const draft = account && this.drafts.get(account.id);
    if (!account || !draft) return;
    const changes = this.#changes(account);
    const patch: StaffAccountPatch = {};
    if (draft.role !== account.role) patch.role = draft.role;
    if (draft.unit !== account.unit) patch.unit = draft.unit;
    if (draft.email !== (account.email ?? '')) patch.email = draft.email || null;
    try {
      await staffApi.patchAccount(account.id, patch);
    } catch (error) {
      if (!endedSession(this, error)) this.confirmError = toApiError(error);
      return;
    }
    // The stored values first, then the draft goes: the row never shows the old values meanwhile.
    await this.load();
    const drafts = new Map(this.drafts);
    drafts.delete(account.id);
    this.drafts = drafts;
    this.confirmDialog.close();
    announce(this, this.#i18n.t.staffSave.saved(account.login, changes.join('; ')));
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
    if (!data.email) delete data.email;
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
