import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { SOURCES, STATUSES } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { Queue, QueueRow } from '../../../../common/schemas/staff.js';
import type { UnitSummary } from '../../../../common/schemas/unit.js';
import { olStyles } from '../../map/ol.styles.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';
import { queueFilterFromForm, queueFilterFromHash, queueHash, queueQueryOf, type QueueFilter } from './queue-filter.js';
import { QueueMap } from './queue-map.js';
import { rememberQueueOrder } from './queue-order.js';
import type { ConsoleBulkStatus } from './console-bulk-status.component.js';
import type { ShortcutAction, ShortcutScreen } from '../kmzb-console/shortcuts.js';

/**
 * The queue of reports in the staff member's units, overdue first (the server's order), as a
 * table with filters and paging, and above it a small map of the page's reports. Each report
 * number links to its page (#report/ID); clicking a marker opens the same page. The map is an
 * image to assistive technology (labelled, nothing to focus): the table is the accessible path.
 */
export class ConsoleQueue extends LitElement implements ShortcutScreen {
  static override styles = [
    olStyles,
    consoleStyles,
    css`
      .bulk { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin: 0 0 8px; }
      tr:focus-within { background: #eef3fb; }
      form.filters { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: end; max-width: none; margin: 0 0 12px; }
      form.filters label { min-width: 0; max-width: 100%; }
      form.filters select { max-width: 14rem; }
      .map { height: 260px; border: 1px solid #c9ccd1; border-radius: 4px; margin: 0 0 12px; background: #f4f5f7; }
      /* Phones: each row a card of labelled lines, so nothing scrolls sideways (the labels come
         from data-label; the header row is kept for assistive technology, visually hidden). */
      @media (max-width: 40rem) {
        table.queue, table.queue tbody, table.queue tr, table.queue td { display: block; }
        table.queue thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
        table.queue tr { border: 1px solid #c9ccd1; border-radius: 4px; margin: 0 0 8px; padding: 4px 0; }
        table.queue td { border: 0; padding: 2px 8px; overflow-wrap: anywhere; }
        table.queue td[data-label]::before { content: attr(data-label) ': '; font-weight: 600; }
        .map { height: 200px; }
        form.filters label:not(.inline) { flex: 1 1 10rem; }
        form.filters select, form.filters input:not([type='checkbox']) { max-width: 100%; width: 100%; box-sizing: border-box; }
      }
    `,
  ];
  readonly #i18n = new ConsoleI18n(this);
  readonly #map = new QueueMap(this, () => this.renderRoot?.querySelector<HTMLElement>('.map'), (id) => this.#open(id));
  /** The units the staff member acts on. */
  @property({ attribute: false }) accessor units: readonly UnitSummary[] = [];
  @property({ attribute: false }) accessor categories: readonly Category[] = [];
  /** The filter and page, as the URL hash has them (`#queue?status=new&page=2`). */
  @state() private accessor filter: QueueFilter = queueFilterFromHash(location.hash);
  @state() private accessor queue: Queue | undefined;
  @state() private accessor error = '';
  /** Ids of the rows selected for a bulk status change (on the page shown). */
  @state() private accessor selected: ReadonlySet<string> = new Set();

  readonly #onHash = () => {
    if (!/^#?(queue)?(\?|$)/.test(location.hash)) return;
    this.filter = queueFilterFromHash(location.hash);
    void this.load();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.#onHash);
    this.filter = queueFilterFromHash(location.hash);
    void this.load();
  }

  override disconnectedCallback(): void {
    removeEventListener('hashchange', this.#onHash);
    super.disconnectedCallback();
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
      const queue = await staffApi.queue(queueQueryOf(this.filter));
      this.queue = queue;
      this.error = '';
      // A selection is of rows on this page, as they are now (their versions come with them).
      this.selected = new Set(queue.reports.map((r) => r.id).filter((id) => this.selected.has(id)));
      rememberQueueOrder(queue.reports.map((r) => r.id), queueHash(this.filter));
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
      ${this.#bulkBar()}
      <div class="map" role="img" aria-label=${t.mapLabel(this.queue?.reports.length ?? 0)} ?hidden=${!this.queue?.reports.length}></div>
      ${this.queue ? this.#table(this.queue) : html`<p>${this.#i18n.t.loading}</p>`}
    `;
  }

  /** The filters in one compact bar; its values come from the URL, so a shared link shows them. */
  #filters() {
    const { t, w } = this.#i18n;
    const f = this.filter;
    const options = (selected: string | undefined, values: readonly { value: string; label: string }[]) =>
      html`<option value="">${t.queue.any}</option>${values.map((o) => html`<option value=${o.value} ?selected=${o.value === selected}>${o.label}</option>`)}`;
    return html`<form class="filters" aria-label=${t.queue.filters} @submit=${this.#apply} @reset=${this.#reset}>
        <label>${t.queue.status}<select name="status" .value=${live(f.status ?? '')}>${options(f.status, STATUSES.map((s) => ({ value: s, label: w.statuses[s] })))}</select></label>
        <label>${t.queue.category}<select name="category" .value=${live(f.category ?? '')}>${options(f.category, this.categories.map((c) => ({ value: c.code, label: c.names[this.#i18n.lang] })))}</select></label>
        <label>${t.queue.unit}<select name="unit" .value=${live(f.unit ?? '')}>${options(f.unit, this.units.map((u) => ({ value: u.id, label: u.shortName })))}</select></label>
        <label>${t.queue.source}<select name="source" .value=${live(f.source ?? '')}>${options(f.source, SOURCES.map((s) => ({ value: s, label: t.sources[s] })))}</select></label>
        <label>${t.queue.since}<input type="date" name="since" .value=${live(f.since ?? '')} /></label>
        <label>${t.queue.until}<input type="date" name="until" .value=${live(f.until ?? '')} /></label>
        <label class="inline"><input type="checkbox" name="overdue" .checked=${live(f.overdue === true)} />${t.queue.overdueOnly}</label>
        <div class="buttons"><button type="submit">${t.queue.apply}</button><button type="reset" class="secondary">${t.queue.reset}</button></div>
      </form>`;
  }

  #table(queue: Queue) {
    const t = this.#i18n.t.queue;
    const pages = Math.max(1, Math.ceil(queue.total / queue.pageSize));
    const c = t.columns;
    return html`
      <table class="queue">
        <caption>${t.caption(queue.total)}</caption>
        <thead><tr><th scope="col"><input type="checkbox" class="pick-all" aria-label=${this.#i18n.t.bulk.selectAll}
          .checked=${live(queue.reports.length > 0 && queue.reports.every((r) => this.selected.has(r.id)))}
          @change=${(e: Event) => this.#pickAll(queue, (e.target as HTMLInputElement).checked)} /></th><th scope="col">${c.id}</th><th scope="col">${c.category}</th><th scope="col">${c.status}</th><th scope="col">${c.unit}</th>
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
    const c = t.queue.columns;
    return html`<tr data-id=${row.id}>
      <td><input type="checkbox" class="pick" aria-label=${this.#i18n.t.bulk.select(row.id)} .checked=${live(this.selected.has(row.id))}
        @change=${(e: Event) => this.#pick(row.id, (e.target as HTMLInputElement).checked)} /></td>
      <td><a href="#report/${encodeURIComponent(row.id)}" @click=${(e: MouseEvent) => this.#openLink(e, row.id)}>${row.id}</a></td><td data-label=${c.category}>${category}</td>
      <td data-label=${c.status}>${w.statuses[row.status]}</td><td data-label=${c.unit}>${unit}</td>
      <td data-label=${c.source}>${t.sources[row.source]}</td><td data-label=${c.created}>${this.#i18n.dateTime(row.createdAt)}</td>
      <td>${row.overdueRead ? html`<span class="badge read">${t.queue.overdueRead}</span>` : nothing}
        ${row.overdueVerify ? html`<span class="badge">${t.queue.overdueVerify}</span>` : nothing}</td>
    </tr>`;
  }

  /** How many are selected, the button for their status change, and its dialog. */
  #bulkBar() {
    const t = this.#i18n.t.bulk;
    const rows = this.queue?.reports.filter((r) => this.selected.has(r.id)) ?? [];
    return html`<div class="bulk" ?hidden=${!rows.length}>
        <span class="selected-count">${t.selected(rows.length)}</span>
        <button type="button" class="bulk-change" @click=${() => this.#openBulk()}>${t.change}</button>
      </div>
      <console-bulk-status .rows=${rows} @bulk-changed=${() => this.#bulkDone()}></console-bulk-status>`;
  }

  #pick(id: string, on: boolean) {
    const selected = new Set(this.selected);
    if (on) selected.add(id);
    else selected.delete(id);
    this.selected = selected;
  }

  #pickAll(queue: Queue, on: boolean) {
    this.selected = new Set(on ? queue.reports.map((r) => r.id) : []);
  }

  #openBulk(): boolean {
    if (!this.selected.size) return false;
    void this.renderRoot.querySelector<ConsoleBulkStatus>('console-bulk-status')?.open();
    return true;
  }

  async #bulkDone() {
    this.selected = new Set();
    await this.load();
  }

  /** j/k move along the rows (focus on the report's link), x selects the focused row, s opens the bulk change. */
  shortcut(action: ShortcutAction): boolean {
    const rows = [...this.renderRoot.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    const current = rows.findIndex((tr) => tr.matches(':focus-within'));
    switch (action) {
      case 'next':
      case 'previous': {
        if (!rows.length) return false;
        const next = current < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, current + (action === 'next' ? 1 : -1)));
        rows[next]!.querySelector<HTMLElement>('a')?.focus();
        return true;
      }
      case 'select': {
        const id = current < 0 ? undefined : rows[current]!.dataset.id;
        if (!id) return false;
        this.#pick(id, !this.selected.has(id));
        return true;
      }
      case 'status':
        return this.#openBulk();
      default:
        return false;
    }
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

  /** A new filter: into the URL (the hashchange loads it), from its first page. */
  #apply(event: SubmitEvent) {
    event.preventDefault();
    this.#show(queueFilterFromForm(event.target as HTMLFormElement));
  }

  #reset(event: Event) {
    event.preventDefault();
    this.#show({});
  }

  #goTo(page: number) {
    this.#show({ ...this.filter, page });
  }

  #show(filter: QueueFilter) {
    const hash = queueHash(filter);
    if (location.hash === hash || (hash === '#queue' && location.hash === '')) {
      this.filter = filter;
      void this.load();
    } else location.hash = hash;
  }
}
