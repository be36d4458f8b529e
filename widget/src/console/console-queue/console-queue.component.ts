import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SOURCES, STATUSES } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { Queue, QueueQuery, QueueRow } from '../../../../common/schemas/staff.js';
import type { UnitSummary } from '../../../../common/schemas/unit.js';
import { olStyles } from '../../map/ol.styles.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';
import { QUEUE_PAGE_SIZE, queueQueryFrom } from './queue-filter.js';
import { QueueMap } from './queue-map.js';

/**
 * The queue of reports in the staff member's units, overdue first (the server's order), as a
 * table with filters and paging, and above it a small map of the page's reports. Each report
 * number links to its page (#report/ID); clicking a marker opens the same page. The map is an
 * image to assistive technology (labelled, nothing to focus): the table is the accessible path.
 */
export class ConsoleQueue extends LitElement {
  static override styles = [
    olStyles,
    consoleStyles,
    css`
      .map { height: 260px; border: 1px solid #c9ccd1; border-radius: 4px; margin: 0 0 12px; background: #f4f5f7; }
    `,
  ];
  readonly #i18n = new ConsoleI18n(this);
  readonly #map = new QueueMap(this, () => this.renderRoot?.querySelector<HTMLElement>('.map'), (id) => this.#open(id));
  /** The units the staff member acts on. */
  @property({ attribute: false }) accessor units: readonly UnitSummary[] = [];
  @property({ attribute: false }) accessor categories: readonly Category[] = [];
  @state() private accessor filter: QueueQuery = {};
  @state() private accessor page = 1;
  @state() private accessor queue: Queue | undefined;
  @state() private accessor error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** The OpenLayers map of the page's reports; undefined before the first render. */
  get map() {
    return this.#map.map;
  }

  /** The layer of the page's reports (one feature per row, id = report id). */
  get mapLayer() {
    return this.#map.layer;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('categories')) this.#map.setDomains(new Map(this.categories.map((c) => [c.code, c.domain])));
    if (changed.has('queue' as keyof ConsoleQueue)) this.#map.show(this.queue?.reports ?? []);
  }

  /** Fetches the current page of the current filter. */
  async load(): Promise<void> {
    try {
      this.queue = await staffApi.queue({ ...this.filter, page: this.page, pageSize: QUEUE_PAGE_SIZE });
      this.error = '';
    } catch (error) {
      if (!endedSession(this, error)) this.error = this.#i18n.error(error);
    }
  }

  override render() {
    const t = this.#i18n.t.queue;
    return html`
      <h2 tabindex="-1">${t.heading}</h2>
      ${this.#filters()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="map" role="img" aria-label=${t.mapLabel(this.queue?.reports.length ?? 0)} ?hidden=${!this.queue?.reports.length}></div>
      ${this.queue ? this.#table(this.queue) : html`<p>${this.#i18n.t.loading}</p>`}
    `;
  }

  #filters() {
    const { t, w } = this.#i18n;
    const options = (values: readonly { value: string; label: string }[]) =>
      html`<option value="">${t.queue.any}</option>${values.map((o) => html`<option value=${o.value}>${o.label}</option>`)}`;
    return html`<details open>
      <summary>${t.queue.filters}</summary>
      <form class="filters" @submit=${this.#apply} @reset=${this.#reset}>
        <label>${t.queue.status}<select name="status">${options(STATUSES.map((s) => ({ value: s, label: w.statuses[s] })))}</select></label>
        <label>${t.queue.category}<select name="category">${options(this.categories.map((c) => ({ value: c.code, label: c.names[this.#i18n.lang] })))}</select></label>
        <label>${t.queue.unit}<select name="unit">${options(this.units.map((u) => ({ value: u.id, label: u.shortName })))}</select></label>
        <label>${t.queue.source}<select name="source">${options(SOURCES.map((s) => ({ value: s, label: t.sources[s] })))}</select></label>
        <label>${t.queue.since}<input type="date" name="since" /></label>
        <label>${t.queue.until}<input type="date" name="until" /></label>
        <label class="inline"><input type="checkbox" name="overdue" />${t.queue.overdueOnly}</label>
        <div class="buttons"><button type="submit">${t.queue.apply}</button><button type="reset" class="secondary">${t.queue.reset}</button></div>
      </form>
    </details>`;
  }

  #table(queue: Queue) {
    const t = this.#i18n.t.queue;
    const pages = Math.max(1, Math.ceil(queue.total / queue.pageSize));
    const c = t.columns;
    return html`
      <table>
        <caption>${t.caption(queue.total)}</caption>
        <thead><tr><th scope="col">${c.id}</th><th scope="col">${c.category}</th><th scope="col">${c.status}</th><th scope="col">${c.unit}</th>
          <th scope="col">${c.source}</th><th scope="col">${c.created}</th><th scope="col">${c.overdue}</th></tr></thead>
        <tbody>${queue.reports.map((row) => this.#row(row))}</tbody>
      </table>
      ${queue.reports.length ? nothing : html`<p>${t.empty}</p>`}
      <nav class="buttons paging" aria-label=${t.pageOf(queue.page, pages)}>
        <button type="button" class="secondary" ?disabled=${queue.page <= 1} @click=${() => this.#goTo(queue.page - 1)}>${t.previous}</button>
        <span>${t.pageOf(queue.page, pages)}</span>
        <button type="button" class="secondary" ?disabled=${queue.page >= pages} @click=${() => this.#goTo(queue.page + 1)}>${t.next}</button>
      </nav>
    `;
  }

  #row(row: QueueRow) {
    const { t, w } = this.#i18n;
    const category = this.categories.find((c) => c.code === row.category)?.names[this.#i18n.lang] ?? row.category;
    const unit = this.units.find((u) => u.id === row.unit)?.shortName ?? row.unit;
    return html`<tr data-id=${row.id}>
      <td><a href="#report/${encodeURIComponent(row.id)}" @click=${(e: MouseEvent) => this.#openLink(e, row.id)}>${row.id}</a></td><td>${category}</td><td>${w.statuses[row.status]}</td><td>${unit}</td>
      <td>${t.sources[row.source]}</td><td>${this.#i18n.dateTime(row.createdAt)}</td>
      <td>${row.overdueRead ? html`<span class="badge read">${t.queue.overdueRead}</span>` : nothing}
        ${row.overdueVerify ? html`<span class="badge">${t.queue.overdueVerify}</span>` : nothing}</td>
    </tr>`;
  }

  /** Opens a report's page: the handler of both the row's link and the row's map marker. */
  #open(id: string) {
    location.hash = `#report/${encodeURIComponent(id)}`;
  }

  /** A plain click on a row's link goes through #open; a modified one (new tab) stays the browser's. */
  #openLink(event: MouseEvent, id: string) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.#open(id);
  }

  #apply(event: SubmitEvent) {
    event.preventDefault();
    this.filter = queueQueryFrom(event.target as HTMLFormElement);
    this.page = 1;
    void this.load();
  }

  #reset() {
    this.filter = {};
    this.page = 1;
    void this.load();
  }

  #goTo(page: number) {
    this.page = page;
    void this.load();
  }
}
