import { expect, fixture, html, waitUntil } from '@open-wc/testing';
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
  /** The list in a panel 300 px tall that scrolls, as the widget's side panel does. */
  async function inPanel(count: number): Promise<{ el: KmzbReportList; panel: HTMLElement }> {
    const panel = await fixture<HTMLElement>(html`<div style="height: 300px; overflow: auto">
      <kmzb-report-list lang="pl" .reports=${reports(count)}></kmzb-report-list></div>`);
    const el = panel.querySelector<KmzbReportList>('kmzb-report-list')!;
    await el.updateComplete;
    return { el, panel };
  }

  /** Scrolls the panel to its end until `done`, noting the row count after each growth. */
  async function scrollUntil(el: KmzbReportList, panel: HTMLElement, done: () => boolean): Promise<number[]> {
    const counts = [rows(el).length];
    for (let tries = 0; tries < 50 && !done(); tries++) {
      panel.scrollTop = panel.scrollHeight;
      await waitUntil(() => rows(el).length !== counts.at(-1) || done(), 'no rows came with the scroll', { timeout: 2000 });
      counts.push(rows(el).length);
    }
    return counts;
  }

  it('renders 8 rows first, and 8 more each time their end scrolls near, up to the first 100', async () => {
    const { el, panel } = await inPanel(150);
    expect(rows(el), 'the first render').to.have.length(8);
    expect(rows(el).at(-1)!.getBoundingClientRect().bottom, 'they fill the visible part').to.be.greaterThan(panel.getBoundingClientRect().bottom);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rows(el), 'rows below the fold wait for a scroll').to.have.length(8);
    expect(el.shadowRoot!.querySelector('table')!.getAttribute('aria-rowcount'), 'the full size is announced').to.equal('101');
    const counts = await scrollUntil(el, panel, () => !!el.shadowRoot!.querySelector('.note'));
    expect(rows(el).map((row) => row.dataset.id)).to.deep.equal(reports(100).map((r) => r.id));
    expect(Math.max(...counts.slice(1).map((n, i) => n - counts[i]!)), 'rows added at a time').to.be.at.most(8);
    expect(rows(el).at(-1)!.getAttribute('aria-rowindex')).to.equal('101');
    expect(el.shadowRoot!.querySelector('.note')!.textContent).to.contain('Pokazano 100 z 150.');
  });

  it('fills a panel taller than the first rows in short renders of 8, without a scroll', async () => {
    const panel = await fixture<HTMLElement>(html`<div style="height: 1000px; overflow: auto">
      <kmzb-report-list lang="pl" .reports=${reports(150)}></kmzb-report-list></div>`);
    const el = panel.querySelector<KmzbReportList>('kmzb-report-list')!;
    await el.updateComplete;
    // Each render's row count, as it is committed (a poll could miss one).
    const counts = [rows(el).length];
    const renders = new MutationObserver(() => counts.push(rows(el).length));
    renders.observe(el.shadowRoot!.querySelector('tbody')!, { childList: true });
    const filled = () => rows(el).at(-1)!.getBoundingClientRect().bottom > panel.getBoundingClientRect().bottom;
    await waitUntil(filled, 'the rows never filled the panel', { timeout: 3000 });
    renders.disconnect();
    expect(counts[0], 'the first render').to.equal(8);
    expect(counts.length, 'renders').to.be.greaterThan(1);
    expect(Math.max(...counts.slice(1).map((n, i) => n - counts[i]!)), 'rows added at a time').to.be.at.most(8);
  });

  it('lists every report eventually: "Pokaż więcej" adds the rest', async () => {
    const { el, panel } = await inPanel(150);
    await scrollUntil(el, panel, () => !!el.shadowRoot!.querySelector('.note button'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('.note button')!.click();
    await scrollUntil(el, panel, () => rows(el).length === 150);
    expect(rows(el).at(-1)!.dataset.id).to.equal('R149');
    expect(el.shadowRoot!.querySelector('.note')).to.equal(null);
  });

  it('renders the row of a report picked on the map, however far down, and marks it', async () => {
    const { el } = await inPanel(150);
    el.selected = 'R70';
    await el.updateComplete;
    el.revealSelected();
    expect(el.shadowRoot!.querySelector('tr[aria-current="true"]')?.getAttribute('data-id')).to.equal('R70');
  });

  it('writes each date as the language does, on the reader\'s day', async () => {
    const [report] = reports(1);
    const el = await fixture<KmzbReportList>(html`<kmzb-report-list lang="pl" .reports=${[report!]}></kmzb-report-list>`);
    const local = new Date(report!.createdAt);
    expect(el.shadowRoot!.querySelector('time')!.textContent).to.equal(`${local.getDate()}.${String(local.getMonth() + 1).padStart(2, '0')}.${local.getFullYear()}`);
  });
});
