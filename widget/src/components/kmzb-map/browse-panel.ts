import { html, nothing } from 'lit';
import { renderLegend } from './legend.js';
import type { PanelContext } from './report-panels.js';
import type { ReportFilter } from './report-filter.js';

/*
 * The map view's panel below its status: the selected report, the filters, the legend and the
 * list. In the panel elements' chunk (report-panel-elements.ts), with the elements it renders:
 * nothing of it shows before they are here, so the first download need not carry it.
 */

/** The map view's panel, beside the map or in the sheet over it: the selected report first, then filters, legend and the list. */
export function renderBrowsePanel(context: PanelContext) {
  const { t, lang, browser, shows } = context;
  if (!shows('filters')) return nothing;
  const onFilter = (event: CustomEvent<ReportFilter>) => browser.setFilter(event.detail);
  return html`
    ${renderDetail(context)}
    <kmzb-report-filters part="filters" lang=${lang} .categories=${browser.offered} .filter=${browser.filter} .defaults=${browser.defaultFilter} @filter-change=${onFilter}></kmzb-report-filters>
    ${shows('legend') ? renderLegend(t, lang, browser.offered, context.legendDisclosure) : nothing} ${shows('list') ? renderList(context) : nothing}
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
