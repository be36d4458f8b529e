import { html, nothing } from 'lit';
import { TIMES_OF_DAY, WEEKDAYS } from '../../../../common/catalogue.js';
import type { StaffReport } from '../../../../common/schemas/staff.js';
import { NEARBY_DUPLICATE_METRES } from '../../../../common/staff.js';
import type { ConsoleI18n } from '../i18n/index.js';

/**
 * What the citizen said about when the threat recurs, as a sentence in the reader's language
 * ("Powtarza się w poniedziałki i w środy, wieczorem."), days and times in the week's order.
 */
export function recurrenceInWords(i18n: ConsoleI18n, recurrence: StaffReport['recurrence']): string {
  const p = i18n.t.reportPage;
  const list = new Intl.ListFormat(i18n.locale, { type: 'conjunction' });
  const days = WEEKDAYS.filter((d) => recurrence?.days?.includes(d)).map((d) => p.recurrenceDays[d]);
  const times = TIMES_OF_DAY.filter((t) => recurrence?.times?.includes(t)).map((t) => p.recurrenceTimes[t]);
  const parts = [days, times].filter((words) => words.length).map((words) => list.format(words));
  return parts.length ? p.recurs(parts.join(', ')) : p.recurrenceNone;
}

/** Where the report was routed: the powiat, and the snap when the place lay outside every powiat. */
export function routingInWords(i18n: ConsoleI18n, routing: StaffReport['routing']) {
  if (!routing) return nothing;
  const p = i18n.t.reportPage;
  return html`${p.routed(routing.powiat.name, routing.voivodeship.name)}
    ${routing.snappedMetres > 0 ? html`<span class="snapped">${p.snapped(routing.snappedMetres, routing.powiat.name)}</span>` : nothing}`;
}

/** The count of "I see it too" and, under it, when each came. */
export function confirmationsWithDates(i18n: ConsoleI18n, report: StaffReport) {
  const dates = report.confirmedAt ?? [];
  return html`${report.confirmations}${dates.length
    ? html`<ul class="confirmed-at">${dates.map((at) => html`<li>${i18n.dateTime(at)}</li>`)}</ul>` : nothing}`;
}

/** The list of possible duplicates: each links to its report, with category, status and distance. */
export function duplicatesList(i18n: ConsoleI18n, report: StaffReport, categoryName: (code: string) => string) {
  const p = i18n.t.reportPage;
  const nearby = report.nearby ?? [];
  if (!nearby.length) return html`<p class="nearby-none">${p.noDuplicates(NEARBY_DUPLICATE_METRES)}</p>`;
  return html`<h4 id="nearby-heading">${p.duplicates(nearby.length)}</h4>
    <ul class="nearby" aria-labelledby="nearby-heading">${nearby.map((r) => html`<li data-id=${r.id}>
      <a href="#report/${encodeURIComponent(r.id)}">${r.id}</a>${p.duplicateItem(categoryName(r.category), i18n.w.statuses[r.status], r.distance)}</li>`)}</ul>`;
}
