import { adoptStyles, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import type OlMap from 'ol/Map.js';
import type { WidgetConfig } from '../../../../common/schemas/widget-config.js';
import { type UnitState, UnitController } from '../../api/unit-controller.js';
import { loadedTranslation } from '../../i18n/catalog.js';
import { emit, type KmzbView } from '../../events.js';
import { I18nController } from '../../i18n/i18n-controller.js';
import { parseBasemap } from '../../map/basemap.js';
import { MapController } from '../../map/map-controller.js';
import { olStyles } from '../../map/ol.styles.js';
import { ReportMapController } from '../../map/report-map-controller.js';
import type { KmzbReportForm } from '../kmzb-report-form/kmzb-report-form.component.js';
import { styles } from './kmzb-map.styles.js';
import { boxStyles } from './box.styles.js';
import { parseInTasks } from './staged-styles.js';
import { cssHeight, settleable, unitMessage } from './frame.js';
import { fullscreenIcon } from './frame-icons.js';
import { FrameController } from './frame-controller.js';
import { LazyPartsController } from './lazy-parts.js';
import { afterNextPaint } from '../../map/slices.js';
import { type PanelContext, renderReportsStatus, renderSkipLink } from './report-panels.js';
import { reportPanelStyles } from './report-panels.styles.js';
import { offeredCategories, WidgetConfigController } from './widget-config-controller.js';
import { ReportBrowser } from './report-browser.js';
import { ReportSync } from './report-sync.js';
import { PlaceHint } from './place-hint.js';
import { PanelStages } from './panel-stages.js';
import { parseView } from './view.js';
import { renderViewPanel, type ViewPanelContext } from './view-panels.js';

const DEFAULT_UNIT = 'pl';

/**
 * The KMZB map of one police unit: its area on an OpenLayers map, named in a heading.
 *
 * One tag per line: the custom-elements analyzer reads only the first name of a line, and the
 * README's element reference is checked against its manifest (server/test/custom-elements.test.ts).
 *
 * @fires kmzb-unit-load - the unit's area is drawn and the map fitted to it (`{ unit }`)
 * @fires kmzb-unit-error - the unit could not be loaded (`{ unitId, code }`; code says why)
 * @fires kmzb-view-change - the view changed between the map, the report form, the statistics and the tracking view (`{ view }`)
 * @fires kmzb-report-submitted - a citizen's report was accepted (`{ id, unit }`)
 * @fires kmzb-report-select - a report was selected on the map, in the list or by `report` (`{ id }`)
 * @csspart base - the frame around heading and map
 * @csspart title - the heading with the unit's name
 * @csspart fullscreen - the full-screen button (aria-pressed)
 * @csspart view-switch - the Map / Statistics buttons (aria-pressed) in the header
 * @csspart view-button - "Report a threat" on the map, "Back to the map" in the form
 * @csspart skip-link - "skip to the list of reports", before the map
 * @csspart map - the focusable map viewport
 * @csspart instruction - how to place the pin, over the map (keyboard placing in the report form)
 * @csspart retry - the Retry button shown after a failed unit request
 * @csspart panel - beside the map on a wide widget (≥ 720 px), a sheet over its lower part on a narrow one
 * @csspart panel-toggle - opens and closes a narrow widget's panel
 * @csspart reports-status - loading, count and errors of the reports, at the top of the panel
 * @csspart reports-retry - Retry after a failed reports request
 * @csspart detail - the selected report, above the list
 * @csspart filters - the filter disclosure
 * @csspart legend - the legend disclosure
 * @csspart list - the table of reports in view
 * @csspart report-form - the report form in the panel (view="report")
 * @csspart stats - the statistics in the panel (view="stats")
 * @csspart track - the tracking view of one report (view="track")
 * @cssprop --kmzb-accent - outline, spinner and button colour (read when the map is created)
 * @cssprop --kmzb-focus - focus ring colour
 * @cssprop --kmzb-background - frame background
 * @cssprop --kmzb-map-background - map ground without tiles (basemap="none", or while tiles load)
 */
export class KmzbMap extends LitElement {
  static override styles = [boxStyles, olStyles, styles, reportPanelStyles];

  /** Id of the police unit to show, e.g. `kwp-olsztyn` or `kpp-wejherowo`. Default `pl` (all Poland). */
  @property() accessor unit: string = DEFAULT_UNIT;

  /** Base URL of the KMZB API. Default: the server this script was loaded from. */
  @property() accessor api: string | undefined;

  /**
   * Background map: `osm` (default, OpenStreetMap), `geoportal` (GUGiK's national topographic
   * map), `orto` (GUGiK's orthophoto) or `none`. Unknown values mean `osm`.
   */
  @property() accessor basemap: string | undefined;

  /** Address of the WMTS service for `geoportal` and `orto` (a mirror or proxy of GUGiK's). Default: GUGiK's. */
  @property({ attribute: 'basemap-url' }) accessor basemapUrl: string | undefined;

  /** Height of the widget as a CSS length (`480px`, `60vh`; a bare number means px). Default `480px`. */
  @property() accessor height: string | undefined;

  /** `map` (default), `report` (the report form, opened at once), `stats` (the statistics) or `track` (one report's status, with `report`). Unknown values mean `map`. */
  @property() accessor view: string | undefined;

  /** Comma list of category codes the report form offers (e.g. `illegal_parking,speeding`); default all. */
  @property() accessor categories: string | undefined;

  /**
   * Public id of a report to open at once (its detail, the map centred on it); with
   * `view="track"`, the citizen's own report whose status and public history are shown.
   */
  @property() accessor report: string | undefined;

  /** The tracking token of `report` for `view="track"`; default: `#token=` of the page's URL (the tracking link). */
  @property() accessor token: string | undefined;

  /**
   * The standard `lang` attribute (`pl`, `en`, `uk`), mirrored so a change re-renders at once;
   * unset or unsupported: the page's language, else Polish. The native `lang` property stays.
   */
  @property({ attribute: 'lang' }) private accessor langAttribute: string | null = null;

  /**
   * Settings to use instead of the unit's saved widget configuration (the staff console's
   * preview of unsaved settings goes through here, the same path as the saved ones). Unset: the
   * unit's configuration from the API. Attributes still win over either.
   */
  @property({ attribute: false }) accessor config: WidgetConfig | undefined;

  /** The unit's default language (its configuration), for the i18n controller; set in willUpdate. */
  #defaultLang: string | undefined;
  readonly #i18n = new I18nController(this, () => this.#defaultLang);
  readonly #map = new MapController(this, () => this.renderRoot.querySelector('#map'), this.#i18n.t.map);
  readonly #unit = new UnitController(this, () => ({ id: this.#unitId, api: this.api }), (s) => this.#onUnit(s));
  /** Asked for right after the unit (controllers run in the order they were added). */
  readonly #config = new WidgetConfigController(
    this,
    () => ({ unit: this.#unitId, api: this.api, given: this.config }),
    // The reports waited for it (or their query changed with it): ask once the panels it changes
    // are rendered, so the map has its final size and the request its final view.
    () => void this.updateComplete.then(() => this.#reports.schedule(0)),
  );
  readonly #reports: ReportMapController = new ReportMapController(
    this,
    () => this.#map.map,
    () => this.#browser.query(),
    (id) => void this.#sync.select(id, 'map'),
    () => this.#browser.pending,
  );
  readonly #browser: ReportBrowser = new ReportBrowser(
    this,
    () => ({
      api: this.api,
      categories: this.#offeredCategories,
      unit: this.#unit.state.status === 'error' ? undefined : this.#unitId,
      defaultDays: this.#config.config.timeWindowDays,
      configReady: this.#config.settled,
      placed: this.#unitId === DEFAULT_UNIT || this.#placed === this.#unit.state,
    }),
    () => this.#reports,
    () => this.#map.map,
  );
  readonly #sync = new ReportSync(this, this.#browser, this.#reports);
  /** The unit load whose area the map was fitted to (the reports of a unit other than `pl` wait for it). */
  #placed: UnitState | undefined;
  #ready = settleable();
  /** The configuration whose accent is applied (or read: #accentRead), and the unit's accent when the page sets none. */
  #accentFor: WidgetConfig | undefined;
  #accentRead: Promise<void> = Promise.resolve();
  /** The accent read that updateComplete last waited for. */
  #settledAccent: Promise<void> | undefined;
  #unitAccent: string | undefined;
  /** The frame stage was rendered (the frame controller observes its panel from then on). */
  #frameShown = false;
  /** The view last rendered, to tell a change (the event) from the first render. */
  #shownView: KmzbView | undefined;
  /** The form, the statistics and the tracking view: chunks loaded on first use. */
  readonly #parts = new LazyPartsController(this);
  /** The form's step and the instruction over the map while the place is chosen. */
  readonly #place = new PlaceHint(this);
  /** The first render is an empty box at the final height; the frame, then the panels' elements, each after a paint. */
  readonly #stages = new PanelStages(this, (stage) => {
    if (stage === 'frame') return parseInTasks(KmzbMap.elementStyles);
    return stage === 'filters' ? this.#parts.panelElements() : undefined;
  });
  /** All the stylesheets are adopted (with the frame; the box needs its own only). */
  #stylesAdopted = false;
  /** Full screen, and the part of the map a narrow widget's sheet covers. */
  readonly #frame = new FrameController(this, () => this.renderRoot, (pixels) => this.#map.setCovered(pixels));
  /** A report opened from "my reports" (its id and token), shown by the tracking view instead of `report`/`token`. */
  @state() private accessor tracked: { id: string; token: string } | undefined;
  /**
   * A narrow widget's panel (a sheet over the map) is open: closed on the map view at first, so
   * the map has the whole frame, and open in the form and the statistics. A wide widget's panel
   * sits beside the map and is always shown (the toggle is hidden there).
   */
  @state() private accessor panelOpen = false;
  /** The legend was opened (its entries are rendered from then on: legend.ts). */
  @state() private accessor legendOpened = false;

  /**
   * Resolves when the current unit is shown: its area drawn (after OpenLayers' render completes)
   * or its error message displayed. A new promise starts with each unit load.
   */
  get ready(): Promise<void> {
    return this.#ready.promise;
  }

  /**
   * Resolves once the reports of the current unit, view and filter are shown everywhere: on the
   * map, in the count and in the list (each rendered). Ask for it after a change (a filter, a
   * move of the map, a new unit): a change still pending makes it wait for its answer too.
   */
  get reportsShown(): Promise<void> {
    return this.#reportsShown();
  }

  async #reportsShown(): Promise<void> {
    // The panels render after the controller settles; a render may schedule another fetch.
    do {
      await this.#reports.idle;
      await this.updateComplete;
      const panels = this.renderRoot.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('kmzb-report-list, kmzb-report-filters');
      await Promise.all([...panels].map((panel) => panel.updateComplete));
    } while (this.#reports.busy || this.isUpdatePending);
  }

  /** The OpenLayers map, for integrations that add their own layers. Created after the element's first frames paint, before `ready`; the element owns its lifecycle. */
  get map(): OlMap | undefined {
    return this.#map.map;
  }

  get #unitId(): string {
    return this.unit?.trim().toLowerCase() || DEFAULT_UNIT;
  }

  /** The `view` attribute, else the unit's default view. */
  get #view(): KmzbView {
    return parseView(this.view ?? this.#config.config.defaultView);
  }

  /** The unit's enabled categories narrowed by the `categories` attribute, as a comma list. */
  get #offeredCategories(): string | undefined {
    return offeredCategories(this.#config.config, this.categories);
  }

  /** The page's `--kmzb-accent` on the element, if it sets one (it wins over the unit's colour). */
  #pageAccent(): string {
    return getComputedStyle(this).getPropertyValue('--kmzb-accent').trim();
  }

  /**
   * Applies a configuration's accent, unless the page sets its own. The page's is read in a
   * task after the next paint, when the layout is clean: read in a render, the computed style
   * laid out the page and the widget there (40-70 ms of a throttled phone's task).
   */
  #readAccent(config: WidgetConfig): void {
    this.#accentFor = config;
    this.#accentRead = afterNextPaint().then(() => {
      if (this.#accentFor !== config) return;
      const page = this.#pageAccent();
      this.#unitAccent = page ? undefined : config.accentColor;
      this.#map.setAccent(page || config.accentColor);
      this.requestUpdate();
    });
  }

  /** The box's stylesheet alone at first (Lit adopts them all here); the rest with the frame (willUpdate). */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = this.shadowRoot ?? this.attachShadow(KmzbMap.shadowRootOptions);
    adoptStyles(root, [boxStyles]);
    return root;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (this.#stages.reached('frame') && this.#config.config !== this.#accentFor) this.#readAccent(this.#config.config);
    if (!this.#stylesAdopted && this.#stages.reached('frame')) {
      adoptStyles(this.renderRoot as ShadowRoot, KmzbMap.elementStyles);
      this.#stylesAdopted = true;
    }
    void this.#parts.panelElements();
    if (changed.has('basemap') || changed.has('basemapUrl') || !this.hasUpdated) void this.#map.setBasemap(parseBasemap(this.basemap), this.basemapUrl?.trim() || undefined);
    this.#defaultLang = this.#config.config.defaultLang ?? undefined;
    this.#map.setLabels(this.#i18n.t.map);
    // Once per opening: after a failure, only opening the view again asks again.
    if (this.#view !== 'map') this.#parts.want(this.#view, changed.has('view'));
    if (this.#view !== 'track') this.tracked = undefined;
    if (this.#view !== 'report') {
      this.#place.reset();
    }
    if (this.#view !== this.#shownView) this.panelOpen = this.#view !== 'map';
    // The statistics shade the map themselves: the report markers would hide their colours.
    this.#reports.layer.setVisible(this.#view !== 'stats');
    // In the report form a click on the map places the pin; it must not also open a report.
    this.#reports.picking = this.#view === 'map';
    // The reports of a new unit are asked for next to the unit itself (the first ones once the map exists).
    if (this.hasUpdated && (changed.has('unit') || changed.has('api') || changed.has('config'))) this.#reports.schedule(0);
    // In the tracking view `report` names the citizen's own report: not a public one to open.
    if (changed.has('report') && this.report && this.#unit.state.status === 'ready' && this.#view === 'map') void this.#browser.select(this.report.trim(), { centre: true });
  }

  /**
   * Resolves once the element is rendered whole (its first renders are staged: panel-stages.ts),
   * shows its language (English and Ukrainian come in chunks) and its accent.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    const accent = this.#accentRead;
    if (!this.#stages.complete || !loadedTranslation(this.#i18n.lang) || accent !== this.#settledAccent) {
      await Promise.all([this.#stages.done, this.#i18n.loaded(), accent]);
      this.#settledAccent = accent;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  override updated(): void {
    // The frame is rendered: the panel's size is observed from here (the box had no panel).
    if (this.#stages.stage === 'frame' && !this.#frameShown) {
      this.#frameShown = true;
      this.#frame.firstRendered();
    }
    const view = this.#view;
    if (this.#shownView !== undefined && this.#shownView !== view) emit(this, 'kmzb-view-change', { view });
    this.#shownView = view;
  }

  override render() {
    const t = this.#i18n.t;
    const state = this.#unit.state;
    const name = state.status === 'ready' ? state.unit.name : t.title;
    const view = this.#view;
    const report = view === 'report';
    const stats = view === 'stats';
    const browsing = view === 'map';
    const track = view === 'track';
    const placing = report && this.#place.step === 'place';
    const frame = { frame: true, report, stats, track, browsing, fullscreen: this.#frame.fullscreen, 'panel-open': this.panelOpen };
    const height = this.#frame.fullscreen ? undefined : cssHeight(this.height);
    // The first frame: the box alone, at its final height (nothing on the page moves when the rest comes).
    if (this.#stages.stage === 'box') return html`<section class=${classMap(frame)} part="base" style=${styleMap({ height })}></section>`;
    return html`
      <section class=${classMap(frame)} part="base" lang=${this.#i18n.lang} aria-labelledby="title"
        style=${styleMap({ height, '--kmzb-accent': this.#unitAccent })} @keydown=${this.#frame.onKey}>
        <div class="bar">
          <h2 id="title" class="title" part="title" title=${name}>${name}</h2>
          <button type="button" id="fullscreen" class="secondary icon-button" part="fullscreen" aria-pressed=${String(this.#frame.fullscreen)}
            aria-label=${t.layout.fullscreen} title=${t.layout.fullscreen} @click=${() => void this.#frame.toggleFullscreen()}>${fullscreenIcon(this.#frame.fullscreen)}</button>
          <div class="views" role="group" aria-label=${t.views.label} part="view-switch">
            <button type="button" id="view-map" class="secondary" aria-pressed=${String(browsing)} @click=${() => this.#switchTo('map')}>${t.views.map}</button>
            <button type="button" id="view-stats" class="secondary" aria-pressed=${String(stats)} @click=${() => this.#switchTo('stats')}>${t.views.stats}</button>
          </div>
          <button type="button" id="view-button" class=${report ? 'secondary' : ''} part="view-button" @click=${this.#toggleView}
            aria-disabled=${String(!report && state.status === 'error')} aria-describedby=${!report && state.status === 'error' ? 'unit-message' : nothing}>
            ${report ? t.views.backToMap : t.views.report}
          </button>
        </div>
        <div class="body">
          <div class="viewport">
            ${browsing ? renderSkipLink(this.#panels) : nothing}
            <div id="map" class="map" part="map" tabindex="0" role="application" aria-label=${t.map.label(name)} aria-describedby="keys" @keydown=${this.#onMapKey}
              @pointerdown=${this.#place.drop} @focusout=${this.#place.drop}></div>
            <div class="crosshair" ?hidden=${!placing} aria-hidden="true"></div>
            ${placing && this.#place.instruction ? html`<p class="instruction" part="instruction" aria-hidden="true">${t.layout.placeInstruction}</p>` : nothing}
            <div class=${classMap({ overlay: true, shown: state.status !== 'ready' })}>
              <div class="message" id="unit-message" role="status">${unitMessage(t, state)}</div>
              ${state.status === 'error' && state.error.retryable
                ? html`<button type="button" part="retry" @click=${this.#retry}>${t.status.retry}</button>`
                : nothing}
            </div>
          </div>
          <section class="panel" part="panel" aria-label=${t.layout.panelLabel}>
            <div class=${classMap({ 'panel-head': true, 'has-status': browsing })}>
              ${browsing ? renderReportsStatus(t, this.#reports.state, () => this.#reports.schedule(0, true)) : nothing}
              <button type="button" class="secondary panel-toggle" part="panel-toggle" aria-expanded=${String(this.panelOpen)}
                aria-controls="panel-body" @click=${() => (this.panelOpen = !this.panelOpen)}>${t.layout.panel}</button>
            </div>
            <div id="panel-body" class="panel-body">
              ${browsing ? (this.#parts.browsePanel?.(this.#panels) ?? nothing) : nothing}
              ${renderViewPanel(this.#viewPanel)}
            </div>
          </section>
        </div>
        <p id="keys" class="visually-hidden">${t.map.keyboardHint}${placing ? ` ${t.report.place.keys}` : ''}</p>
      </section>
    `;
  }

  get #panels(): PanelContext {
    return {
      t: this.#i18n.t, lang: this.#i18n.lang, browser: this.#browser, reports: this.#reports, sync: this.#sync,
      openPanel: () => this.#openPanel(), shows: (stage) => this.#stages.reached(stage),
      legendDisclosure: { opened: this.legendOpened, onOpen: () => (this.legendOpened = true) },
    };
  }

  #onMapKey(event: KeyboardEvent): void {
    if (this.#view === 'map') this.#sync.mapKey(event);
    if (event.key === 'Enter' || event.key === ' ') this.#place.drop();
  }

  /** "My reports" in the form: that report's status in the tracking view, in the widget. */
  #onTrackOpen(event: CustomEvent<{ id: string; token: string }>): void {
    this.view = 'track';
    this.tracked = event.detail;
  }

  get #viewPanel(): ViewPanelContext {
    return {
      view: this.#view, t: this.#i18n.t, lang: this.#i18n.lang, api: this.api, unit: this.#unitId, parts: this.#parts,
      map: this.#map.map, viewport: this.renderRoot.querySelector<HTMLElement>('#map') ?? undefined,
      tracked: { id: this.tracked?.id ?? this.report, token: this.tracked?.token ?? this.token },
      categories: this.#offeredCategories, photosEnabled: this.#config.config.photosEnabled,
      onStep: (event) => this.#onStep(event), onTrackOpen: (event) => this.#onTrackOpen(event), onReportClose: () => void this.#toggleView(),
    };
  }

  /** The Map / Statistics buttons: focus stays on the pressed button (its state is announced). */
  #switchTo(view: 'map' | 'stats'): void {
    this.view = view;
  }

  #onStep(event: Event): void {
    this.#place.stepped((event.target as KmzbReportForm).step);
  }

  /** Opens a narrow widget's panel (the skip link, a selected report); resolves once it is shown. */
  async #openPanel(): Promise<void> {
    this.panelOpen = true;
    await this.updateComplete;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('kmzb-report-select', this.#onSelect);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('kmzb-report-select', this.#onSelect);
  }

  /** A report was picked: a narrow widget opens its panel, where the detail is. */
  readonly #onSelect = (): void => {
    this.panelOpen = true;
  };

  /** The view button (and the form's "back to the map"): switch, and put focus where the reader goes. */
  async #toggleView(): Promise<void> {
    const opening = this.#view !== 'report';
    // No unit shown (unknown, or the API cannot be reached): nowhere to report to. The button
    // stays focusable and says why through the message it is described by.
    if (opening && this.#unit.state.status === 'error') return;
    this.view = opening ? 'report' : 'map';
    await this.updateComplete;
    if (opening) {
      await this.#parts.load('report');
      await this.updateComplete;
      // The place comes first, and it is chosen on the map: focus goes there, with a short
      // instruction over it (the keys are in the map's description too). Tab goes on to the
      // map's controls and then to the form's place controls and "Next".
      this.#place.show();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#map')?.focus();
    } else {
      this.renderRoot.querySelector<HTMLElement>('#view-button')?.focus();
    }
  }

  #retry(): void {
    // The button disappears while loading: keep focus in the widget instead of losing it to <body>.
    this.renderRoot.querySelector<HTMLElement>('#map')?.focus();
    this.#unit.retry();
  }

  async #onUnit(state: UnitState): Promise<void> {
    if (state.status === 'loading') {
      if (this.#ready.settled) this.#ready = settleable();
      return;
    }
    const ready = this.#ready;
    // updateComplete waits for the staged renders; the map is created after they paint.
    await Promise.all([this.#parts.panelElements(), this.#i18n.loaded()]);
    await this.updateComplete;
    await this.#map.created;
    if (state !== this.#unit.state) return; // a newer load took over
    if (state.status === 'ready') {
      // showUnit fits the view at once (its promise waits for the drawn frame): the reports
      // can be asked for from here, for the unit's view.
      this.#placed = state;
      const shown = this.#map.showUnit(state.unit);
      this.#reports.schedule(0);
      await shown;
      if (state !== this.#unit.state) return;
      emit(this, 'kmzb-unit-load', { unit: state.unit });
      this.#reports.schedule(0);
      if (this.report && this.#view === 'map') void this.#browser.select(this.report.trim(), { centre: true });
    } else {
      this.#reports.reset();
      emit(this, 'kmzb-unit-error', { unitId: state.id, code: state.error.code });
    }
    ready.resolve();
  }
}
