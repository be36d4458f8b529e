import { html, nothing, type TemplateResult } from 'lit';
import type { StatsTranslation } from '../../i18n/stats/index.js';
import { barChart, type ChartRow, columnChart, WIDTH } from './charts.js';
import { downloadCsv, toCsv } from './csv.js';

/** One chart of the stats view: what it shows and how. */
export interface Figure {
  /** Stable id: the element ids, the `data-chart` hook and the CSV's file name derive from it. */
  id: string;
  title: string;
  rows: ChartRow[];
  shape: 'bars' | 'columns';
  /** A sentence under the chart (what was left out, what is withheld). */
  note?: string | TemplateResult;
  /** Base of the CSV file's name, e.g. `kpp-zakopane_2026-01-01_2026-01-30`. */
  fileBase: string;
}

/**
 * A chart with its accessible twin: the SVG is one image (role="img") named by its title and
 * described by a summary; the same rows are a real table behind a "Show table" disclosure
 * (a <details>, reachable by keyboard and screen readers alike), and a button saves them as CSV.
 */
export function renderFigure(t: StatsTranslation, figure: Figure) {
  const { id, title, rows } = figure;
  const total = rows.reduce((sum, row) => sum + (row.count ?? 0), 0);
  const drawing = figure.shape === 'bars' ? barChart(rows) : columnChart(rows);
  const save = () => downloadCsv(`${figure.fileBase}_${id}.csv`, toCsv(rows));
  return html`<section class="chart" data-chart=${id} aria-labelledby="${id}-heading">
    <h4 id="${id}-heading">${title}</h4>
    <svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${drawing.height}" class=${figure.shape}>
      <title id="${id}-title">${title}</title>
      <desc id="${id}-desc">${t.charts.desc(rows.length, total)}</desc>
      ${drawing.body}
    </svg>
    ${figure.note ? html`<p class="note">${figure.note}</p>` : nothing}
    <div class="actions">
      <details>
        <summary>${t.charts.showTable}</summary>
        ${renderTable(t, title, rows)}
      </details>
      <button type="button" class="secondary csv" aria-describedby="${id}-heading" @click=${save}>${t.charts.download}</button>
    </div>
  </section>`;
}

/** The rows as a table: name and value, the withheld marker in place of a withheld count. */
export function renderTable(t: StatsTranslation, caption: string, rows: readonly ChartRow[]) {
  return html`<table>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${t.charts.key}</th><th scope="col">${t.charts.count}</th></tr></thead>
    <tbody>
      ${rows.map((row) => html`<tr data-key=${row.key}><th scope="row">${row.label}</th><td>${row.value}</td></tr>`)}
    </tbody>
  </table>`;
}
