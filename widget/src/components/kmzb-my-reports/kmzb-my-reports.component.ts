import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Status } from '../../../../common/catalogue.js';
import { loadMyReports, type MyReport, statusChanged } from '../../api/my-reports.js';
import { getReport } from '../../api/reports.js';
import { I18nController } from '../../i18n/i18n-controller.js';
import { trackTranslations } from '../../i18n/track/index.js';

/**
 * Asks the widget to show a report's status in its tracking view: `track-open` with the id and
 * token, bubbling out of the form's and this list's shadow roots to `<kmzb-map>`.
 */
export function openTracking(from: HTMLElement, id: string, token: string): void {
  from.dispatchEvent(new CustomEvent('track-open', { detail: { id, token }, bubbles: true, composed: true }));
}

/**
 * The reports sent from this device (kept in local storage with their tracking tokens), each
 * with its current status, asked of the API when the list is shown.
 */
export class KmzbMyReports extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    h4 {
      margin: 12px 0 4px;
      font-size: 1em;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding: 6px 0;
      border-top: 1px solid #c9ccd1;
    }
    .id {
      font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
      font-weight: 600;
    }
    .status {
      font-weight: 600;
    }
    .changed {
      padding: 0 6px;
      border: 1px solid currentColor;
      border-radius: 4px;
      font-size: 0.9em;
    }
    button {
      min-height: 44px;
      padding: 4px 12px;
      font: inherit;
      color: var(--kmzb-accent, #0b3d91);
      background: #fff;
      border: 1px solid currentColor;
      border-radius: 4px;
      cursor: pointer;
    }
  `;

  /** Base URL of the API, as the widget's `api` attribute gives it. */
  @property() accessor api: string | undefined;
  @property({ attribute: 'lang' }) private accessor langAttribute: string | null = null;

  @state() private accessor statuses: Partial<Record<string, Status | 'unknown'>> = {};
  readonly #reports: MyReport[] = loadMyReports();
  readonly #i18n = new I18nController(this);
  #abort: AbortController | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    for (const report of this.#reports) {
      getReport(this.api, report.id, report.token, signal).then(
        (view) => (this.statuses = { ...this.statuses, [report.id]: view.status }),
        () => signal.aborted || (this.statuses = { ...this.statuses, [report.id]: 'unknown' }),
      );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  override render() {
    const t = this.#i18n.t;
    if (!this.#reports.length) return nothing;
    return html`
      <h4 id="my-reports">${t.report.myReports.title}</h4>
      <ul aria-labelledby="my-reports">
        ${this.#reports.map((report) => {
          const status = this.statuses[report.id];
          const label = status === undefined ? t.report.myReports.loading : status === 'unknown' ? t.report.myReports.unknown : t.statuses[status];
          const changed = status !== undefined && status !== 'unknown' && statusChanged(report, status);
          return html`<li data-id=${report.id}>
            <span class="id">${report.id}</span>
            <span>${t.report.myReports.sentOn(new Date(report.createdAt))}</span>
            <span class="status">${label}</span>
            ${changed ? html`<strong class="changed">${trackTranslations[this.#i18n.lang].changed}</strong>` : nothing}
            <button type="button" class="track" @click=${() => openTracking(this, report.id, report.token)}>${trackTranslations[this.#i18n.lang].show(report.id)}</button>
          </li>`;
        })}
      </ul>
    `;
  }
}
