import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { AuditEntry, AuditPage } from '../../../../common/schemas/staff.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';

/** The audit log of the admin's units, newest first, a page at a time. */
export class ConsoleAudit extends LitElement {
  static override styles = consoleStyles;
  readonly #i18n = new ConsoleI18n(this);
  @state() private accessor page: AuditPage | undefined;
  @state() private accessor error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(1);
  }

  async load(page: number): Promise<void> {
    try {
      this.page = await staffApi.audit(page);
    } catch (error) {
      if (!endedSession(this, error)) this.error = this.#i18n.error(error);
    }
  }

  override render() {
    const t = this.#i18n.t;
    return html`
      <h2 tabindex="-1">${t.audit.heading}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.page ? this.#table(this.page) : html`<p>${t.loading}</p>`}
    `;
  }

  #table(page: AuditPage) {
    const t = this.#i18n.t;
    const a = t.audit;
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    return html`<table>
        <caption>${a.caption(page.total)}</caption>
        <thead><tr><th scope="col">${a.at}</th><th scope="col">${a.who}</th><th scope="col">${a.action}</th>
          <th scope="col">${a.target}</th><th scope="col">${a.unit}</th><th scope="col">${a.change}</th></tr></thead>
        <tbody>${page.entries.map((e) => this.#row(e))}</tbody>
      </table>
      <nav class="buttons" aria-label=${t.queue.pageOf(page.page, pages)}>
        <button type="button" class="secondary" ?disabled=${page.page <= 1} @click=${() => this.load(page.page - 1)}>${t.queue.previous}</button>
        <span>${t.queue.pageOf(page.page, pages)}</span>
        <button type="button" class="secondary" ?disabled=${page.page >= pages} @click=${() => this.load(page.page + 1)}>${t.queue.next}</button>
      </nav>`;
  }

  #row(entry: AuditEntry) {
    const target = entry.targetType === 'report' && entry.targetId
      ? html`<a href="#report/${entry.targetId}">${entry.targetId}</a>`
      : `${entry.targetType} ${entry.targetId ?? ''}`;
    // Before and after are the API's JSON as text: exact, and never markup.
    const change = [entry.before, entry.after].map((v) => (v === null || v === undefined ? '–' : JSON.stringify(v))).join(' → ');
    return html`<tr>
      <td>${this.#i18n.dateTime(entry.at)}</td><td>${entry.staff?.displayName ?? this.#i18n.t.audit.system}</td>
      <td><code>${entry.action}</code></td><td>${target}</td><td>${entry.unit ?? ''}</td><td><code>${change}</code></td>
    </tr>`;
  }
}
