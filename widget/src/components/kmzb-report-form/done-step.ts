import { html } from 'lit';
import { trackTranslations } from '../../i18n/track/index.js';
import { openTracking } from '../kmzb-my-reports/kmzb-my-reports.component.js';
import type { KmzbReportForm } from './kmzb-report-form.component.js';

/** After sending: the report's id and unit with the device's reports, or the confirmation count. */
export function renderDone(form: KmzbReportForm) {
  const t = form.i18n.t;
  const created = form.created;
  return html`
    ${form.step === 'sent' && created
      ? html`
          <p class="report-id" part="report-id">${t.report.sent.id(created.id)}</p>
          <p>${t.report.sent.unit(created.unit.name)}</p>
          <p id="follow">${trackTranslations[form.i18n.lang].follow}</p>
          <p class="tracking-link"><a href=${created.trackingUrl} aria-describedby="follow" part="tracking-link">${created.trackingUrl}</a></p>
          <p><button type="button" class="secondary track" @click=${() => openTracking(form, created.id, created.trackingToken)}>
            ${trackTranslations[form.i18n.lang].open}</button></p>
          <kmzb-my-reports .api=${form.api} lang=${form.i18n.lang}></kmzb-my-reports>
        `
      : html`<p>${t.report.sent.confirmed(form.confirmations ?? 0)}</p>`}
    <div class="nav">
      <button type="button" class="primary" @click=${() => form.close()}>${t.views.backToMap}</button>
    </div>
  `;
}
