import { html, nothing } from 'lit';
import { loadMyReports } from '../../api/my-reports.js';
import type { KmzbReportForm } from './kmzb-report-form.component.js';

/** Step 1: the place. The pin itself is on the host's map; this is what is said about it. */
export function renderPlace(form: KmzbReportForm) {
  const t = form.i18n.t;
  const p = t.report.place;
  const error = form.errors.place ?? (form.place.status === 'error' ? t.errors[form.place.code]({ unitId: '' }) : undefined);
  const geo = { idle: undefined, locating: p.locating, denied: p.geoDenied, unavailable: p.geoUnavailable }[form.geo];
  let status: string;
  if (error) status = error;
  else if (form.place.status === 'finding') status = p.finding;
  else if (form.place.status === 'ready') status = p.unit(form.place.unit.name);
  else status = p.noPin;
  const mine = loadMyReports().length > 0;
  const refusal = form.refusal;
  // Refused before typing: say so at once; "I see it too" may still be allowed on the next step.
  const confirmOnly = refusal !== undefined && form.allowance?.confirmation.allowed === true;
  const blocked = refusal !== undefined && !confirmOnly;
  return html`
    ${refusal
      ? html`<div class="refusal" role="alert" part="refusal">
          <p>${refusal}</p>
          ${confirmOnly ? html`<p>${t.report.confirmOnly}</p>` : nothing}
        </div>`
      : nothing}
    <p id="place-hint">${p.hint} ${p.keys}</p>
    <div class="row">
      <button type="button" id="my-location" class="secondary" aria-describedby="geo-status place-status" @click=${() => form.useMyLocation()}>
        ${p.myLocation}
      </button>
    </div>
    <p id="geo-status" class="note" aria-live="polite">${geo ?? ''}</p>
    <p id="place-status" class=${error ? 'error' : 'unit'} part="unit" aria-live="polite">${status}</p>
    <div class="nav">
      <button type="button" class="primary" ?disabled=${form.place.status !== 'ready' || blocked} @click=${() => form.goTo('category')}>
        ${t.report.next}
      </button>
    </div>
    ${mine
      ? html`<details class="mine">
          <summary>${t.report.myReports.title}</summary>
          <kmzb-my-reports .api=${form.api} lang=${form.i18n.lang}></kmzb-my-reports>
        </details>`
      : nothing}
  `;
}
