import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type OlMap from 'ol/Map.js';
import type { DayPeriod } from '../../api/stats.js';
import { I18nController } from '../../i18n/i18n-controller.js';
import { statsTranslations } from '../../i18n/stats/index.js';
import { renderFigure } from './chart-figure.js';
import { renderLayerPanel } from './layer-panel.js';
import { ChoroplethOnMap, classesOf, layerAreas, type LayerMode } from './map-layer.js';
import { checkPeriod, type PeriodProblem, type Preset, PRESETS, presetPeriod } from './period.js';
import { styles } from './kmzb-stats.styles.js';
import { renderSummary } from './summary.js';
import { StatsLoader } from './stats-loader.js';
import { categoryRows, monthRows, type RowContext, sourceRows, statusRows, unitRows } from './stats-rows.js';

/**
 * The statistics view of `<kmzb-map view="stats">` (a lazily loaded chunk): a period picker,
 * the unit's report statistics as SVG charts with their tables and CSV, and a choropleth on
 * the widget's map (reports per sub-unit or the police crime figures) with its legend.
 */
export class KmzbStatsView extends LitElement {
  static override styles = styles;

  /** Base URL of the API, as `<kmzb-map api>`. */
  @property() accessor api: string | undefined;
  /** The unit whose subtree is counted. */
  @property() accessor unit = 'pl';
  /**
   * The standard `lang` attribute, mirrored so that the host's language switch re-renders this
   * view at once (the native `lang` property is not reactive).
   */
  @property({ attribute: 'lang' }) private accessor langAttribute: string | null = null;
  /** The widget's map, shaded while this view is shown. */
  @property({ attribute: false }) accessor map: OlMap | undefined;

  @state() private accessor preset: Preset = '30d';
  @state() private accessor period: DayPeriod = presetPeriod('30d');
  @state() private accessor problem: PeriodProblem | undefined;
  @state() private accessor mode: LayerMode | undefined;

  readonly #i18n = new I18nController(this);
  readonly #loader = new StatsLoader(this);
  readonly #layer = new ChoroplethOnMap();

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-added (the view shown again): the layer goes back on the map; updated() does the first time.
    if (this.hasUpdated) this.#layer.attach(this.map);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#layer.detach();
  }

  /** Resolves when the current request has settled (shown or failed). */
  get loaded(): Promise<void> {
    return this.#loading ?? Promise.resolve();
  }
  #loading: Promise<void> | undefined;

  override willUpdate(changed: PropertyValues<this>): void {
    // `period` is private state, which PropertyValues<this> does not type: ask by name.
    if (changed.has('unit') || changed.has('api') || (changed as Map<string, unknown>).has('period')) this.#load();
  }

  override updated(): void {
    this.#layer.attach(this.map);
    const state = this.#loader.state;
    if (state.status !== 'ready') return this.#layer.show([], []);
    const areas = layerAreas(state.data, this.#mode, (n) => new Intl.NumberFormat(this.#i18n.lang).format(n), '–');
    this.#layer.show(areas, classesOf(areas));
  }

  #load(): void {
    this.#loading = this.#loader.load(this.api, this.unit.trim().toLowerCase() || 'pl', this.period);
  }

  /** The map's figures: the mode chosen, else reports per sub-unit when there are sub-units, else crime. */
  get #mode(): LayerMode {
    const state = this.#loader.state;
    const hasUnits = state.status === 'ready' && (state.data.stats.byUnit ?? []).length > 0;
    return this.mode && (this.mode !== 'units' || hasUnits) ? this.mode : hasUnits ? 'units' : 'crime';
  }

  override render() {
    const s = statsTranslations[this.#i18n.lang];
    return html`<section class="stats" aria-labelledby="stats-title" lang=${this.#i18n.lang}>
      <h3 id="stats-title">${s.title}</h3>
      ${this.#renderPeriod()} ${this.#renderBody()}
    </section>`;
  }

  #renderPeriod() {
    const s = statsTranslations[this.#i18n.lang];
    const custom = this.preset === 'custom';
    const date = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString(this.#i18n.lang, { dateStyle: 'long', timeZone: 'UTC' });
    return html`<form class="period" @submit=${this.#onApply} novalidate>
        <label for="preset">${s.period.preset}</label>
        <select id="preset" @change=${this.#onPreset}>
          ${PRESETS.map((p) => html`<option value=${p} ?selected=${p === this.preset}>${s.period.presets[p]}</option>`)}
        </select>
        ${custom
          ? html`<label for="from">${s.period.from}</label>
              <input type="date" id="from" .value=${this.period.from} aria-invalid=${this.problem ? 'true' : 'false'} aria-describedby="period-problem" />
              <label for="to">${s.period.to}</label>
              <input type="date" id="to" .value=${this.period.to} aria-invalid=${this.problem ? 'true' : 'false'} aria-describedby="period-problem" />
              <button type="submit">${s.period.apply}</button>`
          : nothing}
      </form>
      <p id="period-problem" class="problem" role="alert">${this.problem ? s.period[this.problem] : nothing}</p>
      <p class="shown">${s.period.shown(date(this.period.from), date(this.period.to))}</p>`;
  }

  #renderBody() {
    const s = statsTranslations[this.#i18n.lang];
    const state = this.#loader.state;
    const status = html`<div class="status" aria-live="polite" data-state=${state.status}>
      ${state.status === 'loading' ? html`<span class="spinner" aria-hidden="true"></span>${s.loading}` : nothing}
      ${state.status === 'error' ? html`${s.error} ${this.#i18n.t.errors[state.error.code]({ unitId: this.unit })}` : nothing}
      ${state.status === 'ready' && state.data.stats.total === 0 ? s.empty : nothing}
    </div>
    ${state.status === 'error' ? html`<button type="button" class="retry" @click=${() => this.#load()}>${this.#i18n.t.status.retry}</button>` : nothing}`;
    if (state.status !== 'ready') return status;
    const { stats } = state.data;
    const ctx: RowContext = { t: this.#i18n.t, s, lang: this.#i18n.lang, categories: this.#loader.categories };
    const fileBase = `${stats.unit.id}_${stats.from}_${stats.to}`;
    const suppressedNote = stats.suppression.suppressed.length ? s.suppressed.note(stats.suppression.minCount) : '';
    const areas = layerAreas(state.data, this.#mode, String, '–');
    return html`${status} ${renderSummary(ctx, stats)}
      ${stats.total > 0
        ? html`${renderFigure(s, { id: 'category', title: s.charts.byCategory, rows: categoryRows(ctx, stats), shape: 'bars', note: `${s.charts.zeroOmitted} ${suppressedNote}`, fileBase })}
          ${renderFigure(s, { id: 'status', title: s.charts.byStatus, rows: statusRows(ctx, stats), shape: 'bars', fileBase })}
          ${renderFigure(s, { id: 'month', title: s.charts.byMonth, rows: monthRows(ctx, stats), shape: 'columns', fileBase })}
          ${renderFigure(s, { id: 'source', title: s.charts.bySource, rows: sourceRows(ctx, stats), shape: 'bars', fileBase })}`
        : nothing}
      ${(stats.byUnit ?? []).length
        ? renderFigure(s, { id: 'unit', title: s.charts.byUnit, rows: unitRows(ctx, stats), shape: 'bars', fileBase })
        : html`<p class="note">${s.charts.noUnits}</p>`}
      ${renderLayerPanel({
        s, lang: this.#i18n.lang, data: state.data, mode: this.#mode, classes: classesOf(areas),
        noData: areas.some((a) => a.value === null), fileBase, onMode: (mode) => (this.mode = mode),
      })}`;
  }

  #onPreset(event: Event): void {
    this.preset = (event.target as HTMLSelectElement).value as Preset;
    this.problem = undefined;
    // A preset applies at once; "custom" waits for its dates, starting from the period shown.
    if (this.preset !== 'custom') this.period = presetPeriod(this.preset);
  }

  #onApply(event: SubmitEvent): void {
    event.preventDefault();
    const from = this.renderRoot.querySelector<HTMLInputElement>('#from')?.value ?? '';
    const to = this.renderRoot.querySelector<HTMLInputElement>('#to')?.value ?? '';
    this.problem = checkPeriod(from, to);
    if (!this.problem && (from !== this.period.from || to !== this.period.to)) this.period = { from, to };
  }
}
