import { html, nothing } from 'lit';
import type { StaffReport } from '../../../../common/schemas/staff.js';
import type { ConsoleI18n } from '../i18n/index.js';

/** The report's history, oldest first: when, which status, who, and both notes, labelled. */
export function historyList(i18n: ConsoleI18n, history: StaffReport['history']) {
  const { t, w } = i18n;
  return html`<ol class="history">
    ${history.map((entry) => html`<li>
      <strong>${w.statuses[entry.status]}</strong>, ${i18n.dateTime(entry.at)}
      ${entry.staff ? html`<span class="by">(${t.report.by(entry.staff.displayName)})</span>` : nothing}
      ${entry.publicNote ? html`<p class="public-note"><em>${t.report.publicNote}:</em> ${entry.publicNote}</p>` : nothing}
      ${entry.internalNote ? html`<p class="internal-note"><em>${t.report.internalNote}:</em> ${entry.internalNote}</p>` : nothing}
    </li>`)}
  </ol>`;
}
