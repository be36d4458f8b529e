import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import type VectorSource from 'ol/source/Vector.js';
import '../../kmzb-map.js';
import type { KmzbMap } from './kmzb-map.component.js';

const api = location.origin;
const $ = <E extends Element = HTMLElement>(el: KmzbMap, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const message = (el: KmzbMap) => $(el, '[role="status"]')!.textContent;

/** An unknown unit: its message is the quickest sentence to read in each language. */
async function mountUnknown(lang?: string): Promise<KmzbMap> {
  const el = await fixture<KmzbMap>(html`<kmzb-map unit="no-such-unit" api=${api} basemap="none" lang=${lang ?? ''}></kmzb-map>`);
  if (lang === undefined) el.removeAttribute('lang');
  await el.ready;
  return el;
}

describe('<kmzb-map> languages', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('speaks Polish by default', async () => {
    const el = await mountUnknown();
    expect(message(el)).to.equal('Nie znaleziono jednostki Policji o identyfikatorze „no-such-unit”.');
    expect($(el, '.frame')!.lang).to.equal('pl');
  });

  it('speaks the language of its lang attribute, including a regional tag', async () => {
    expect(message(await mountUnknown('en'))).to.equal('No police unit has the identifier “no-such-unit”.');
    expect(message(await mountUnknown('uk-UA'))).to.equal('Підрозділ поліції з ідентифікатором «no-such-unit» не знайдено.');
  });

  it('falls back to the page language, then to Polish for an unsupported one', async () => {
    document.documentElement.lang = 'en';
    expect(message(await mountUnknown())).to.equal('No police unit has the identifier “no-such-unit”.');
    expect(message(await mountUnknown('de'))).to.contain('No police unit');
    document.documentElement.lang = 'fr';
    expect(message(await mountUnknown('xx'))).to.contain('Nie znaleziono');
  });

  it('re-renders in a new language when its lang attribute changes', async () => {
    const el = await mountUnknown('pl');
    el.lang = 'uk';
    await el.updateComplete;
    expect(message(el)).to.contain('не знайдено');
    expect($(el, '#keys')!.textContent).to.equal('Стрілки переміщують карту, плюс і мінус наближають і віддаляють.');
    expect($(el, '.ol-zoom-in')!.title).to.equal('Наблизити');
    expect($(el, '.frame')!.lang).to.equal('uk');
  });

  it('follows a change of the page language when it has none of its own', async () => {
    const el = await mountUnknown();
    document.documentElement.lang = 'en';
    await waitUntil(() => message(el)?.startsWith('No police unit'), 'did not switch to English');
    expect($(el, '.ol-zoom-out')!.title).to.equal('Zoom out');
  });
});

describe('<kmzb-map> forgiving attributes', () => {
  it('uses the OSM basemap for an unknown basemap value', async () => {
    // display:none: the map has no size, so OL renders nothing and requests no tile (no network in tests).
    const el = await fixture<KmzbMap>(html`<kmzb-map style="display:none" api=${api} basemap="satellite"></kmzb-map>`);
    const basemap = () => el.map?.getAllLayers().find((layer) => layer.get('name') === 'basemap');
    await waitUntil(basemap, 'no basemap layer');
    expect(basemap()!.getSource()!.getAttributions()!({} as never)).to.deep.include(
      '&#169; <a href="https://www.openstreetmap.org/copyright" target="_blank">OpenStreetMap</a> contributors.',
    );
  });

  it('has no basemap layer for basemap="none"', async () => {
    const el = await fixture<KmzbMap>(html`<kmzb-map unit="kmp-olsztyn" api=${api} basemap="none"></kmzb-map>`);
    await el.ready;
    await aTimeout(50); // a tile layer would arrive after a dynamic import
    expect(el.map!.getAllLayers().map((layer) => layer.get('name'))).to.deep.equal(['area', 'reports']);
  });

  it('takes a CSS length or a bare number as height, and the default for anything else', async () => {
    const heightOf = async (height: string) => {
      const el = await fixture<KmzbMap>(html`<kmzb-map style="display:block" height=${height} basemap="none" api=${api}></kmzb-map>`);
      return el.getBoundingClientRect().height;
    };
    expect(await heightOf('300px')).to.equal(300);
    expect(await heightOf('250')).to.equal(250);
    expect(await heightOf('tall')).to.equal(480);
  });

  it('trims and lower-cases the unit id, and shows all Poland without one', async () => {
    const el = await fixture<KmzbMap>(html`<kmzb-map unit=" KPP-Wejherowo " api=${api} basemap="none"></kmzb-map>`);
    await el.ready;
    expect($(el, 'h2')!.textContent).to.equal('Komenda Powiatowa Policji w Wejherowie');
    el.unit = '';
    await el.updateComplete;
    await el.ready;
    expect($(el, 'h2')!.textContent).to.equal('Komenda Główna Policji');
    const area = el.map!.getAllLayers().find((layer) => layer.get('name') === 'area')!;
    expect((area.getSource() as VectorSource).getFeatures().map((f) => f.getId())).to.deep.equal(['pl']);
  });
});

describe('<kmzb-map> style isolation', () => {
  it('adopts ol.css in its shadow root and does not leak it into the page', async () => {
    const el = await fixture<KmzbMap>(html`<kmzb-map unit="kmp-olsztyn" api=${api} basemap="none"></kmzb-map>`);
    await el.ready;
    expect(getComputedStyle($(el, '.ol-zoom')!).position).to.equal('absolute');

    const lookalike = await fixture(html`<div class="ol-zoom"></div>`);
    expect(getComputedStyle(lookalike).position).to.equal('static');
    expect(document.adoptedStyleSheets).to.have.length(0);
  });

  it('is not restyled by aggressive host page CSS', async () => {
    const pageCss = document.createElement('style');
    pageCss.textContent = `* { font-family: serif !important; letter-spacing: 5px; color: red; text-transform: uppercase }
      div, h2 { border: 7px solid red !important; font-size: 40px !important }`;
    document.head.append(pageCss);
    try {
      const el = await fixture<KmzbMap>(html`<kmzb-map unit="kmp-olsztyn" api=${api} basemap="none"></kmzb-map>`);
      await el.ready;
      const title = getComputedStyle($(el, 'h2')!);
      expect(title.fontFamily).to.match(/^system-ui, .*sans-serif$/);
      expect([title.letterSpacing, title.textTransform, title.color]).to.deep.equal(['normal', 'none', 'rgb(27, 27, 27)']);
      expect(getComputedStyle($(el, '#map')!).borderTopWidth).to.equal('0px');
    } finally {
      pageCss.remove();
    }
  });
});
