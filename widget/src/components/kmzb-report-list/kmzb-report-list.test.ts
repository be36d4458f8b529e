import { expect, fixture, html } from '@open-wc/testing';
import type { PublicReportProperties } from '../../../../common/schemas/report-map.js';
import './kmzb-report-list.js';
import type { KmzbReportList } from './kmzb-report-list.component.js';

/** `count` reports, the newest first by id: R0 is the newest. */
function reports(count: number): PublicReportProperties[] {
  return Array.from({ length: count }, (_, n) => ({
    kind: 'report' as const,
    id: `R${n}`,
    category: 'speeding',
    status: 'new' as const,
    createdAt: new Date(Date.UTC(2026, 0, 1) - n * 3_600_000).toISOString(),
    updatedAt: '2026-01-01T00:00:00Z',
    confirmations: 0,
    unit: 'kmp-olsztyn',
  }));
}

const rows = (el: KmzbReportList) => [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')];

describe('<kmzb-report-list>', () => {
  it('renders 20 rows first, then 20 a frame, until the first 100 are listed', async () => {
    const el = await fixture<KmzbReportList>(html`<kmzb-report-list lang="pl"></kmzb-report-list>`);
    const counts: number[] = [];
    el.reports = reports(150);
    // Each frame's count, from the first render of the answer on.
    const watch = new MutationObserver(() => counts.push(rows(el).length));
    watch.observe(el.shadowRoot!, { childList: true, subtree: true });
    await el.updateComplete;
    watch.disconnect();
    expect(rows(el).map((row) => row.dataset.id)).to.deep.equal(reports(100).map((r) => r.id));
    expect(counts[0], 'the first render').to.equal(20);
    expect(Math.max(...counts.slice(1).map((n, i) => n - counts[i]!)), 'rows added at a time').to.be.at.most(20);
    expect(el.shadowRoot!.querySelector('.note')!.textContent).to.contain('Pokazano 100 z 150.');
  });

  it('lists every report eventually: "Pokaż więcej" adds the rest', async () => {
    const el = await fixture<KmzbReportList>(html`<kmzb-report-list lang="pl" .reports=${reports(150)}></kmzb-report-list>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.note button')!.click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(150);
    expect(rows(el).at(-1)!.dataset.id).to.equal('R149');
    expect(el.shadowRoot!.querySelector('.note')).to.equal(null);
  });

  it('writes each date as the language does, on the reader\'s day', async () => {
    const [report] = reports(1);
    const el = await fixture<KmzbReportList>(html`<kmzb-report-list lang="pl" .reports=${[report!]}></kmzb-report-list>`);
    const local = new Date(report!.createdAt);
    expect(el.shadowRoot!.querySelector('time')!.textContent).to.equal(`${local.getDate()}.${String(local.getMonth() + 1).padStart(2, '0')}.${local.getFullYear()}`);
  });
});
