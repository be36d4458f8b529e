import { html, nothing } from 'lit';
import { DOMAINS } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { Translation } from '../../i18n/index.js';
import { PUBLIC_STATUSES, STATUS_COLORS } from '../../map/feature-style.js';
import type { ReportMapController, ReportsState } from '../../map/report-map-controller.js';
import { domainIcon } from '../kmzb-report-form/icons.js';
import type { ReportBrowser } from './report-browser.js';
import type { ReportFilter } from './report-filter.js';
import type { ReportSync } from './report-sync.js';

/** What the report panels of the map view are drawn from. */
export interface PanelContext {
  t: Translation;
  lang: string;
  browser: ReportBrowser;
  reports: ReportMapController;
  sync: ReportSync;
}

/** Above the map: the filters, the fetch's status, and the skip link to the list. */
export function renderBrowseTop({ t, lang, browser, reports, sync }: PanelContext) {
  const onFilter = (event: CustomEvent<ReportFilter>) => browser.setFilter(event.detail);
  return html`
    <div class="browse">
      <kmzb-report-filters part="filters" lang=${lang} .categories=${browser.offered} .filter=${browser.filter} .defaults=${browser.defaultFilter} @filter-change=${onFilter}></kmzb-report-filters>
      ${renderReportsStatus(t, reports.state, () => reports.schedule(0, true))}
    </div>
    <button type="button" class="skip" part="skip-link" @click=${() => sync.skipToList()}>${t.reportMap.skipToList}</button>
  `;
}

/** The selected report's panel over the map. */
export function renderDetail({ lang, browser, sync }: PanelContext) {
  const detail = browser.detail;
  return html`<kmzb-report-detail class="detail" part="detail" ?hidden=${!detail} lang=${lang}
    .state=${detail} .catalogue=${browser.byCode} @detail-close=${() => sync.close()} @retry=${() => browser.retryDetail()}></kmzb-report-detail>`;
}

/** The table of the reports in view, below the map. */
export function renderList({ t, lang, browser, reports, sync }: PanelContext) {
  const state = reports.state;
  const data = 'data' in state ? state.data : undefined;
  return html`<section class="list" id="list" aria-labelledby="list-title">
    <h3 id="list-title" class="visually-hidden">${t.reportMap.list.title}</h3>
    <kmzb-report-list part="list" lang=${lang} .reports=${browser.listed} ?clustered=${!!data?.clustered} ?unavailable=${state.status === 'error'}
      .total=${data?.total ?? 0} .selected=${reports.layer.selected} .catalogue=${browser.byCode}
      @report-pick=${(e: CustomEvent<{ id: string }>) => void sync.select(e.detail.id, 'list')}></kmzb-report-list>
  </section>`;
}

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
