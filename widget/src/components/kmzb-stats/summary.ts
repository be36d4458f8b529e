import { html } from 'lit';
import type { Stats, StatsDuration } from '../../../../common/schemas/stats.js';
import { formatHours } from './duration.js';
import type { RowContext } from './stats-rows.js';

/** The headline figures: total, hidden, share confirmed, the two median times. */
export function renderSummary({ s, lang }: RowContext, stats: Stats) {
  const number = new Intl.NumberFormat(lang);
  const { confirmed, verified, share } = stats.confirmedShare;
  const percent = share === null ? s.summary.noneVerified
    : s.summary.share(new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share), confirmed, verified);
  const median = (d: StatsDuration) =>
    d.medianHours === null ? s.summary.noMedian : s.summary.median(formatHours(d.medianHours, lang, s.summary.underHour), d.count);
  return html`<section class="summary" aria-labelledby="summary-title">
    <h4 id="summary-title">${s.summary.title}</h4>
    <dl>
      <div><dt>${s.summary.total}</dt><dd data-figure="total">${number.format(stats.total)}</dd></div>
      <div><dt>${s.summary.confirmedShare}</dt><dd data-figure="share">${percent}</dd></div>
      <div><dt>${s.summary.timeToVerification}</dt><dd data-figure="verification">${median(stats.timeToVerification)}</dd></div>
      <div><dt>${s.summary.timeToFinal}</dt><dd data-figure="final">${median(stats.timeToFinal)}</dd></div>
      <div><dt>${s.summary.hidden}</dt><dd data-figure="hidden">${number.format(stats.hidden)}</dd></div>
    </dl>
  </section>`;
}
