import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { ReportView } from '../../../../common/schemas/report.js';
import { type ApiError, toApiError } from '../../api/client.js';
import { markSeen } from '../../api/my-reports.js';
import { getCategories, getReport } from '../../api/reports.js';
import { trackingTokenFromHash, trackingUrlOf } from '../../api/tracking.js';
import { dateTime } from '../../i18n/format.js';
import { I18nController } from '../../i18n/i18n-controller.js';
import { trackTranslations } from '../../i18n/track/index.js';
import { STATUS_COLORS } from '../../map/feature-style.js';
import { domainIcon } from '../kmzb-report-form/icons.js';
import { panelStyles } from '../panel.styles.js';

type TrackState =
  | { status: 'loading' }
  | { status: 'ready'; report: ReportView }
  | { status: 'error'; error: ApiError }
  | { status: 'no-token' };

/**
 * A citizen's own report, opened by its private tracking link (`/r/:id#token=…`) or from "my
 * reports": the current status, the unit, and the whole public history with the police's public
 * notes (as text, never HTML), with the link to copy or share. The token comes from the `token`
 * property, else from the page's URL fragment, where the tracking link carries it.
 */
export class KmzbReportTrack extends LitElement {
  static override styles = [
    panelStyles,
    css`
      :host { display: block; }
      h3 { margin: 0 0 8px; font-size: 1.1em; }
      h4 { margin: 12px 0 4px; font-size: 1em; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 8px 0; }
      dt { font-weight: 600; }
      dd { margin: 0; }
      ol { margin: 0; padding-inline-start: 1.2em; }
      li { margin-bottom: 8px; }
      .note { display: block; white-space: pre-line; overflow-wrap: anywhere; }
      .link { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
      .link input { flex: 1 1 16em; min-width: 0; min-height: 44px; font: inherit; }
      .link button { min-height: 44px; }
    `,
  ];

  /** Base URL of the API, as the widget's `api` attribute gives it. */
  @property() accessor api: string | undefined;
  /** The report's public id. */
  @property() accessor report: string | undefined;
  /** The tracking token; unset: `#token=` of the page's URL. */
  @property() accessor token: string | undefined;
  @property({ attribute: 'lang' }) private accessor langAttribute: string | null = null;

  @state() private accessor state: TrackState = { status: 'loading' };
  @state() private accessor copyResult: 'copied' | 'copyFailed' | undefined;
  #catalogue: ReadonlyMap<string, Category> = new Map();
  #abort: AbortController | undefined;
  readonly #i18n = new I18nController(this);

  /** Resolves once the report (or why it cannot be shown) is on screen. */
  loaded: Promise<void> = Promise.resolve();

  get #token(): string | undefined {
    return this.token?.trim() || trackingTokenFromHash(location.hash);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('report') || changed.has('token') || changed.has('api')) this.loaded = this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  async #load(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const id = this.report?.trim().toUpperCase();
    const token = this.#token;
    if (!id || !token) {
      this.state = { status: 'no-token' };
      return;
    }
    this.state = { status: 'loading' };
    try {
      const [report, categories] = await Promise.all([
        getReport(this.api, id, token, abort.signal),
        getCategories(this.api).catch(() => [] as Category[]),
      ]);
      if (abort.signal.aborted) return;
      this.#catalogue = new Map(categories.map((c) => [c.code, c]));
      this.state = { status: 'ready', report };
      // "My reports" marks a status this device has not seen yet: now it has.
      markSeen(report.id, report.status);
    } catch (error) {
      if (!abort.signal.aborted) this.state = { status: 'error', error: toApiError(error) };
    }
  }

  override render() {
    const t = this.#i18n.t;
    const k = trackTranslations[this.#i18n.lang];
    const id = this.report?.trim().toUpperCase() ?? '';
    const state = this.state;
    return html`<section aria-labelledby="track-title">
      <h3 id="track-title" tabindex="-1">${k.title(id)}</h3>
      <div class="status-line" aria-live="polite">
        ${state.status === 'loading' ? html`<p><span class="spinner" aria-hidden="true"></span>${k.loading}</p>` : nothing}
        ${state.status === 'no-token' ? html`<p role="alert">${k.noToken}</p>` : nothing}
        ${state.status === 'error'
          ? html`<p role="alert">${state.error.code === 'REPORT_NOT_FOUND' ? k.notFound : t.errors[state.error.code]({ unitId: '' })}</p>
              ${state.error.retryable ? html`<button type="button" class="retry" @click=${() => (this.loaded = this.#load())}>${t.status.retry}</button>` : nothing}`
          : nothing}
      </div>
      ${state.status === 'ready' ? this.#report(state.report) : nothing}
    </section>`;
  }

  #report(report: ReportView) {
    const t = this.#i18n.t;
    const k = trackTranslations[this.#i18n.lang];
    const lang = this.#i18n.lang;
    const category = this.#catalogue.get(report.category);
    const when = (iso: string) => html`<time datetime=${iso}>${dateTime(new Date(iso), lang)}</time>`;
    return html`
      <dl>
        <dt>${t.reportMap.detail.category}</dt>
        <dd class="category">${category ? domainIcon(category.domain) : nothing} ${category?.names[lang] ?? report.category}</dd>
        <dt>${k.status}</dt>
        <dd class="status"><span class="swatch" style="background:${STATUS_COLORS[report.status]}"></span>${t.statuses[report.status]}</dd>
        <dt>${k.unit}</dt>
        <dd class="unit">${report.unit.name}</dd>
        <dt>${k.sent}</dt>
        <dd class="created">${when(report.createdAt)}</dd>
        <dt>${k.updated}</dt>
        <dd class="updated">${when(report.updatedAt)}</dd>
        <dt>${k.confirmations}</dt>
        <dd class="confirmations">${report.confirmations}</dd>
      </dl>
      <h4>${k.history}</h4>
      <ol class="history">
        ${[...report.history].reverse().map(
          (entry) => html`<li data-status=${entry.status}>
            ${when(entry.at)}: <strong>${t.statuses[entry.status]}</strong>
            ${entry.note ? html`<span class="note"><span class="visually-hidden">${k.note}: </span>${entry.note}</span>` : nothing}
          </li>`,
        )}
      </ol>
      ${report.history.some((entry) => entry.note) ? nothing : html`<p class="no-notes">${k.noNotes}</p>`}
      ${this.#link(report.id)}
    `;
  }

  /** The private link, to keep: copy, or the system's share sheet where the browser has one. */
  #link(id: string) {
    const k = trackTranslations[this.#i18n.lang];
    const url = trackingUrlOf(this.api, id, this.#token!);
    const share = typeof navigator.share === 'function';
    return html`<h4><label for="tracking-link">${k.link}</label></h4>
      <p id="link-hint">${k.linkHint}</p>
      <div class="link">
        <input id="tracking-link" type="text" readonly .value=${url} aria-describedby="link-hint" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button type="button" class="copy" @click=${() => this.#copy(url)}>${k.copy}</button>
        ${share ? html`<button type="button" class="secondary share" @click=${() => this.#share(id, url)}>${k.share}</button>` : nothing}
      </div>
      <p class="copy-result" role="status">${this.copyResult ? k[this.copyResult] : ''}</p>`;
  }

  async #copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.copyResult = 'copied';
    } catch {
      this.copyResult = 'copyFailed';
    }
  }

  async #share(id: string, url: string): Promise<void> {
    try {
      await navigator.share({ title: trackTranslations[this.#i18n.lang].shareText(id), url });
    } catch {
      // Dismissed by the reader, or refused: the link stays there to copy.
    }
  }
}
