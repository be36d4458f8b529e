import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type Feature from 'ol/Feature.js';
import type VectorLayer from 'ol/layer/Vector.js';
import { fromLonLat, toLonLat } from 'ol/proj.js';
import type VectorSource from 'ol/source/Vector.js';
import type { StyleFunction } from 'ol/style/Style.js';
import type Style from 'ol/style/Style.js';
import type Icon from 'ol/style/Icon.js';
import type { ReportMap } from '../../../../common/schemas/report-map.js';
import type { KmzbReportSelectDetail } from '../../events.js';
import '../../kmzb-map.js';
import { clusterLabel, STATUS_COLORS } from '../../map/feature-style.js';
import { REPORT_LAYER } from '../../map/report-layer.js';
import type { KmzbMap } from './kmzb-map.component.js';
import { finalStatus, FIXTURE_REPORTS, FIXTURE_UNIT, MARKUP_NOTE } from './report-map.fixtures.js';

// The test server holds FIXTURE_REPORTS in FIXTURE_UNIT (web-test-runner.config.mjs). No tiles.
const api = location.origin;
const ALL_IDS = FIXTURE_REPORTS.map((r) => r.id).sort();

async function mount(report?: string): Promise<KmzbMap> {
  const el = await fixture<KmzbMap>(html`<kmzb-map unit=${FIXTURE_UNIT} api=${api} basemap="none" height="900px" report=${report ?? ''}></kmzb-map>`);
  await el.ready;
  await waitUntil(() => status(el).dataset.state === 'ready' && featureIds(el).length, 'the reports did not load', { timeout: 5000 });
  await el.reportsShown;
  return el;
}

const $ = <E extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(root: Element, selector: string) => [...root.shadowRoot!.querySelectorAll<E>(selector)];
const status = (el: KmzbMap) => $(el, '.reports-message')!;
const list = (el: KmzbMap) => $(el, 'kmzb-report-list')!;
const filters = (el: KmzbMap) => $(el, 'kmzb-report-filters')!;
const detail = (el: KmzbMap) => $(el, 'kmzb-report-detail')!;
const rows = (el: KmzbMap) => $$<HTMLTableRowElement>(list(el), 'tbody tr');
const rowIds = (el: KmzbMap) => rows(el).map((row) => row.dataset.id!).sort();

function layer(el: KmzbMap): VectorLayer<VectorSource<Feature>> {
  return el.map!.getAllLayers().find((l) => l.get('name') === REPORT_LAYER) as VectorLayer<VectorSource<Feature>>;
}
function features(el: KmzbMap): Feature[] {
  return layer(el).getSource()!.getFeatures();
}
const featureIds = (el: KmzbMap) => features(el).map((f) => String(f.getId())).sort();

/** A real click on a report: the map is centred on it and scrolled into the window first. */
async function clickFeature(el: KmzbMap, id: string): Promise<void> {
  const feature = features(el).find((f) => f.getId() === id)!;
  const rendered = new Promise((resolve) => el.map!.once('rendercomplete', resolve));
  el.map!.getView().setCenter((feature.getGeometry() as unknown as { getCoordinates(): number[] }).getCoordinates());
  await rendered;
  $(el, '#map')!.scrollIntoView({ block: 'center' });
  const rect = $(el, '#map')!.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
}

/** Answers GET /api/v1/reports (the map query) with `answer` for one test; everything else goes through. */
function stubReportMap(answer: () => Promise<Response>): () => void {
  const realFetch = window.fetch;
  window.fetch = (input, init) => (String(input).includes('/api/v1/reports?') ? answer() : realFetch(input, init));
  return () => (window.fetch = realFetch);
}

/** Reads a marker's canvas in marker units (28 x 28): the colour at a point, and how much of the centre is glyph ink. */
function markerPixels(icon: Icon): { at: (x: number, y: number) => string; glyphPixels: () => number } {
  const canvas = icon.getImage(1) as HTMLCanvasElement;
  const ratio = canvas.width / 28;
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  const rgb = (px: number, py: number) => {
    const i = (py * canvas.width + px) * 4;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  const hex = (c: number[]) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const at = (x: number, y: number) => hex(rgb(Math.round(x * ratio), Math.round(y * ratio)));
  const glyphPixels = () => {
    const fill = at(14, 5);
    let ink = 0;
    for (let py = Math.round(8 * ratio); py < Math.round(20 * ratio); py++) {
      for (let px = Math.round(8 * ratio); px < Math.round(20 * ratio); px++) if (hex(rgb(px, py)) !== fill) ink++;
    }
    return ink;
  };
  return { at, glyphPixels };
}

describe('<kmzb-map> reports', () => {
  it('draws every fixture report with its status colour and domain glyph, and lists them', async () => {
    const el = await mount();
    expect(featureIds(el)).to.deep.equal(ALL_IDS);
    await waitUntil(() => $$(list(el), 'tbody .icon').length === FIXTURE_REPORTS.length, 'names and glyphs did not arrive');
    const style = layer(el).getStyleFunction() as StyleFunction;
    for (const report of FIXTURE_REPORTS) {
      const feature = features(el).find((f) => f.getId() === report.id)!;
      expect(feature.get('status')).to.equal(finalStatus(report));
      const icon = (style(feature, 1) as Style).getImage() as Icon;
      const marker = markerPixels(icon);
      expect(marker.at(14, 5), report.id).to.equal(STATUS_COLORS[finalStatus(report) as 'new']);
      expect(marker.glyphPixels(), `${report.id} glyph`).to.be.greaterThan(10);
    }
    expect(rowIds(el)).to.deep.equal(ALL_IDS);
    const row = rows(el).find((r) => r.dataset.id === 'ZAKMAP0006')!;
    expect(row.textContent).to.contain('Żebractwo').and.to.contain('Niepotwierdzone');
    expect(status(el).textContent).to.equal('Na mapie: 7 zgłoszeń.');
  });

  it('hides and shows reports by status, category and period, and resets the filter', async () => {
    const el = await mount();
    const panel = filters(el);
    expect($$(panel, '.categories input'), 'fields rendered before the first opening').to.have.length(0);
    $<HTMLDetailsElement>(panel, 'details')!.open = true;
    await waitUntil(() => $$(panel, '.categories input').length > 0, 'no categories in the filter');
    const summary = () => $(panel, '.summary')!.textContent;
    expect(summary()).to.equal('wszystkie rodzaje, wszystkie statusy, ostatnie 365 dni');
    /** After a filter change: the map, the count and the list, all from one signal. */
    const shown = async () => {
      await el.reportsShown;
      expect(rowIds(el), 'the list follows the map').to.deep.equal(featureIds(el));
      expect(status(el).textContent, 'the count follows the map').to.match(new RegExp(`^Na mapie: ${featureIds(el).length} zgłosze`));
      return featureIds(el);
    };

    $<HTMLInputElement>(panel, '.statuses input[value="new"]')!.click();
    let ids = await shown();
    expect(ids).to.have.length(5);
    expect(ids).to.not.include.members(['ZAKMAP0001', 'ZAKMAP0007']);

    $<HTMLInputElement>(panel, '.categories input[value="illegal_dump"]')!.click();
    ids = await shown();
    expect(ids).to.have.length(4);
    expect(ids).to.not.include('ZAKMAP0002');
    expect(summary()).to.equal('rodzaje: 23, statusy: 5, ostatnie 365 dni');

    $<HTMLButtonElement>(panel, 'button.reset')!.click();
    expect(await shown()).to.deep.equal(ALL_IDS);

    $<HTMLInputElement>(panel, '.period input[value="7"]')!.click();
    ids = await shown();
    expect(ids).to.have.length(6);
    expect(ids).to.not.include('ZAKMAP0007');

    $<HTMLButtonElement>(panel, 'button.none')!.click();
    await el.reportsShown;
    expect(featureIds(el)).to.deep.equal([]);
    expect($(list(el), '.note')!.textContent).to.equal('Brak zgłoszeń w tym widoku mapy.');
    $<HTMLButtonElement>(panel, 'button.all')!.click();
    expect(await shown()).to.have.length(6);
  });

  it('keeps the list and the map in sync both ways', async () => {
    const el = await mount();
    await clickFeature(el, 'ZAKMAP0005');
    await waitUntil(() => rows(el).find((r) => r.getAttribute('aria-current') === 'true'), 'no row highlighted', { timeout: 4000 });
    expect(rows(el).find((r) => r.getAttribute('aria-current') === 'true')!.dataset.id).to.equal('ZAKMAP0005');
    await waitUntil(() => $(detail(el), 'h3')?.textContent === 'Zgłoszenie ZAKMAP0005');

    rows(el).find((r) => r.dataset.id === 'ZAKMAP0003')!.querySelector('button')!.click();
    await waitUntil(() => $(detail(el), '.status'), 'the detail did not open');
    expect(layer(el).getSource()!.getFeatureById('ZAKMAP0003')).to.exist;
    const style = (layer(el).getStyleFunction() as StyleFunction)(features(el).find((f) => f.getId() === 'ZAKMAP0003')!, 1);
    expect(style, 'the selected feature has its ring').to.be.an('array').with.length(3);
    expect(rows(el).filter((r) => r.getAttribute('aria-current') === 'true').map((r) => r.dataset.id)).to.deep.equal(['ZAKMAP0003']);
    expect($(detail(el), 'h3')!.textContent).to.equal('Zgłoszenie ZAKMAP0003');
  });

  it('reaches the list by the skip link and opens a report with Enter', async () => {
    const el = await mount();
    const skip = $<HTMLButtonElement>(el, 'button.skip')!;
    expect(skip.textContent).to.equal('Przejdź do listy zgłoszeń');
    // The skip link comes before the map in the tab order.
    const order = $$(el, '.skip, #map');
    expect(order[0]).to.equal(skip);
    // Out of sight until focused, and then shown inside the widget, not over the host page.
    const hidden = skip.getBoundingClientRect();
    expect(hidden.width * hidden.height, 'unfocused skip link is clipped').to.be.at.most(1);
    skip.focus();
    const shown = skip.getBoundingClientRect();
    const frame = el.getBoundingClientRect();
    expect(shown.width, 'focused skip link is visible').to.be.greaterThan(50);
    expect(shown.top >= frame.top && shown.bottom <= frame.bottom, 'inside the widget').to.equal(true);
    await sendKeys({ press: 'Enter' });
    expect(list(el).shadowRoot!.activeElement?.tagName).to.equal('TABLE');
    for (let i = 0; i < 6 && !list(el).shadowRoot!.activeElement?.closest('tbody'); i++) await sendKeys({ press: 'Tab' });
    const row = list(el).shadowRoot!.activeElement!.closest('tr')!;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(detail(el), '.status'), 'Enter did not open the detail');
    expect($(detail(el), 'h3')!.textContent).to.equal(`Zgłoszenie ${row.dataset.id}`);
    expect(detail(el).shadowRoot!.activeElement?.tagName, 'focus moved to the detail').to.equal('H3');
    $<HTMLButtonElement>(detail(el), 'button[part="close"]')!.click();
    await waitUntil(() => detail(el).hidden);
    expect(list(el).shadowRoot!.activeElement?.closest('tr')?.dataset.id, 'focus back on the row').to.equal(row.dataset.id);
  });

  it('shows category, status, dates, confirmations and the public notes as text', async () => {
    const el = await mount();
    rows(el).find((r) => r.dataset.id === 'ZAKMAP0003')!.querySelector('button')!.click();
    await waitUntil(() => $(detail(el), '.notes'), 'no notes');
    const d = detail(el);
    expect($(d, '.category')!.textContent!.trim()).to.equal('Akty wandalizmu');
    expect($(d, '.category svg')).to.exist;
    expect($(d, '.status')!.textContent).to.equal('Potwierdzone');
    expect($(d, '.status .swatch')!.getAttribute('style')).to.contain(STATUS_COLORS.confirmed);
    expect($(d, '.created time')!.textContent).to.match(/\d{4}/);
    expect($(d, '.updated time')!.textContent).to.match(/\d{4}/);
    expect($(d, '.confirmations')!.textContent).to.equal('2');
    const notes = $$(d, '.notes .note').map((n) => n.textContent);
    expect(notes).to.deep.equal(['Sprawdzamy na miejscu.', MARKUP_NOTE]);
    expect($(d, '.notes b'), 'the note is text, not markup').to.equal(null);
  });

  it('opens the report named by the `report` attribute, centres on it and fires kmzb-report-select', async () => {
    const listener = oneEvent(document, 'kmzb-report-select');
    const el = await fixture<KmzbMap>(html`<kmzb-map unit=${FIXTURE_UNIT} api=${api} basemap="none" height="700px" report="ZAKMAP0004"></kmzb-map>`);
    const event = (await listener) as CustomEvent<KmzbReportSelectDetail>;
    expect(event.detail).to.deep.equal({ id: 'ZAKMAP0004' });
    expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
    await waitUntil(() => $(detail(el), '.status'), 'the detail did not open');
    expect($(detail(el), '.status')!.textContent).to.equal('Potwierdzone (wyeliminowane)');
    await waitUntil(() => {
      const [lon, lat] = toLonLat(el.map!.getView().getCenter()!);
      return Math.abs(lon! - 19.93) < 1e-4 && Math.abs(lat! - 49.31) < 1e-4;
    }, 'the map is not centred on the report');
    await waitUntil(() => rows(el).find((r) => r.getAttribute('aria-current') === 'true')?.dataset.id === 'ZAKMAP0004');
  });

  it('draws clusters with their counts when the answer is clustered, and says so in the list', async () => {
    const answer: ReportMap = {
      type: 'FeatureCollection', clustered: true, total: 5300,
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [19.95, 49.3] }, properties: { kind: 'cluster', count: 5000, statuses: { new: 5000 }, categories: { speeding: 5000 }, extent: [19.9, 49.25, 20, 49.35] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [20.1, 49.4] }, properties: { kind: 'cluster', count: 300, statuses: { confirmed: 300 }, categories: { vandalism: 300 }, extent: [20.05, 49.35, 20.15, 49.45] } },
      ],
    };
    const restore = stubReportMap(async () => new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } }));
    try {
      const el = await mount();
      expect(features(el).map((f) => f.get('count'))).to.have.members([5000, 300]);
      const style = (layer(el).getStyleFunction() as StyleFunction)(features(el).find((f) => f.get('count') === 300)!, 1) as Style;
      expect(clusterLabel(style)).to.equal('300');
      expect($(list(el), '.note')!.textContent).to.equal('W tym widoku jest 5300 zgłoszeń. Przybliż mapę, aby zobaczyć listę.');
      expect(rows(el)).to.have.length(0);
    } finally {
      restore();
    }
  });

  it('shows a loading indicator in a polite live region while the reports are fetched', async () => {
    let release!: () => void;
    const pending = new Promise<void>((resolve) => (release = resolve));
    const restore = stubReportMap(async () => {
      await pending;
      return new Response(JSON.stringify({ type: 'FeatureCollection', clustered: false, total: 0, features: [] }), { headers: { 'content-type': 'application/json' } });
    });
    try {
      const el = await fixture<KmzbMap>(html`<kmzb-map unit=${FIXTURE_UNIT} api=${api} basemap="none"></kmzb-map>`);
      await el.ready;
      await waitUntil(() => status(el).dataset.state === 'loading', 'no loading state');
      expect(status(el).getAttribute('aria-live')).to.equal('polite');
      expect(status(el).textContent).to.contain('Wczytywanie zgłoszeń…');
      expect($(el, '.reports-status .spinner')).to.exist;
      release();
      await waitUntil(() => status(el).dataset.state === 'ready');
      expect(status(el).textContent).to.equal('Na mapie: 0 zgłoszeń.');
    } finally {
      restore();
    }
  });

  it('draws the markers first and fills the list after that frame', async () => {
    // The answers wait until both sides are watched, so no frame or row is missed.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      if (String(input).includes('/api/v1/reports?')) await held;
      return realFetch(input, init);
    };
    try {
      const seen: string[] = [];
      const el = await fixture<KmzbMap>(html`<kmzb-map unit=${FIXTURE_UNIT} api=${api} basemap="none" height="900px"></kmzb-map>`);
      await waitUntil(() => el.map && layer(el) && list(el)?.shadowRoot, 'no map or list');
      layer(el).on('postrender', () => features(el).length && seen.push('drawn'));
      new MutationObserver(() => rows(el).length && seen.push('listed')).observe(list(el).shadowRoot!, { childList: true, subtree: true });
      release();
      await waitUntil(() => rows(el).length > 0 && rowIds(el).length === featureIds(el).length, 'the list was not filled', { timeout: 5000 });
      expect(seen.indexOf('drawn'), seen.join()).to.be.at.least(0);
      expect(seen.indexOf('drawn'), seen.join()).to.be.lessThan(seen.indexOf('listed'));
    } finally {
      window.fetch = realFetch;
      release();
    }
  });

  /** Records the report requests and holds the answer of `/api/v1/units/<unit>` until released. */
  function holdUnit(unit: string): { asked: string[]; release: () => void; restore: () => void } {
    let release!: () => void;
    const unitHeld = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const url = String(input);
      if (url.includes('/api/v1/reports?')) asked.push(url);
      if (url.endsWith(`/api/v1/units/${unit}`)) await unitHeld;
      return realFetch(input, init);
    };
    return { asked, release, restore: () => ((window.fetch = realFetch), release()) };
  }

  it('asks for the reports without waiting for the unit, and once for unit pl', async () => {
    const { asked, release, restore } = holdUnit('pl');
    try {
      const el = await fixture<KmzbMap>(html`<kmzb-map unit="pl" api=${api} basemap="none" height="700px"></kmzb-map>`);
      await waitUntil(() => asked.length === 1, 'the reports waited for the unit');
      release();
      await el.ready;
      await waitUntil(() => status(el).dataset.state === 'ready', 'the reports did not load');
      // Fitted to Poland before the unit came: the unit's fit left the view, so nothing more was asked.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(asked).to.have.length(1);
    } finally {
      restore();
    }
  });

  it('asks for another unit\'s reports once, for its own area, not for Poland first', async () => {
    const { asked, release, restore } = holdUnit(FIXTURE_UNIT);
    try {
      const el = await fixture<KmzbMap>(html`<kmzb-map unit=${FIXTURE_UNIT} api=${api} basemap="none" height="700px"></kmzb-map>`);
      // Everything but the unit has arrived (the configuration, the catalogue, the panels' code).
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(asked, 'asked before the unit\'s area was known').to.deep.equal([]);
      release();
      await el.ready;
      await waitUntil(() => status(el).dataset.state === 'ready', 'the reports did not load');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(asked).to.have.length(1);
      const bbox = new URL(asked[0]!).searchParams.get('bbox')!.split(',').map(Number);
      // The Tatra county's box, not Poland's (14-24.2° E, 49-54.9° N).
      expect(bbox[2]! - bbox[0]!, 'the bbox is the unit\'s').to.be.below(3);
    } finally {
      restore();
    }
  });

  it('refetches for the new view when the map moves, and is axe-clean with the filters, list and detail open', async () => {
    const el = await mount();
    el.map!.getView().setCenter(fromLonLat([14.55, 53.43])); // Szczecin: far from the fixture
    await waitUntil(() => featureIds(el).length === 0, 'the moved map kept the old reports');
    await el.reportsShown;
    expect(rows(el), 'the list follows the moved map').to.have.length(0);
    el.map!.getView().setCenter(fromLonLat([19.955, 49.3]));
    await waitUntil(() => featureIds(el).length === 7, 'moving back did not bring them back');
    await el.reportsShown;
    expect(rowIds(el), 'the list follows the map back').to.deep.equal(ALL_IDS);
    $<HTMLDetailsElement>(filters(el), 'details')!.open = true;
    $<HTMLDetailsElement>(el, '.legend')!.open = true;
    await waitUntil(() => $$(filters(el), '.categories input').length && $$(el, '.legend .symbols li').length, 'the filters and the legend did not open');
    rows(el)[0]!.querySelector('button')!.click();
    await waitUntil(() => $(detail(el), '.status'));
    await expect(el).to.be.accessible();
  });
});
