import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { StaffReport } from '../../../../common/schemas/staff.js';
import { toApiError, type ApiError } from '../../api/client.js';
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
 *
 * The element stays when the hash goes from one report to another, so a new `report-id` drops
 * everything of the old report at once (details, the duplicate form, an open dialog) and an
 * answer that comes late for the old one is ignored. Errors are kept as errors and put into
 * words when rendered, so they follow a change of language.
 */
export class ConsoleReport extends LitElement {
  static override styles = consoleStyles;
  readonly #i18n = new ConsoleI18n(this);
  @property({ attribute: 'report-id' }) accessor reportId = '';
  @property({ attribute: false }) accessor categories: readonly Category[] = [];
  @state() private accessor report: StaffReport | undefined;
  @state() private accessor error: ApiError | undefined;
  @state() private accessor duplicateError: ApiError | undefined;
  @query('console-status-dialog') private accessor dialog!: ConsoleStatusDialog | null;
  /** Aborted when the page moves to another report: what was under way for the old one is moot. */
  #shown = new AbortController();
  /** Counts loads, so only the latest one's answer is shown. */
  #loads = 0;

  override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('reportId')) return;
    this.#shown.abort();
    this.#shown = new AbortController();
    // Nothing of the old report under the new heading: the loading state until the new one is here.
    this.report = undefined;
    this.error = undefined;
    this.duplicateError = undefined;
    this.dialog?.close();
    this.renderRoot.querySelector<HTMLFormElement>('form.duplicate')?.reset();
    void this.load();
  }

  async load(): Promise<void> {
    const load = ++this.#loads;
    const id = this.reportId;
    try {
      const report = await staffApi.report(id);
      if (load !== this.#loads || id !== this.reportId) return;
      this.report = report;
      this.error = undefined;
    } catch (error) {
      if (load !== this.#loads || id !== this.reportId) return;
      if (!endedSession(this, error)) this.error = toApiError(error);
    }
  }

  override render() {
    const t = this.#i18n.t.report;
    return html`
      <p><a href="#queue">${t.back}</a></p>
      <h2 tabindex="-1">${t.heading(this.reportId)}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.#i18n.error(this.error)}</p>` : nothing}
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
        <button type="button" class="change-status" @click=${() => this.dialog?.open()}>${t.report.changeStatus}</button>
        <button type="button" class="secondary hide" ?hidden=${!r.allowedMoves.includes('hidden')} @click=${() => this.dialog?.open('hidden')}>${t.report.hide}</button>
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
          aria-invalid=${this.duplicateError ? 'true' : nothing}
          aria-describedby=${this.duplicateError ? 'duplicate-error' : nothing} /></label>
        <label>${this.#i18n.t.statusDialog.publicNote}<textarea name="publicNote" maxlength="1000" rows="2"></textarea></label>
        ${this.duplicateError ? html`<p class="error" id="duplicate-error" role="alert">${this.#i18n.error(this.duplicateError)}</p>` : nothing}
        <div class="buttons"><button type="submit">${t.linkDuplicate}</button></div>
      </form>
    </details>`;
  }

  async #linkDuplicate(event: SubmitEvent) {
    event.preventDefault();
    const report = this.report;
    if (!report) return;
    const shown = this.#shown.signal;
    const data = new FormData(event.target as HTMLFormElement);
    const original = String(data.get('original') ?? '').trim().toUpperCase();
    const publicNote = String(data.get('publicNote') ?? '').trim();
    try {
      await staffApi.duplicateOf(report.id, { original, version: report.version, ...(publicNote ? { publicNote } : {}) });
      announce(this, this.#i18n.t.report.linked(original), `#report/${report.id}`);
      // Done, but the page may show another report by now: leave that one alone.
      if (shown.aborted) return;
      this.duplicateError = undefined;
      await this.load();
    } catch (error) {
      if (!endedSession(this, error) && !shown.aborted) this.duplicateError = toApiError(error);
    }
  }
}
