import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type Feature from 'ol/Feature.js';
import type VectorLayer from 'ol/layer/Vector.js';
import type VectorSource from 'ol/source/Vector.js';
import type { CrimeStats } from '../../../../common/schemas/crime-stats.js';
import type { Stats } from '../../../../common/schemas/stats.js';
import type { DayPeriod } from '../../api/stats.js';
import '../../kmzb-map.js';
import type { KmzbMap } from '../kmzb-map/kmzb-map.component.js';
import { FIXTURE_UNIT } from '../kmzb-map/report-map.fixtures.js';
import type { KmzbStatsView } from './kmzb-stats.component.js';
import { formatHours } from './duration.js';
import { presetPeriod } from './period.js';
import { fixtureCrimeRows, FIXTURE_POWIAT } from './stats.fixtures.js';

// Only `import type` of the stats code above: its chunk must load when the view opens, not before.
const api = location.origin;

async function mount(unit: string, view = 'map'): Promise<KmzbMap> {
  const el = await fixture<KmzbMap>(html`<kmzb-map unit=${unit} api=${api} basemap="none" view=${view} height="900px"></kmzb-map>`);
  await el.ready;
  return el;
}

const $ = <E extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<E>(selector);
const $$ = (root: Element, selector: string) => [...root.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The stats view once its data is shown. */
async function statsView(el: KmzbMap): Promise<KmzbStatsView> {
  await waitUntil(() => $(el, 'kmzb-stats-view')?.shadowRoot?.querySelector('.status[data-state="ready"]'), 'stats not shown', { timeout: 20000 });
  const view = $<KmzbStatsView>(el, 'kmzb-stats-view')!;
  await view.updateComplete;
  return view;
}

async function apiStats(unit: string, period: DayPeriod): Promise<Stats> {
  return (await fetch(`${api}/api/v1/stats?${new URLSearchParams({ unit, ...period })}`)).json();
}

function choropleth(el: KmzbMap): VectorLayer<VectorSource<Feature>> | undefined {
  return el.map!.getAllLayers().find((l) => l.get('name') === 'choropleth') as VectorLayer<VectorSource<Feature>> | undefined;
}

/** The values a chart draws and its table lists, by key. */
function chart(view: KmzbStatsView, id: string) {
  const section = $(view, `[data-chart="${id}"]`)!;
  const bars = [...section.querySelectorAll('svg .bar')].map((g) => [g.getAttribute('data-key'), text(g.querySelector('.value'))]);
  const rows = [...section.querySelectorAll('tbody tr')].map((tr) => [tr.getAttribute('data-key'), text(tr.querySelector('td'))]);
  return { section, bars, rows };
}

/** What a cell must read as: its count, "<3" for a withheld sensitive cell, "utajnione" for the complement. */
function shown(cell: { key: string; count: number | null; suppressed: boolean }): string {
  if (!cell.suppressed) return String(cell.count);
  return ['animal_cruelty', 'drug_use', 'minors_at_risk', 'homeless_in_need'].includes(cell.key) ? '<3' : 'utajnione';
}

describe('<kmzb-map view="stats">', () => {
  it('loads the statistics only when their view opens, from a switch that says which view is shown', async () => {
    const el = await mount(FIXTURE_UNIT);
    expect(customElements.get('kmzb-stats-view')).to.equal(undefined);
    expect($(el, '#view-map')!.getAttribute('aria-pressed')).to.equal('true');
    expect($(el, '#view-stats')!.getAttribute('aria-pressed')).to.equal('false');
    expect(el.map!.getAllLayers().find((l) => l.get('name') === 'reports')!.getVisible()).to.equal(true);

    const opened = oneEvent(el, 'kmzb-view-change');
    $(el, '#view-stats')!.click();
    expect((await opened).detail).to.deep.equal({ view: 'stats' });
    await statsView(el);
    expect(customElements.get('kmzb-stats-view')).to.not.equal(undefined);
    expect($(el, '#view-stats')!.getAttribute('aria-pressed')).to.equal('true');
    expect($(el, 'kmzb-report-list')).to.equal(null);
    expect(el.map!.getAllLayers().find((l) => l.get('name') === 'reports')!.getVisible()).to.equal(false);
    expect(choropleth(el)).to.not.equal(undefined);

    const closed = oneEvent(el, 'kmzb-view-change');
    $(el, '#view-map')!.click();
    expect((await closed).detail).to.deep.equal({ view: 'map' });
    await el.updateComplete;
    expect($(el, 'kmzb-stats-view')).to.equal(null);
    expect(choropleth(el)).to.equal(undefined); // the layer went with the view
    expect(el.map!.getAllLayers().find((l) => l.get('name') === 'reports')!.getVisible()).to.equal(true);
  });

  it('draws the API numbers: summary, every chart and its table, withheld cells as withheld, never 0', async () => {
    const el = await mount(FIXTURE_UNIT, 'stats');
    const view = await statsView(el);
    const stats = await apiStats(FIXTURE_UNIT, presetPeriod('30d'));
    expect(stats.total).to.be.greaterThan(0);
    expect(text($(view, '[data-figure="total"]'))).to.equal(String(stats.total));
    const { confirmed, verified } = stats.confirmedShare;
    expect(text($(view, '[data-figure="share"]'))).to.contain(`(${confirmed} z ${verified} sprawdzonych)`);

    const categories = chart(view, 'category');
    const expected = stats.byCategory!.filter((c) => c.suppressed || c.count !== 0).map((c) => [c.key, shown(c)]);
    expect(categories.bars).to.deep.equal(expected);
    expect(categories.rows).to.deep.equal(expected);
    // A county over 30 days: the sensitive categories (none reported) and the largest other are withheld.
    expect(stats.suppression.applies).to.equal(true);
    expect(stats.suppression.suppressed.length).to.be.greaterThan(1);
    for (const key of stats.suppression.suppressed) {
      const bar = categories.bars.find(([k]) => k === key);
      expect(bar?.[1], key).to.be.oneOf(['<3', 'utajnione']);
    }
    expect(text(categories.section.querySelector('.note'))).to.contain('utajnione');

    for (const [id, cells] of [['status', stats.byStatus!], ['month', stats.byMonth!], ['source', stats.bySource!]] as const) {
      const { bars, rows } = chart(view, id);
      const want = cells.map((c) => [c.key, String(c.count)]);
      expect(bars, id).to.deep.equal(want);
      expect(rows, id).to.deep.equal(want);
    }
    const svg = $(view, '[data-chart="status"] svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(text($(view, `#${svg.getAttribute('aria-labelledby')!.split(' ')[0]}`))).to.equal('Zgłoszenia według statusu');
  });

  it('downloads a chart as CSV built from the same rows (header, quoting, withheld as empty + suppressed)', async () => {
    const el = await mount(FIXTURE_UNIT, 'stats');
    const view = await statsView(el);
    const stats = await apiStats(FIXTURE_UNIT, presetPeriod('30d'));
    const blobs: Blob[] = [];
    const names: string[] = [];
    const revoked: string[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (blob: Blob) => (blobs.push(blob), 'blob:test-csv');
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      names.push(this.download);
    };
    try {
      chart(view, 'category').section.querySelector<HTMLButtonElement>('button.csv')!.click();
      await waitUntil(() => revoked.length === 1);
    } finally {
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      HTMLAnchorElement.prototype.click = click;
    }
    expect(names).to.deep.equal([`${FIXTURE_UNIT}_${stats.from}_${stats.to}_category.csv`]);
    expect(revoked).to.deep.equal(['blob:test-csv']);
    expect(blobs[0]!.type).to.equal('text/csv;charset=utf-8');
    const lines = (await blobs[0]!.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).to.equal('key,label,count,suppressed');
    expect(lines.at(-1)).to.equal('');
    const cells = stats.byCategory!.filter((c) => c.suppressed || c.count !== 0);
    expect(lines.slice(1, -1).map((line) => [line.split(',')[0], line.split(',').at(-2), line.split(',').at(-1)])).to.deep.equal(
      cells.map((c) => [c.key, c.suppressed ? '' : String(c.count), String(c.suppressed)]),
    );
  });

  it('asks again when the period changes, and refuses a custom period that ends before it starts', async () => {
    const el = await mount(FIXTURE_UNIT, 'stats');
    const view = await statsView(el);
    const urls: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (...args: Parameters<typeof fetch>) => (urls.push(String(args[0])), realFetch(...args));
    try {
      const preset = $<HTMLSelectElement>(view, '#preset')!;
      preset.value = '90d';
      preset.dispatchEvent(new Event('change'));
      const ninety = presetPeriod('90d');
      await waitUntil(() => urls.some((u) => u.includes('/api/v1/stats?') && u.includes(`from=${ninety.from}`)), 'no request for 90 days');
      await statsView(el);
      const stats = await apiStats(FIXTURE_UNIT, ninety);
      expect(text($(view, '[data-figure="total"]'))).to.equal(String(stats.total));

      preset.value = 'custom';
      preset.dispatchEvent(new Event('change'));
      await view.updateComplete;
      const before = urls.length;
      $<HTMLInputElement>(view, '#from')!.value = '2026-03-10';
      $<HTMLInputElement>(view, '#to')!.value = '2026-03-01';
      $<HTMLButtonElement>(view, '.period button[type="submit"]')!.click();
      await view.updateComplete;
      expect(text($(view, '#period-problem'))).to.equal('Data początkowa nie może być późniejsza niż końcowa.');
      expect($(view, '#from')!.getAttribute('aria-invalid')).to.equal('true');
      expect(urls.length).to.equal(before);

      $<HTMLInputElement>(view, '#to')!.value = '2026-03-20';
      $<HTMLButtonElement>(view, '.period button[type="submit"]')!.click();
      await waitUntil(() => urls.some((u) => u.includes('from=2026-03-10') && u.includes('to=2026-03-20')), 'no request for the custom period');
      expect(text($(view, '#period-problem'))).to.equal('');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('shades the police crime figures on the map with a legend and a table per powiat', async () => {
    const el = await mount(FIXTURE_UNIT, 'stats');
    const view = await statsView(el);
    const period = presetPeriod('30d');
    const crime: CrimeStats = await (await fetch(`${api}/api/v1/crime-stats?unit=${FIXTURE_UNIT}&from=${period.from.slice(0, 7)}&to=${period.to.slice(0, 7)}`)).json();
    const powiat = crime.powiats.find((p) => p.teryt === FIXTURE_POWIAT)!;
    const seeded = fixtureCrimeRows().filter((r) => r.month >= period.from.slice(0, 7));
    expect(powiat.total).to.equal(seeded.reduce((sum, r) => sum + r.count, 0));

    // No sub-units in a KPP: the map shows the crime figures of its own area.
    expect($<HTMLSelectElement>(view, '#layer-mode')!.value).to.equal('crime');
    expect(text($(view, '.crime tbody tr[data-key="1217"] td'))).to.equal(String(powiat.total));
    expect($$(view, '.legend li').length).to.be.greaterThan(1);
    const feature = choropleth(el)!.getSource()!.getFeatureById(FIXTURE_UNIT)!;
    expect(feature.get('value')).to.equal(powiat.total);
    expect(feature.get('label')).to.equal(String(powiat.total));

    const select = $<HTMLSelectElement>(view, '#layer-mode')!;
    select.value = 'crime:brawl';
    select.dispatchEvent(new Event('change'));
    await view.updateComplete;
    expect(text($(view, '.crime tbody tr[data-key="1217"] td'))).to.equal(String(powiat.counts.brawl));
    expect(choropleth(el)!.getSource()!.getFeatureById(FIXTURE_UNIT)!.get('value')).to.equal(powiat.counts.brawl);
    expect(text($(view, '.legend-title'))).to.contain('Bójka lub pobicie');
  });

  it('lists the sub-units with the API counts and shades their areas', async function () {
    this.timeout(40000);
    const el = await mount('kwp-krakow', 'stats');
    const view = await statsView(el);
    const stats = await apiStats('kwp-krakow', presetPeriod('30d'));
    const { bars, rows } = chart(view, 'unit');
    const want = stats.byUnit!.map((c) => [c.key, String(c.count)]);
    expect(bars).to.deep.equal(want);
    expect(rows).to.deep.equal(want);
    expect($<HTMLSelectElement>(view, '#layer-mode')!.value).to.equal('units');
    const features = choropleth(el)!.getSource()!.getFeatures();
    expect(features.map((f) => f.getId()).sort()).to.deep.equal(stats.byUnit!.map((c) => c.key).sort());
    const zakopane = stats.byUnit!.find((c) => c.key === FIXTURE_UNIT)!;
    expect(zakopane.count).to.be.greaterThan(0);
    expect(choropleth(el)!.getSource()!.getFeatureById(FIXTURE_UNIT)!.get('value')).to.equal(zakopane.count);
  });

  it('says when a period has no reports, and offers Retry after a failed request', async () => {
    const realFetch = window.fetch;
    let failed = 0;
    window.fetch = (...args: Parameters<typeof fetch>) => {
      if (String(args[0]).includes('/api/v1/stats?') && failed++ === 0) return Promise.resolve(new Response('', { status: 503 }));
      return realFetch(...args);
    };
    try {
      // A unit no test reports in: its last 30 days are empty.
      const el = await mount('kpp-sejny', 'stats');
      await waitUntil(() => $(el, 'kmzb-stats-view')?.shadowRoot?.querySelector('.status[data-state="error"]'), 'no error shown');
      const view = $<KmzbStatsView>(el, 'kmzb-stats-view')!;
      expect(text($(view, '.status'))).to.contain('Nie udało się wczytać statystyk.');
      expect($(view, '.chart')).to.equal(null);
      $<HTMLButtonElement>(view, 'button.retry')!.click();
      await statsView(el);
      const stats = await apiStats('kpp-sejny', presetPeriod('30d'));
      expect(stats.total).to.equal(0);
      expect(text($(view, '.status'))).to.equal('Brak zgłoszeń w tym okresie.');
      expect(text($(view, '[data-figure="total"]'))).to.equal('0');
      expect($(view, '[data-chart="category"]')).to.equal(null);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('says median times in words of each language', () => {
    expect(formatHours(51, 'pl', '')).to.equal('2 dni 3 godz.');
    expect(formatHours(24, 'en', '')).to.equal('1 day');
    expect(formatHours(0, 'uk', 'менше години')).to.equal('менше години');
    expect(formatHours(5, 'uk', '')).to.match(/^5 год/);
  });

  it('is accessible with its data shown and its tables open', async () => {
    const el = await mount(FIXTURE_UNIT, 'stats');
    const view = await statsView(el);
    for (const details of $$(view, 'details')) details.setAttribute('open', '');
    await expect(el).to.be.accessible();
  });
});
