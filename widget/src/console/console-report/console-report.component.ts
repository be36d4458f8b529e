import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { StaffReport } from '../../../../common/schemas/staff.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';
import type { ConsoleStatusDialog } from './console-status-dialog.component.js';
import { historyList } from './report-history.js';

/**
 * One report in full: details, photos (through the staff photo route), the whole history with
 * internal notes, and the actions: the status dialog, hiding (the same dialog, hidden chosen)
 * and linking as a duplicate. All citizen text is bound as text, never as markup.
 */
export class ConsoleReport extends LitElement {
  static override styles = consoleStyles;
  readonly #i18n = new ConsoleI18n(this);
  @property({ attribute: 'report-id' }) accessor reportId = '';
  @property({ attribute: false }) accessor categories: readonly Category[] = [];
  @state() private accessor report: StaffReport | undefined;
  @state() private accessor error = '';
  @state() private accessor duplicateError = '';
  @query('console-status-dialog') private accessor dialog!: ConsoleStatusDialog;

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('reportId')) void this.load();
  }

  async load(): Promise<void> {
    try {
      this.report = await staffApi.report(this.reportId);
      this.error = '';
    } catch (error) {
      if (!endedSession(this, error)) this.error = this.#i18n.error(error);
    }
  }

  override render() {
    const t = this.#i18n.t.report;
    return html`
      <p><a href="#queue">${t.back}</a></p>
      <h2 tabindex="-1">${t.heading(this.reportId)}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.report ? this.#body(this.report) : this.error ? nothing : html`<p>${this.#i18n.t.loading}</p>`}
    `;
  }

  #body(r: StaffReport) {
    const { t, w } = this.#i18n;
    const category = this.categories.find((c) => c.code === r.category)?.names[this.#i18n.lang] ?? r.category;
    const row = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
    return html`
      <h3>${t.report.details}</h3>
      <dl>
        ${row(t.report.category, category)} ${row(t.report.status, w.statuses[r.status])} ${row(t.report.unit, r.unit.shortName)}
        ${row(t.report.source, t.sources[r.source])} ${row(t.report.created, this.#i18n.dateTime(r.createdAt))}
        ${r.eventAt ? row(t.report.eventAt, this.#i18n.dateTime(r.eventAt)) : nothing}
        ${row(t.report.location, `${r.lon.toFixed(5)}, ${r.lat.toFixed(5)}`)} ${row(t.report.confirmations, r.confirmations)}
        ${r.duplicateOf ? row(t.report.duplicateOf, html`<a href="#report/${r.duplicateOf}">${r.duplicateOf}</a>`) : nothing}
      </dl>
      <h3>${t.report.description}</h3>
      <p class="description">${r.description || t.report.noDescription}</p>
      ${r.photos.length ? html`<h3>${t.report.photos}</h3>
        <div class="photos">${r.photos.map((p) => html`<img src=${staffApi.photoUrl(r.id, p.n)} alt=${t.report.photoAlt(p.n, r.id)} width="240" />`)}</div>` : nothing}
      <div class="buttons actions">
        <button type="button" class="change-status" @click=${() => this.dialog.open()}>${t.report.changeStatus}</button>
        <button type="button" class="secondary hide" ?hidden=${!r.allowedMoves.includes('hidden')} @click=${() => this.dialog.open('hidden')}>${t.report.hide}</button>
      </div>
      <console-status-dialog .report=${r} @report-changed=${() => this.load()}></console-status-dialog>
      ${this.#duplicateForm(r)}
      <h3>${t.report.history}</h3>
      ${historyList(this.#i18n, r.history)}
    `;
  }

  #duplicateForm(r: StaffReport) {
    const t = this.#i18n.t.report;
    if (r.duplicateOf || r.status === 'hidden') return nothing;
    return html`<details>
      <summary>${t.duplicate}</summary>
      <form class="duplicate" @submit=${this.#linkDuplicate}>
        <label>${t.originalId}<input name="original" required pattern="[A-Za-z0-9]+"
          aria-describedby=${this.duplicateError ? 'duplicate-error' : nothing} /></label>
        <label>${this.#i18n.t.statusDialog.publicNote}<textarea name="publicNote" maxlength="1000" rows="2"></textarea></label>
        ${this.duplicateError ? html`<p class="error" id="duplicate-error" role="alert">${this.duplicateError}</p>` : nothing}
        <div class="buttons"><button type="submit">${t.linkDuplicate}</button></div>
      </form>
    </details>`;
  }

  async #linkDuplicate(event: SubmitEvent) {
    event.preventDefault();
    const report = this.report;
    if (!report) return;
    const data = new FormData(event.target as HTMLFormElement);
    const original = String(data.get('original') ?? '').trim().toUpperCase();
    const publicNote = String(data.get('publicNote') ?? '').trim();
    try {
      await staffApi.duplicateOf(report.id, { original, version: report.version, ...(publicNote ? { publicNote } : {}) });
      this.duplicateError = '';
      announce(this, this.#i18n.t.report.linked(original));
      await this.load();
    } catch (error) {
      if (!endedSession(this, error)) this.duplicateError = this.#i18n.error(error);
    }
  }
}
