import { html, nothing } from 'lit';
import { CRIME_CATEGORY_NAMES } from '../../../../common/stats.js';
import type { Lang } from '../../i18n/index.js';
import type { StatsTranslation } from '../../i18n/stats/index.js';
import { type ChoroplethClass, NO_DATA_COLOR } from '../../map/choropleth-layer.js';
import { downloadCsv, toCsv, type DataRow } from './csv.js';
import { crimeCategory, crimeValue, LAYER_MODES, type LayerMode } from './map-layer.js';
import type { StatsData } from './stats-loader.js';

export interface LayerPanel {
  s: StatsTranslation;
  lang: Lang;
  data: StatsData;
  mode: LayerMode;
  classes: readonly ChoroplethClass[];
  /** Whether any area is "no data" (then the legend has that entry too). */
  noData: boolean;
  fileBase: string;
  onMode: (mode: LayerMode) => void;
}

/** The name of a mode in the reader's language. */
export function modeName(s: StatsTranslation, lang: Lang, mode: LayerMode): string {
  const category = crimeCategory(mode);
  if (category) return s.layer.crime(CRIME_CATEGORY_NAMES[category][lang]);
  return mode === 'units' ? s.layer.units : s.layer.crimeTotal;
}

/**
 * The map layer's controls under the charts: which figures the map shades, its legend (each
 * colour with its range in words), and for the police figures their table per powiat with CSV.
 */
export function renderLayerPanel(p: LayerPanel) {
  const { s, lang, mode } = p;
  const modes = LAYER_MODES.filter((m) => m !== 'units' || (p.data.stats.byUnit ?? []).length > 0);
  const format = new Intl.NumberFormat(lang);
  const name = modeName(s, lang, mode);
  return html`<section class="layer" aria-labelledby="layer-heading">
    <h4 id="layer-heading">${s.layer.title}</h4>
    <label for="layer-mode">${s.layer.choose}</label>
    <select id="layer-mode" @change=${(e: Event) => p.onMode((e.target as HTMLSelectElement).value as LayerMode)}>
      ${modes.map((m) => html`<option value=${m} ?selected=${m === mode}>${modeName(s, lang, m)}</option>`)}
    </select>
    <div class="legend" role="group" aria-labelledby="legend-title">
      <p id="legend-title" class="legend-title">${s.layer.legend}: ${name}</p>
      <ul>
        ${p.classes.map((c) => html`<li data-from=${c.from} data-to=${c.to}><span class="swatch" style="background:${c.color}"></span>${
          c.from === c.to ? format.format(c.from) : `${format.format(c.from)}–${format.format(c.to)}`}</li>`)}
        ${p.noData ? html`<li data-no-data><span class="swatch" style="background:${NO_DATA_COLOR}"></span>${s.layer.noData}</li>` : nothing}
      </ul>
    </div>
    ${mode === 'units' ? nothing : renderCrimeTable(p, name)}
  </section>`;
}

/** The police figures per powiat for the chosen category, with the months that had any. */
function renderCrimeTable(p: LayerPanel, name: string) {
  const { s, lang, mode, data } = p;
  const powiats = data.crime?.powiats ?? [];
  const format = new Intl.NumberFormat(lang);
  const rows: DataRow[] = powiats.map((pw) => {
    const known = pw.monthsWithData > 0;
    return { key: pw.teryt, label: pw.name, count: known ? crimeValue(pw.counts, pw.total, mode) : null, suppressed: false };
  });
  const save = () => downloadCsv(`${p.fileBase}_crime_${crimeCategory(mode) ?? 'total'}.csv`, toCsv(rows));
  if (!data.crime) return html`<p class="note">${s.error}</p>`;
  // Nothing imported for these powiats and months: say so, rather than a table of dashes.
  if (!powiats.some((pw) => pw.monthsWithData > 0)) return html`<p class="note crime-empty">${s.layer.crimeEmpty}</p>`;
  return html`<div class="crime" data-chart="crime">
    <table>
      <caption>${s.layer.crimeTable}: ${name}</caption>
      <thead><tr><th scope="col">${s.layer.powiat}</th><th scope="col">${s.charts.count}</th><th scope="col">${s.layer.monthsWithData}</th></tr></thead>
      <tbody>
        ${powiats.map((pw, i) => html`<tr data-key=${pw.teryt}><th scope="row">${pw.name}</th>
          <td>${rows[i]!.count === null ? s.layer.noData : format.format(rows[i]!.count!)}</td>
          <td>${pw.monthsWithData} / ${data.crime!.months}</td></tr>`)}
      </tbody>
    </table>
    <p class="note">${s.layer.crimeNote}</p>
    <button type="button" class="secondary csv" aria-describedby="layer-heading" @click=${save}>${s.charts.download}</button>
  </div>`;
}
