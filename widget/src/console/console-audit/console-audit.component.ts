import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { AuditEntry, AuditPage, AuditQuery, StaffAccount } from '../../../../common/schemas/staff.js';
import type { UnitSummary } from '../../../../common/schemas/unit.js';
import { AUDIT_ACTIONS } from '../../../../common/staff.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';
import { auditTarget, describeAudit, type AuditNames } from './audit-words.js';

/**
 * The audit log of the admin's units, newest first, a page at a time, in words: when, who,
 * what they did, to which report, account or unit (a report links to its page). A filter bar
 * narrows it by staff account, report number and action; the server does the filtering.
 */
export class ConsoleAudit extends LitElement {
  static override styles = [consoleStyles, css`
    form.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; max-width: none; margin-bottom: 12px; }
  `];
  readonly #i18n = new ConsoleI18n(this);
  @property({ attribute: false }) accessor units: readonly UnitSummary[] = [];
  @property({ attribute: false }) accessor categories: readonly Category[] = [];
  @state() private accessor page: AuditPage | undefined;
  @state() private accessor accounts: StaffAccount[] = [];
  @state() private accessor filter: Omit<AuditQuery, 'page'> = {};
  @state() private accessor error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(1);
    staffApi.accounts().then((list) => (this.accounts = list.accounts), () => undefined);
  }

  async load(page: number): Promise<void> {
    try {
      this.page = await staffApi.audit(page, this.filter);
      this.error = '';
    } catch (error) {
      if (!endedSession(this, error)) this.error = this.#i18n.error(error);
    }
  }

  override render() {
    const t = this.#i18n.t;
    return html`
      <h2 tabindex="-1">${t.audit.heading}</h2>
      ${this.#filters()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.page ? this.#table(this.page) : html`<p>${t.loading}</p>`}
    `;
  }

  #filters() {
    const a = this.#i18n.t.auditLog;
    return html`<form class="filters" aria-label=${a.filters} @submit=${this.#apply} @reset=${this.#reset}>
      <label>${a.staff}<select name="staff"><option value="">${a.anyone}</option>
        ${this.accounts.map((s) => html`<option value=${s.id}>${s.displayName} (${s.login})</option>`)}</select></label>
      <label>${a.report}<input name="report" size="12" pattern="[A-Za-z0-9]{1,64}" autocomplete="off" /></label>
      <label>${a.action}<select name="action"><option value="">${a.anyAction}</option>
        ${AUDIT_ACTIONS.map((action) => html`<option value=${action}>${a.actions[action]}</option>`)}</select></label>
      <div class="buttons"><button type="submit">${a.apply}</button><button type="reset" class="secondary">${a.reset}</button></div>
    </form>`;
  }

  #apply(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const filter: Omit<AuditQuery, 'page'> = {};
    const staff = value('staff');
    const report = value('report')?.toUpperCase();
    const action = value('action');
    if (staff) filter.staff = staff;
    if (report) filter.report = report;
    if (action) filter.action = action;
    this.filter = filter;
    void this.load(1);
  }

  #reset() {
    this.filter = {};
    void this.load(1);
  }

  #table(page: AuditPage) {
    const t = this.#i18n.t;
    const a = t.audit;
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    return html`<table>
        <caption>${a.caption(page.total)}</caption>
        <thead><tr><th scope="col">${a.at}</th><th scope="col">${a.who}</th><th scope="col">${t.auditLog.what}</th>
          <th scope="col">${a.target}</th><th scope="col">${a.unit}</th></tr></thead>
        <tbody>${page.entries.map((e) => this.#row(e))}</tbody>
      </table>
      <nav class="buttons" aria-label=${t.queue.pageOf(page.page, pages)}>
        <button type="button" class="secondary" ?disabled=${page.page <= 1} @click=${() => this.load(page.page - 1)}>${t.queue.previous}</button>
        <span>${t.queue.pageOf(page.page, pages)}</span>
        <button type="button" class="secondary" ?disabled=${page.page >= pages} @click=${() => this.load(page.page + 1)}>${t.queue.next}</button>
      </nav>`;
  }

  readonly #names: AuditNames = {
    unit: (id) => this.units.find((u) => u.id === id)?.shortName ?? id,
    category: (code) => this.categories.find((c) => c.code === code)?.names[this.#i18n.lang] ?? code,
  };

  #row(entry: AuditEntry) {
    const targetText = auditTarget(this.#i18n, entry, this.#names);
    const target = entry.targetType === 'report' && entry.targetId
      ? html`<a href="#report/${encodeURIComponent(entry.targetId)}">${targetText}</a>`
      : targetText;
    return html`<tr data-seq=${entry.seq} data-action=${entry.action}>
      <td>${this.#i18n.dateTime(entry.at)}</td><td>${entry.staff?.displayName ?? this.#i18n.t.audit.system}</td>
      <td class="what">${describeAudit(this.#i18n, entry, this.#names)}</td><td class="target">${target}</td>
      <td>${entry.unit ? this.#names.unit(entry.unit) : ''}</td>
    </tr>`;
  }
}
