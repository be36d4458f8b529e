import { expect, fixture, html } from '@open-wc/testing';
import { containsExtent, getHeight, getWidth } from 'ol/extent.js';
import type Feature from 'ol/Feature.js';
import type VectorLayer from 'ol/layer/Vector.js';
import { transformExtent } from 'ol/proj.js';
import type VectorSource from 'ol/source/Vector.js';
import type { KmzbUnitErrorDetail, KmzbUnitLoadDetail } from '../../events.js';
import '../../kmzb-map.js';
import type { KmzbMap } from './kmzb-map.component.js';

// The test server forwards /api/ to the real app (web-test-runner.config.mjs). No tiles: basemap="none".
const api = location.origin;

async function mount(unit: string, listener?: (event: Event) => void): Promise<KmzbMap> {
  const el = await fixture<KmzbMap>(html`
    <kmzb-map unit=${unit} api=${api} basemap="none" @kmzb-unit-load=${listener} @kmzb-unit-error=${listener}></kmzb-map>
  `);
  await el.ready;
  return el;
}

const $ = <E extends Element = HTMLElement>(el: KmzbMap, selector: string) => el.shadowRoot!.querySelector<E>(selector);

function areaLayer(el: KmzbMap): VectorLayer<VectorSource<Feature>> {
  const layer = el.map!.getAllLayers().find((l) => l.get('name') === 'area');
  return layer as VectorLayer<VectorSource<Feature>>;
}

/** Replaces window.fetch for one test: the given answers first, then the real network. */
function stubFetch(...answers: Array<() => Promise<Response>>): { calls: number; urls: string[]; restore: () => void } {
  const realFetch = window.fetch;
  const stub = { calls: 0, urls: [] as string[], restore: () => (window.fetch = realFetch) };
  window.fetch = (...args: Parameters<typeof fetch>) => {
    stub.urls.push(String(args[0]));
    return answers[stub.calls++]?.() ?? realFetch(...args);
  };
  return stub;
}

describe('<kmzb-map>', () => {
  it('draws the unit area on a canvas, fitted to its bbox, under the unit name', async () => {
    const events: CustomEvent<KmzbUnitLoadDetail>[] = [];
    const el = await mount('kmp-olsztyn', (e) => events.push(e as CustomEvent<KmzbUnitLoadDetail>));

    expect($<HTMLCanvasElement>(el, 'canvas')?.width).to.be.greaterThan(0);
    const features = areaLayer(el).getSource()!.getFeatures();
    expect(features.map((f) => f.getId())).to.deep.equal(['kmp-olsztyn']);
    expect(features[0]!.getGeometry()!.getType()).to.match(/Polygon$/);

    // Fitted: the view shows the whole bbox, and the bbox fills the view in one dimension.
    const bbox = transformExtent(events[0]!.detail.unit.bbox, 'EPSG:4326', 'EPSG:3857');
    const view = el.map!.getView().calculateExtent();
    expect(containsExtent(view, bbox)).to.equal(true);
    expect(Math.max(getWidth(bbox) / getWidth(view), getHeight(bbox) / getHeight(view))).to.be.greaterThan(0.8);

    expect($(el, 'h2')!.textContent).to.equal('Komenda Miejska Policji w Olsztynie');
    expect($(el, '#map')!.getAttribute('aria-label')).to.contain('Komenda Miejska Policji w Olsztynie');
    expect(events.map((e) => [e.type, e.bubbles, e.composed])).to.deep.equal([['kmzb-unit-load', true, true]]);
  });

  it('names the id of an unknown unit in a polite message, without a Retry button', async () => {
    const events: CustomEvent<KmzbUnitErrorDetail>[] = [];
    const el = await mount('no-such-unit', (e) => events.push(e as CustomEvent<KmzbUnitErrorDetail>));

    expect($(el, '[role="status"]')!.textContent).to.equal(
      'Nie znaleziono jednostki Policji o identyfikatorze „no-such-unit”.',
    );
    expect($(el, 'button[part="retry"]')).to.equal(null);
    expect(events[0]!.detail).to.deep.equal({ unitId: 'no-such-unit', code: 'UNIT_NOT_FOUND' });
    expect(areaLayer(el).getSource()!.getFeatures()).to.have.length(0);
  });

  it('treats a malformed unit id as an unknown unit', async () => {
    const el = await mount('kmp olsztyn!');
    expect($(el, '[role="status"]')!.textContent).to.contain('„kmp olsztyn!”');
  });

  it('shows a network failure with a Retry button that fetches again and then succeeds', async () => {
    const fetchStub = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    try {
      const el = await mount('kmp-olsztyn');
      expect($(el, '[role="status"]')!.textContent).to.equal('Nie udało się połączyć z serwerem mapy.');

      $(el, 'button[part="retry"]')!.click();
      await el.updateComplete;
      expect($(el, '[role="status"]')!.textContent).to.equal('Wczytywanie mapy…');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#map'));
      await el.ready;

      // The unit twice; the map's categories and reports follow once it is shown.
      expect(fetchStub.urls.filter((url) => url.includes('/api/v1/units/') && !url.endsWith('/widget-config'))).to.have.length(2);
      expect($(el, 'h2')!.textContent).to.equal('Komenda Miejska Policji w Olsztynie');
      expect($(el, '[role="status"]')!.textContent).to.equal('');
      expect($(el, 'button[part="retry"]')).to.equal(null);
    } finally {
      fetchStub.restore();
    }
  });

  it('offers Retry after a server error (5xx)', async () => {
    const body = { statusCode: 503, code: 'INTERNAL_ERROR', error: 'Service Unavailable', message: 'down' };
    const fetchStub = stubFetch(async () => Response.json(body, { status: 503 }));
    try {
      const el = await mount('kwp-olsztyn');
      expect($(el, '[role="status"]')!.textContent).to.equal('Serwer mapy jest chwilowo niedostępny.');
      $(el, 'button[part="retry"]')!.click();
      await el.updateComplete;
      await el.ready;
      expect($(el, 'h2')!.textContent).to.equal('Komenda Wojewódzka Policji w Olsztynie');
    } finally {
      fetchStub.restore();
    }
  });

  it('detaches the map on removal and re-attaches the same single map when re-added', async () => {
    const el = await mount('kmp-olsztyn');
    const map = el.map!;
    const parent = el.parentElement!;

    el.remove();
    expect(map.getTarget()).to.equal(undefined);
    expect(el.shadowRoot!.querySelectorAll('.ol-viewport')).to.have.length(0);

    const rendered = new Promise((resolve) => map.once('rendercomplete', resolve));
    parent.append(el);
    await el.updateComplete;
    await rendered;
    expect(el.map).to.equal(map);
    expect(map.getTargetElement()).to.equal($(el, '#map'));
    expect(el.shadowRoot!.querySelectorAll('.ol-viewport')).to.have.length(1);
    expect(el.shadowRoot!.querySelectorAll('canvas')).to.have.length(1);
    expect(areaLayer(el).getSource()!.getFeatures()).to.have.length(1);
  });

  it('fetches again when removed and re-added during a load', async () => {
    const el = document.createElement('kmzb-map');
    Object.assign(el, { api, unit: 'kpp-wejherowo', basemap: 'none' });
    document.body.append(el);
    await el.updateComplete; // the fetch has started
    el.remove(); // ... and is aborted
    document.body.append(el);
    try {
      await el.ready;
      expect($(el, 'h2')!.textContent).to.equal('Komenda Powiatowa Policji w Wejherowie');
    } finally {
      el.remove();
    }
  });

  it('shows the latest unit when an earlier request answers late', async () => {
    const realFetch = window.fetch;
    const slow = stubFetch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return realFetch(`${api}/api/v1/units/kpp-wejherowo`);
    });
    try {
      const el = await fixture<KmzbMap>(html`<kmzb-map unit="kpp-wejherowo" api=${api} basemap="none"></kmzb-map>`);
      el.unit = 'kwp-olsztyn';
      await el.updateComplete;
      await el.ready;
      await new Promise((resolve) => setTimeout(resolve, 400)); // the stale answer has arrived by now
      expect($(el, 'h2')!.textContent).to.equal('Komenda Wojewódzka Policji w Olsztynie');
      expect(areaLayer(el).getSource()!.getFeatures().map((f) => f.getId())).to.deep.equal(['kwp-olsztyn']);
    } finally {
      slow.restore();
    }
  });

  it('pans with the arrow keys when the focusable map viewport has focus', async () => {
    const el = await mount('kmp-olsztyn');
    const viewport = $(el, '#map')!;
    expect(viewport.tabIndex).to.equal(0);
    viewport.focus();
    expect(getComputedStyle(viewport).outlineStyle).to.equal('solid'); // visible focus ring

    const [x0] = el.map!.getView().getCenter()!;
    const moved = new Promise((resolve) => el.map!.once('moveend', resolve));
    viewport.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await moved;
    expect(el.map!.getView().getCenter()![0]).to.be.greaterThan(x0!);
  });

  it('is accessible when showing a unit', async () => {
    const el = await mount('kmp-olsztyn');
    await expect(el).to.be.accessible();
  });

  it('is accessible when showing an error with a Retry button', async () => {
    const fetchStub = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    try {
      const el = await mount('kmp-olsztyn');
      expect($(el, 'button[part="retry"]')).to.not.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      fetchStub.restore();
    }
  });
});
