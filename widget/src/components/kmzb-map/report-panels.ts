import { html, nothing } from 'lit';
import type { Translation } from '../../i18n/index.js';
import type { ReportMapController, ReportsState } from '../../map/report-map-controller.js';
import type { ReportBrowser } from './report-browser.js';
import type { ReportSync } from './report-sync.js';
import type { LegendDisclosure } from './legend.js';

/**
 * The map view's panel in the frame (the skip link, the reports' status) and what all of the
 * panel is drawn from; the rest of it (browse-panel.ts) comes with the panel elements' chunk.
 */
export interface PanelContext {
  t: Translation;
  lang: string;
  browser: ReportBrowser;
  reports: ReportMapController;
  sync: ReportSync;
  /** Opens a narrow widget's panel (a sheet over the map); resolves once it is rendered. */
  openPanel: () => Promise<void>;
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
