import { html, nothing } from 'lit';
import { DOMAINS } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { Translation } from '../../i18n/index.js';
import { PUBLIC_STATUSES, STATUS_COLORS } from '../../map/feature-style.js';
import type { ReportsState } from '../../map/report-map-controller.js';
import { domainIcon } from '../kmzb-report-form/icons.js';

/** The legend over the map: each status colour with its name, each domain glyph with its name. */
export function renderLegend(t: Translation, categories: readonly Category[]) {
  const domains = DOMAINS.filter((domain) => categories.some((c) => c.domain === domain));
  return html`<details class="legend" part="legend">
    <summary>${t.reportMap.legend.title}</summary>
    <p class="legend-title">${t.reportMap.legend.statuses}</p>
    <ul>
      ${PUBLIC_STATUSES.map((status) => html`<li><span class="swatch" style="background:${STATUS_COLORS[status]}"></span>${t.statuses[status]}</li>`)}
    </ul>
    ${domains.length
      ? html`<p class="legend-title">${t.reportMap.legend.domains}</p>
          <ul>
            ${domains.map((domain) => html`<li>${domainIcon(domain)} ${t.report.category.domains[domain]}</li>`)}
          </ul>`
      : nothing}
  </details>`;
}

/**
 * Loading, count and errors of the report fetch in a polite live region (not role=status: the
 * unit's message keeps that role), with Retry when asking again may help.
 */
export function renderReportsStatus(t: Translation, state: ReportsState, retry: () => void) {
  let content: unknown = nothing;
  if (state.status === 'loading') content = html`<span class="spinner" aria-hidden="true"></span>${t.reportMap.loading}`;
  else if (state.status === 'ready') content = t.reportMap.shown(state.data.total);
  else if (state.status === 'error') content = t.errors[state.error.code]({ unitId: '' });
  return html`<div class="reports-status" part="reports-status">
    <span aria-live="polite" class="reports-message" data-state=${state.status}>${content}</span>
    ${state.status === 'error' && state.error.retryable
      ? html`<button type="button" class="secondary" part="reports-retry" @click=${retry}>${t.status.retry}</button>`
      : nothing}
  </div>`;
}
