import { html, nothing } from 'lit';
import { DOMAINS, type Lang } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { Translation } from '../../i18n/index.js';
import { PUBLIC_STATUSES, STATUS_COLORS } from '../../map/feature-style.js';
import { categoryIcon, statusBadge } from '../kmzb-report-form/icons.js';

/** The legend's disclosure: opened yet (its entries are rendered from then on), and how it tells. */
export interface LegendDisclosure {
  opened: boolean;
  onOpen: () => void;
}

/**
 * The legend, a disclosure in the panel (never over the map's controls): each status with its
 * colour, its badge and its name; each category on offer with its symbol and name; a cluster.
 * Its entries are rendered once it is first opened: closed at first, and its 30 symbols were a
 * long task of the widget's start.
 */
export function renderLegend(t: Translation, lang: string, categories: readonly Category[], disclosure: LegendDisclosure) {
  const onToggle = (event: Event) => {
    if ((event.target as HTMLDetailsElement).open && !disclosure.opened) disclosure.onOpen();
  };
  return html`<details class="legend" part="legend" @toggle=${onToggle}>
    <summary>${t.reportMap.legend.title}</summary>
    ${disclosure.opened ? legendEntries(t, lang, categories) : nothing}
  </details>`;
}

function legendEntries(t: Translation, lang: string, categories: readonly Category[]) {
  const sorted = DOMAINS.flatMap((domain) => categories.filter((c) => c.domain === domain));
  return html`
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
  `;
}

