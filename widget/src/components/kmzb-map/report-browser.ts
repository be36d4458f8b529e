import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type OlMap from 'ol/Map.js';
import { fromLonLat } from 'ol/proj.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { PublicReportProperties } from '../../../../common/schemas/report-map.js';
import { offered } from '../../api/categories.js';
import { toApiError } from '../../api/client.js';
import { getPublicReport } from '../../api/report-map.js';
import { getCategories } from '../../api/reports.js';
import { emit } from '../../events.js';
import { type ReportMapController, type ReportQuery } from '../../map/report-map-controller.js';
import { yieldToMain } from '../../map/slices.js';
import type { DetailState } from '../kmzb-report-detail/kmzb-report-detail.component.js';
import { DEFAULT_FILTER, filterQuery, type Period, type ReportFilter } from './report-filter.js';

export interface BrowserInputs {
  api: string | undefined;
  /** The unit shown or being loaded (undefined when it failed: nothing to ask for). */
  unit: string | undefined;
  /** The categories offered: the unit's enabled ones narrowed by the `categories` attribute. */
  categories: string | undefined;
  /** The unit's default period (its widget configuration). */
  defaultDays: Period;
  /** Whether the unit's configuration is known (the reports wait for it, not to be asked twice). */
  configReady: boolean;
  /**
   * Whether the map shows the unit's area (the view fitted to it). The whole country's view is
   * known before its area arrives; any other unit's reports wait for its fit, or they would be
   * asked for Poland's box first and again for the unit's: two answers drawn, one thrown away.
   */
  placed: boolean;
}

/** Zoom a report opened by the `report` attribute is shown at: streets readable. */
const REPORT_ZOOM = 15;

/**
 * The state of browsing the public reports: the catalogue (for names and glyphs), the reader's
 * filter, the selected report and its detail. The host renders it; the map layer follows it.
 */
export class ReportBrowser implements ReactiveController {
  catalogue: readonly Category[] = [];
  byCode: ReadonlyMap<string, Category> = new Map();
  detail: DetailState | undefined;
  /** The reader's own filter; undefined until they change it (the unit's default applies). */
  #filter: ReportFilter | undefined;
  #catalogueFor: string | undefined;
  #listedFor: unknown;
  #listed: readonly PublicReportProperties[] = [];
  /** The catalogue request is in flight (the `categories` attribute cannot be applied yet). */
  #catalogueLoading = false;
  #detailAbort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly inputs: () => BrowserInputs,
    private readonly reports: () => ReportMapController,
    private readonly map: () => OlMap | undefined,
  ) {
    host.addController(this);
  }

  /**
   * The query of the report fetch: undefined without a unit, or while the catalogue that
   * narrows the `categories` attribute to codes is on its way.
   */
  query(): ReportQuery | undefined {
    const { api, unit, categories, configReady, placed } = this.inputs();
    if (!unit || !configReady || !placed || (categories && this.#catalogueLoading)) return undefined;
    let narrowed = categories && this.catalogue.length ? offered(this.catalogue, categories).map((c) => c.code) : undefined;
    // Everything offered is no narrowing: the same URL as an unconfigured widget's, shared by caches.
    if (narrowed?.length === this.catalogue.length) narrowed = undefined;
    const codes = this.catalogue.map((c) => c.code);
    return { api, unit, ...filterQuery(this.filter, narrowed, codes) };
  }

  /**
   * Whether the query waits for something on its way (the unit's configuration, its area on the
   * map, or the catalogue that narrows categories to codes); once it arrives, the reports are
   * scheduled.
   */
  get pending(): boolean {
    const { unit, categories, configReady, placed } = this.inputs();
    return !!unit && (!configReady || !placed || (!!categories && this.#catalogueLoading));
  }

  /** The filter with nothing hidden and the unit's default period: what Reset goes back to. */
  get defaultFilter(): ReportFilter {
    const days = this.inputs().defaultDays;
    return days === DEFAULT_FILTER.days ? DEFAULT_FILTER : { ...DEFAULT_FILTER, days };
  }

  /** The filter in force: the reader's, else the unit's default. */
  get filter(): ReportFilter {
    return this.#filter ?? this.defaultFilter;
  }

  /** The categories the filters offer (the catalogue narrowed by the attribute). */
  get offered(): readonly Category[] {
    return offered(this.catalogue, this.inputs().categories);
  }

  /**
   * The reports of the answer (none when it is made of clusters). The same array until the next
   * answer, so the list does not sort thousands of reports again on every render of the host.
   */
  get listed(): readonly PublicReportProperties[] {
    const state = this.reports().state;
    const data = 'data' in state ? state.data : undefined;
    if (data !== this.#listedFor) {
      this.#listedFor = data;
      this.#listed = !data || data.clustered ? [] : data.features.flatMap((f) => (f.properties.kind === 'report' ? [f.properties] : []));
    }
    return this.#listed;
  }

  hostUpdate(): void {
    const { api } = this.inputs();
    // Asked for at once, next to the unit and the reports: the markers' glyphs need it.
    if (this.#catalogueFor !== (api ?? '')) void this.#loadCatalogue(api);
  }

  hostDisconnected(): void {
    this.#detailAbort?.abort();
    if (this.detail?.status === 'loading') this.detail = undefined;
  }

  setFilter(filter: ReportFilter): void {
    this.#filter = filter;
    this.reports().schedule(0);
    this.host.requestUpdate();
  }

  /** Selects a report: highlights it on the map and in the list, opens its detail, tells the page. */
  select(id: string, options: { centre?: boolean } = {}): Promise<void> {
    this.reports().layer.select(id);
    emit(this.host, 'kmzb-report-select', { id });
    return this.#loadDetail(id, options.centre ?? false);
  }

  close(): void {
    this.#detailAbort?.abort();
    this.detail = undefined;
    this.reports().layer.select(undefined);
    this.host.requestUpdate();
  }

  retryDetail(): void {
    if (this.detail) void this.#loadDetail(this.detail.id, false);
  }

  async #loadDetail(id: string, centre: boolean): Promise<void> {
    this.#detailAbort?.abort();
    const abort = (this.#detailAbort = new AbortController());
    this.detail = { status: 'loading', id };
    this.host.requestUpdate();
    try {
      const report = await getPublicReport(this.inputs().api, id, abort.signal);
      if (abort.signal.aborted) return;
      this.detail = { status: 'ready', id, report };
      const view = this.map()?.getView();
      if (centre && view) view.animate({ center: fromLonLat([report.lon, report.lat]), zoom: Math.max(view.getZoom() ?? 0, REPORT_ZOOM), duration: 0 });
    } catch (error) {
      if (abort.signal.aborted) return;
      this.detail = { status: 'error', id, error: toApiError(error) };
    }
    this.host.requestUpdate();
  }

  async #loadCatalogue(api: string | undefined): Promise<void> {
    this.#catalogueFor = api ?? '';
    this.#catalogueLoading = true;
    try {
      // In a task of its own, as the unit's request (unit-controller.ts).
      await yieldToMain();
      this.catalogue = await getCategories(api);
      this.byCode = new Map(this.catalogue.map((c) => [c.code, c]));
      this.reports().layer.setDomains(new Map(this.catalogue.map((c) => [c.code, c.domain])));
    } catch {
      // Without the catalogue the map still works: codes instead of names, markers without glyphs.
      // Not retried in a loop: the next api change asks again.
    }
    this.#catalogueLoading = false;
    // With the `categories` attribute the reports waited for the codes (otherwise a no-op).
    this.reports().schedule(0);
    this.host.requestUpdate();
  }
}
