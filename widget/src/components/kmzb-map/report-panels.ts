import { html, nothing } from 'lit';
import type { Translation } from '../../i18n/index.js';
import type { ReportMapController, ReportsState } from '../../map/report-map-controller.js';
import type { ReportBrowser } from './report-browser.js';
import type { ReportFilter } from './report-filter.js';
import type { ReportSync } from './report-sync.js';
import type { LegendDisclosure, renderLegend } from './legend.js';

/** What the report panels of the map view are drawn from. */
export interface PanelContext {
  t: Translation;
  lang: string;
  browser: ReportBrowser;
  reports: ReportMapController;
  sync: ReportSync;
  /** Opens a narrow widget's panel (a sheet over the map); resolves once it is rendered. */
  openPanel: () => Promise<void>;
  /** The legend's template, once the panel elements' chunk (which carries it) is here. */
  legend: typeof renderLegend | undefined;
  legendDisclosure: LegendDisclosure;
  /** Whether a part of the panel is rendered yet (the first renders are staged: panel-stages.ts). */
  shows: (stage: 'filters' | 'legend' | 'list') => boolean;
}

/**
 * The skip link, first in the map's box: a keyboard reader who wants the list, not the map,
 * gets there in one step (the panel opens first on a narrow widget).
 */
export function renderSkipLink({ t, sync, openPanel }: PanelContext) {
  const skip = async () => {
    await openPanel();
    sync.skipToList();
  };
  return html`<button type="button" class="skip" part="skip-link" @click=${skip}>${t.reportMap.skipToList}</button>`;
}

/** The map view's panel, beside the map or in the sheet over it: the selected report first, then filters, legend and the list. */
export function renderBrowsePanel(context: PanelContext) {
  const { t, lang, browser, shows } = context;
  if (!shows('filters')) return nothing;
  const onFilter = (event: CustomEvent<ReportFilter>) => browser.setFilter(event.detail);
  return html`
    ${renderDetail(context)}
    <kmzb-report-filters part="filters" lang=${lang} .categories=${browser.offered} .filter=${browser.filter} .defaults=${browser.defaultFilter} @filter-change=${onFilter}></kmzb-report-filters>
    ${shows('legend') ? (context.legend?.(t, lang, browser.offered, context.legendDisclosure) ?? nothing) : nothing} ${shows('list') ? renderList(context) : nothing}
  `;
}

/** The selected report, at the top of the panel. */
export function renderDetail({ lang, browser, sync }: PanelContext) {
  const detail = browser.detail;
  return html`<kmzb-report-detail class="detail" part="detail" ?hidden=${!detail} lang=${lang}
    .state=${detail} .catalogue=${browser.byCode} @detail-close=${() => sync.close()} @retry=${() => browser.retryDetail()}></kmzb-report-detail>`;
}

/** The table of the reports in view. */
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
