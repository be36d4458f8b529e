import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { ReportView } from '../../../../common/schemas/report.js';
import type { ApiError } from '../../api/client.js';
import { dateTime } from '../../i18n/format.js';
import { I18nController } from '../../i18n/i18n-controller.js';
import { STATUS_COLORS } from '../../map/feature-style.js';
import { categoryIcon } from '../kmzb-report-form/icons.js';
import { panelStyles } from '../panel.styles.js';

export type DetailState =
  | { status: 'loading'; id: string }
  | { status: 'ready'; id: string; report: ReportView }
  | { status: 'error'; id: string; error: ApiError };

/**
 * One public report: category, status in words with its colour, dates, "I see it too" count
 * and the police's public notes. Notes are citizens'-facing text from staff: rendered as text
 * (Lit escapes it), never as HTML. Fires `detail-close` from its Close button, `retry` after an error.
 */
export class KmzbReportDetail extends LitElement {
  static override styles = [
    panelStyles,
    css`
      .head { display: flex; align-items: start; justify-content: space-between; gap: 8px; }
      h3 { margin: 0; font-size: 1.05em; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 8px 0; }
      dt { font-weight: 600; }
      dd { margin: 0; }
      h4 { margin: 8px 0 4px; font-size: 1em; }
      ol { margin: 0; padding-inline-start: 1.2em; }
      li { margin-bottom: 6px; }
      .note { white-space: pre-line; overflow-wrap: anywhere; }
    `,
  ];

  @property({ attribute: false }) accessor state: DetailState | undefined;
  @property({ attribute: false }) accessor catalogue: ReadonlyMap<string, Category> = new Map();
  @property({ attribute: 'lang' }) private accessor langAttribute: string | null = null;
  readonly #i18n = new I18nController(this);

  /** Focus the heading, so a reader who opened the detail from the list lands in it. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  override render() {
    const state = this.state;
    if (!state) return nothing;
    const t = this.#i18n.t;
    return html`
      <div class="head">
        <h3 tabindex="-1">${t.reportMap.detail.title(state.id)}</h3>
        <button type="button" class="secondary" part="close" @click=${() => this.dispatchEvent(new Event('detail-close'))}>
          ${t.reportMap.detail.close}
        </button>
      </div>
      ${state.status === 'loading' ? html`<p>${t.reportMap.detail.loading}</p>` : nothing}
      ${state.status === 'error'
        ? html`<p>${t.errors[state.error.code]({ unitId: '' })}</p>
            ${state.error.retryable ? html`<button type="button" @click=${() => this.dispatchEvent(new Event('retry'))}>${t.status.retry}</button>` : nothing}`
        : nothing}
      ${state.status === 'ready' ? this.#report(state.report) : nothing}
    `;
  }

  #report(report: ReportView) {
    const t = this.#i18n.t;
    const d = t.reportMap.detail;
    const lang = this.#i18n.lang;
    const category = this.catalogue.get(report.category);
    const notes = report.history.filter((entry) => entry.note);
    return html`
      <dl>
        <dt>${d.category}</dt>
        <dd class="category">${category ? categoryIcon(category.code, category.domain) : nothing} ${category?.names[lang] ?? report.category}</dd>
        <dt>${d.status}</dt>
        <dd class="status"><span class="swatch" style="background:${STATUS_COLORS[report.status]}"></span>${t.statuses[report.status]}</dd>
        <dt>${d.created}</dt>
        <dd class="created"><time datetime=${report.createdAt}>${dateTime(new Date(report.createdAt), lang)}</time></dd>
        <dt>${d.updated}</dt>
        <dd class="updated"><time datetime=${report.updatedAt}>${dateTime(new Date(report.updatedAt), lang)}</time></dd>
        <dt>${d.confirmations}</dt>
        <dd class="confirmations">${report.confirmations}</dd>
      </dl>
      <h4>${d.notes}</h4>
      ${notes.length
        ? html`<ol class="notes">
            ${notes.map(
              (entry) => html`<li>
                <time datetime=${entry.at}>${dateTime(new Date(entry.at), lang)}</time>, ${t.statuses[entry.status]}:
                <span class="note">${entry.note}</span>
              </li>`,
            )}
          </ol>`
        : html`<p>${d.noNotes}</p>`}
    `;
  }
}
