import { html, nothing } from 'lit';
import { DOMAINS, type Lang } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { Translation } from '../../i18n/index.js';
import { PUBLIC_STATUSES, STATUS_COLORS } from '../../map/feature-style.js';
import { categoryIcon, statusBadge } from '../kmzb-report-form/icons.js';

/**
 * The legend, a disclosure in the panel (never over the map's controls): each status with its
 * colour, its badge and its name; each category on offer with its symbol and name; a cluster.
 */
export function renderLegend(t: Translation, lang: string, categories: readonly Category[]) {
  const sorted = DOMAINS.flatMap((domain) => categories.filter((c) => c.domain === domain));
  return html`<details class="legend" part="legend">
    <summary>${t.reportMap.legend.title}</summary>
    <p class="legend-title">${t.reportMap.legend.statuses}</p>
    <ul>
      ${PUBLIC_STATUSES.map((status) => html`<li><span class="swatch" style="background:${STATUS_COLORS[status]}"></span>${statusBadge(status)}${t.statuses[status]}</li>`)}
    </ul>
    ${sorted.length
      ? html`<p class="legend-title">${t.layout.symbols}</p>
          <ul class="symbols">
            ${sorted.map((category) => html`<li data-category=${category.code}>${categoryIcon(category.code, category.domain)} ${category.names[lang as Lang] ?? category.code}</li>`)}
          </ul>
          <p class="legend-note">${t.layout.clusters}</p>`
      : nothing}
  </details>`;
}

