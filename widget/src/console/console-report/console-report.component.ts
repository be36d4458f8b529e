import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { StaffReport } from '../../../../common/schemas/staff.js';
import type { UnitDetail } from '../../../../common/schemas/unit.js';
import { ApiPath, apiPath } from '../../../../common/api.js';
import { requestJson } from '../../api/client.js';
import { olStyles } from '../../map/ol.styles.js';
import { toApiError, type ApiError } from '../../api/client.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';
import type { ConsoleStatusDialog } from './console-status-dialog.component.js';
import { historyList } from './report-history.js';
import { confirmationsWithDates, duplicatesList, recurrenceInWords, routingInWords } from './report-facts.js';
import { ReportPlaceMap } from './report-place-map.js';
import { besideInQueue, lastQueueHash } from '../console-queue/queue-order.js';
import type { ShortcutAction, ShortcutScreen } from '../kmzb-console/shortcuts.js';

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
export class ConsoleReport extends LitElement implements ShortcutScreen {
  static override styles = [olStyles, consoleStyles, css`
    .place { display: grid; gap: 8px 16px; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); align-items: start; }
    .map { height: 320px; border: 1px solid #c9ccd1; border-radius: 4px; background: #f4f5f7; }
    @media (max-width: 40rem) { .place { grid-template-columns: minmax(0, 1fr); } .map { height: 240px; } }
    ul.confirmed-at { margin: 2px 0 0; padding-inline-start: 1.2em; font-size: 0.9em; }
    .snapped { display: block; color: #8a4b00; }
    h4 { margin: 0 0 4px; font-size: 1rem; }
    .photos { display: flex; flex-wrap: wrap; gap: 8px; }
    .photos button { padding: 0; background: none; border: 1px solid #c9ccd1; }
    dialog.photo { max-width: 96vw; max-height: 96vh; padding: 8px; }
    dialog.photo img { display: block; max-width: 100%; height: auto; image-orientation: from-image; }
  `];
  readonly #i18n = new ConsoleI18n(this);
  readonly #map = new ReportPlaceMap(this, () => this.renderRoot?.querySelector<HTMLElement>('.map'), () => this.basemap,
    (id) => (location.hash = `#report/${encodeURIComponent(id)}`));
  @property({ attribute: 'report-id' }) accessor reportId = '';
  /** The console's basemap (`osm`, or `none`: no tiles), read when the map is made. */
  @property() accessor basemap: string | undefined;
  /** The photo shown at full size (its number), if any. */
  @state() private accessor photo: number | undefined;
  @property({ attribute: false }) accessor categories: readonly Category[] = [];
  @state() private accessor report: StaffReport | undefined;
  @state() private accessor error: ApiError | undefined;
  @state() private accessor duplicateError: ApiError | undefined;
  @query('console-status-dialog') private accessor dialog!: ConsoleStatusDialog | null;
  /** Aborted when the page moves to another report: what was under way for the old one is moot. */
  #shown = new AbortController();
  /** Counts loads, so only the latest one's answer is shown. */
  #loads = 0;

  /** The page's map (the report, its unit's outline, possible duplicates); undefined before the first render. */
  get placeMap(): ReportPlaceMap {
    return this.#map;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('categories')) this.#map.setDomains(new Map(this.categories.map((c) => [c.code, c.domain])));
    if (changed.has('report' as keyof ConsoleReport) && this.report) this.#map.show(this.report);
    if (!changed.has('reportId')) return;
    this.photo = undefined;
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
      void this.#loadArea(report.unit.id, load);
    } catch (error) {
      if (load !== this.#loads || id !== this.reportId) return;
      if (!endedSession(this, error)) this.error = toApiError(error);
    }
  }

  /** s opens the status dialog; j/k go to the next/previous report of the queue; q back to the queue. */
  shortcut(action: ShortcutAction): boolean {
    switch (action) {
      case 'status':
        if (!this.report) return false;
        void this.dialog?.open();
        return true;
      case 'next':
      case 'previous': {
        const id = besideInQueue(this.reportId, action === 'next' ? 1 : -1);
        if (!id) return false;
        location.hash = `#report/${encodeURIComponent(id)}`;
        return true;
      }
      case 'queue':
        location.hash = lastQueueHash();
        return true;
      default:
        return false;
    }
  }

  /** The unit's outline for the map, from the public unit answer (ETag-cached). */
  async #loadArea(unit: string, load: number): Promise<void> {
    const detail = await requestJson<UnitDetail>(apiPath(ApiPath.unit, { id: unit })).catch(() => undefined);
    if (detail && load === this.#loads) this.#map.showArea(detail.area);
  }

  override render() {
    const t = this.#i18n.t.report;
    return html`
      <p><a href=${lastQueueHash()}>${t.back}</a></p>
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
        ${row(t.report.location, `${r.lon.toFixed(5)}, ${r.lat.toFixed(5)}`)}
        ${r.routing ? row(t.reportPage.routing, routingInWords(this.#i18n, r.routing)) : nothing}
        ${row(t.reportPage.recurrence, html`<span class="recurrence">${recurrenceInWords(this.#i18n, r.recurrence)}</span>`)}
        ${row(t.reportPage.confirmedAt, confirmationsWithDates(this.#i18n, r))}
        ${r.reporterWantsUpdates ? row(t.reportPage.updates, html`<span class="wants-updates">${t.reportPage.wantsUpdates}</span>`) : nothing}
        ${r.duplicateOf ? row(t.report.duplicateOf, html`<a href="#report/${r.duplicateOf}">${r.duplicateOf}</a>`) : nothing}
      </dl>
      <h3>${t.reportPage.map}</h3>
      <div class="place">
        <div class="map" role="img" aria-label=${t.reportPage.mapLabel(r.id, r.unit.shortName, r.nearby?.length ?? 0)}></div>
        <div>${duplicatesList(this.#i18n, r, (code) => this.categories.find((c) => c.code === code)?.names[this.#i18n.lang] ?? code)}</div>
      </div>
      <h3>${t.report.description}</h3>
      <p class="description">${r.description || t.report.noDescription}</p>
      ${r.photos.length ? html`<h3>${t.report.photos}</h3>
        <div class="photos">${r.photos.map((p) => html`<button type="button" class="photo-open" aria-label=${t.reportPage.fullSize(p.n)}
          @click=${() => this.#showPhoto(p.n)}><img src=${staffApi.photoUrl(r.id, p.n)} alt=${t.report.photoAlt(p.n, r.id)} width="240" /></button>`)}</div>
        ${this.#photoDialog(r)}` : nothing}
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

  /** One photo at its own size (as the photo route serves it), in a modal dialog; Escape closes it. */
  #photoDialog(r: StaffReport) {
    const t = this.#i18n.t;
    const n = this.photo;
    return html`<dialog class="photo" aria-label=${n ? t.report.photoAlt(n, r.id) : t.report.photos} @close=${() => (this.photo = undefined)}>
      ${n ? html`<img src=${staffApi.photoUrl(r.id, n)} alt=${t.report.photoAlt(n, r.id)} />` : nothing}
      <div class="buttons"><button type="button" class="secondary" @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.photo')?.close()}>${t.reportPage.close}</button></div>
    </dialog>`;
  }

  async #showPhoto(n: number) {
    this.photo = n;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.photo')?.showModal();
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
