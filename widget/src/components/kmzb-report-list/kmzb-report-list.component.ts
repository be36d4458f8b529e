import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { STATUSES } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { PublicReportProperties } from '../../../../common/schemas/report-map.js';
import { numericDate } from '../../i18n/numeric-date.js';
import { I18nController } from '../../i18n/i18n-controller.js';
import { STATUS_COLORS } from '../../map/feature-style.js';
import { categoryIcon } from '../kmzb-report-form/icons.js';
import { panelStyles } from '../panel.styles.js';

type SortKey = 'created' | 'status';
type Direction = 'ascending' | 'descending';
/** Rows listed at first and added by "Show more": a long table would slow the first render. */
const PAGE = 100;
/**
 * Rows rendered in the first render of an answer, and added each time the end of the rendered
 * rows scrolls near the panel's visible part (the first screenful comes as a few such renders):
 * 100 rows at once were one task of ~70 ms on a throttled desktop; 20, rendered and laid out
 * right after the map's first reports, still made one of its longest tasks (bench:page); 8 are
 * a short one. Rows nobody scrolls to cost nothing.
 */
const STEP = 8;
/** How far below the visible part the end of the rows starts the next ones (about ten rows). */
const AHEAD = '500px';


/**
 * The reports in the map's view as a table: the accessible alternative to the map. Each row's
 * category is a button that picks the report (`report-pick`, detail `{ id }`); the picked one is
 * marked `aria-current`. Sortable by date and status with buttons in the headers and aria-sort.
 */
export class KmzbReportList extends LitElement {
  static override styles = [
    panelStyles,
    css`
      table { width: 100%; border-collapse: collapse; }
      caption { text-align: start; font-weight: 600; padding: 4px 0; }
      th, td { padding: 4px 6px; text-align: start; vertical-align: middle; border-bottom: 1px solid #dde0e4; }
      thead th { font-weight: 600; vertical-align: bottom; }
      thead .heading { display: block; }
      thead button { padding: 2px 4px; margin-inline-start: -4px; color: inherit; background: none; border: 0; font-weight: 600; text-align: start; }
      .link.pick { min-height: 44px; }
      .meta { display: block; padding-inline-start: 26px; font-size: 0.875em; color: #44474d; }
      tbody th { font-weight: normal; }
      tr[aria-current='true'] { background: #e3ecfa; box-shadow: inset 4px 0 0 var(--kmzb-accent, #0b3d91); }
      .pick { display: inline-flex; align-items: center; gap: 6px; }
      .note { margin: 8px 0; }
      .sentinel { height: 1px; }
    `,
  ];

  @property({ attribute: false }) accessor reports: readonly PublicReportProperties[] = [];
  /** The answer was made of clusters: `total` reports, too many to list. */
  @property({ type: Boolean }) accessor clustered = false;
  @property({ type: Number }) accessor total = 0;
  /**
   * The reports could not be fetched: the status above the map says why, once. The list then
   * says nothing of its own (no "no reports here" under an error) and keeps no stale rows.
   */
  @property({ type: Boolean }) accessor unavailable = false;
  @property() accessor selected: string | undefined;
  @property({ attribute: false }) accessor catalogue: ReadonlyMap<string, Category> = new Map();
  @property({ attribute: 'lang' }) private accessor langAttribute: string | null = null;

  @state() private accessor sort: { key: SortKey; direction: Direction } = { key: 'created', direction: 'descending' };
  @state() private accessor shown = PAGE;
  /** Rows rendered so far of the `shown` ones: grows by STEP as the end of them comes near (#nearEnd). */
  @state() private accessor rendered = STEP;
  /**
   * Watches the line under the rendered rows: near the visible part of whatever scrolls the
   * list (the panel, the sheet, the page), the next rows are rendered.
   */
  readonly #nearEnd = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) this.rendered += STEP;
  }, { rootMargin: `0px 0px ${AHEAD} 0px` });
  readonly #i18n = new I18nController(this);
  /**
   * Whether the list is displayed. A narrow widget's closed sheet hides it (display: none), and
   * sorting and rendering a hundred rows nobody sees was a long task of ~70 ms on a throttled
   * phone at every answer: the rows wait until the list shows (its box gets a size).
   */
  #displayed = true;
  readonly #visibility = new ResizeObserver(([entry]) => {
    const displayed = !!entry && entry.contentRect.width > 0;
    if (displayed === this.#displayed) return;
    this.#displayed = displayed;
    // Not from inside the observer: rows that change the layout there would leave other
    // observers' notifications (the host's sheet) undelivered for this frame.
    setTimeout(() => this.requestUpdate());
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#visibility.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#visibility.disconnect();
    this.#nearEnd.disconnect();
  }

  /** Focus the table (the skip link's target); Tab then reaches its sort buttons and rows. */
  focusTable(): void {
    this.renderRoot.querySelector<HTMLElement>('table, .note')?.focus();
  }

  /** Scroll the picked report's row into view (it was picked on the map). */
  revealSelected(): void {
    this.renderRoot.querySelector('tr[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }

  /** A new answer starts again with a short first render. */
  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('reports')) this.rendered = STEP;
    // A report picked on the map has its row rendered, to be marked and scrolled to.
    if ((changed.has('selected') || changed.has('reports')) && this.selected && this.#displayed) {
      const index = this.#sorted().findIndex((report) => report.id === this.selected);
      if (index >= this.rendered && index < this.shown) this.rendered = Math.ceil((index + 1) / STEP) * STEP;
    }
  }

  override updated(): void {
    // Observed afresh after each render: the observer reports the line's state at once, so rows
    // that still leave it near the visible part (a tall panel) bring the next ones.
    this.#nearEnd.disconnect();
    const sentinel = this.renderRoot.querySelector('.sentinel');
    if (sentinel) this.#nearEnd.observe(sentinel);
  }

  override render() {
    const t = this.#i18n.t.reportMap.list;
    if (this.unavailable) return nothing;
    if (this.clustered) return html`<p class="note" tabindex="-1">${t.clustered(this.total)}</p>`;
    if (!this.reports.length) return html`<p class="note" tabindex="-1">${t.empty}</p>`;
    const listed = Math.min(this.shown, this.reports.length);
    // The note under the rows comes with the last of them: it would move down with every step.
    const rows = this.#displayed ? this.#sorted().slice(0, Math.min(listed, this.rendered)) : [];
    // Rows not rendered yet still count: assistive technology hears the table's full size.
    return html`
      <table tabindex="-1" aria-rowcount=${listed + 1}>
        <caption>${t.caption(this.reports.length)}</caption>
        <thead>
          <tr aria-rowindex="1">
            ${this.#sortHeader('created', t.created, t.category)} ${this.#sortHeader('status', t.status)}
          </tr>
        </thead>
        <tbody>
          ${rows.map((report, i) => this.#row(report, i + 2))}
        </tbody>
      </table>
      ${this.#displayed && rows.length < listed ? html`<div class="sentinel"></div>` : nothing}
      ${this.#displayed && rows.length === listed && listed < this.reports.length
        ? html`<p class="note">${t.showing(listed, this.reports.length)}
            <button type="button" class="secondary" @click=${() => (this.shown += PAGE)}>${t.more}</button></p>`
        : nothing}
    `;
  }

  /**
   * A header with its sort button. The first column holds the report with its date under it, so
   * its header is the category's name and the date's sort button (the table fits a 320 px panel).
   */
  #sortHeader(key: SortKey, label: string, heading?: string) {
    const sorted = this.sort.key === key;
    return html`<th scope="col" aria-sort=${sorted ? this.sort.direction : 'none'}>
      ${heading ? html`<span class="heading">${heading}</span>` : nothing}
      <button type="button" data-sort=${key} @click=${() => this.#sortBy(key)}>
        ${label} <span aria-hidden="true">${sorted ? (this.sort.direction === 'ascending' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>`;
  }

  /** A report's row; `index` counts from 1 with the header row (aria-rowindex). */
  #row(report: PublicReportProperties, index: number) {
    const lang = this.#i18n.lang;
    const t = this.#i18n.t;
    const category = this.catalogue.get(report.category);
    const current = report.id === this.selected;
    const created = html`<time datetime=${report.createdAt}>${numericDate(new Date(report.createdAt), t.reportMap.list.date)}</time>`;
    return html`<tr data-id=${report.id} aria-rowindex=${index} aria-current=${current ? 'true' : nothing}>
      <th scope="row">
        <button type="button" class="link pick" @click=${() => this.#pick(report.id)}>
          ${category ? categoryIcon(category.code, category.domain) : nothing}${category?.names[lang] ?? report.category}
        </button>
        <span class="meta">${created} · ${t.reportMap.list.confirmations}: ${report.confirmations}</span>
      </th>
      <td><span class="swatch" style="background:${STATUS_COLORS[report.status]}"></span>${t.statuses[report.status]}</td>
    </tr>`;
  }

  #sortBy(key: SortKey): void {
    const same = this.sort.key === key;
    // Dates newest first, statuses in workflow order, on the first press.
    const first: Direction = key === 'created' ? 'descending' : 'ascending';
    this.sort = { key, direction: same ? (this.sort.direction === 'ascending' ? 'descending' : 'ascending') : first };
  }

  /** The last sort, kept while the reports and the order stay (a selection re-renders the rows only). */
  #sortedFor: { reports: readonly PublicReportProperties[]; sort: KmzbReportList['sort']; rows: PublicReportProperties[] } | undefined;

  #sorted(): PublicReportProperties[] {
    const cached = this.#sortedFor;
    if (cached?.reports === this.reports && cached.sort === this.sort) return cached.rows;
    const rows = this.#sort();
    this.#sortedFor = { reports: this.reports, sort: this.sort, rows };
    return rows;
  }

  #sort(): PublicReportProperties[] {
    const { key, direction } = this.sort;
    const sign = direction === 'ascending' ? 1 : -1;
    // ISO 8601 times in UTC sort as plain strings (and far faster than with localeCompare).
    const byDate = (a: PublicReportProperties, b: PublicReportProperties) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
    const compare =
      key === 'created'
        ? byDate
        : (a: PublicReportProperties, b: PublicReportProperties) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || -byDate(a, b) * sign;
    return [...this.reports].sort((a, b) => sign * compare(a, b));
  }

  #pick(id: string): void {
    this.dispatchEvent(new CustomEvent('report-pick', { detail: { id } }));
  }
}
