import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type TileLayer from 'ol/layer/Tile.js';
import type WMTS from 'ol/source/WMTS.js';
import '../kmzb-map.js';
import type { KmzbMap } from '../components/kmzb-map/kmzb-map.component.js';
import { from2180, to2180 } from './epsg2180.js';

// GUGiK's WMTS as a fixture the test server serves: capabilities documents and one tile for every request.
const FIXTURES = '/widget/src/map/fixtures/wmts';
const api = location.origin;

async function mount(basemap: string, capabilities: string): Promise<{ el: KmzbMap; layer: TileLayer<WMTS> }> {
  const el = await fixture<KmzbMap>(html`<kmzb-map unit="kwp-olsztyn" api=${api} basemap=${basemap} basemap-url=${`${FIXTURES}/${capabilities}`}></kmzb-map>`);
  await el.ready;
  await waitUntil(() => el.map!.getLayers().item(0).get('name') === 'basemap', 'no basemap layer', { timeout: 5000 });
  return { el, layer: el.map!.getLayers().item(0) as TileLayer<WMTS> };
}

/** Waits until the layer has loaded some tiles; fails on a tile error. */
async function tilesLoaded(el: KmzbMap, layer: TileLayer<WMTS>): Promise<number> {
  let loaded = 0;
  let failed = 0;
  layer.getSource()!.on('tileloadend', () => loaded++);
  layer.getSource()!.on('tileloaderror', () => failed++);
  // A new zoom needs new tiles (the first ones may have come before these listeners).
  const view = el.map!.getView();
  view.setZoom(view.getZoom()! + 1);
  await waitUntil(() => loaded > 0 || failed > 0, 'no tile loaded', { timeout: 5000 });
  expect(failed, 'tile errors').to.equal(0);
  return loaded;
}

describe('basemap="orto" and basemap="geoportal" (GUGiK WMTS)', () => {
  it('takes the Web Mercator matrix set when the service offers one, with GUGiK attributed', async () => {
    const { el, layer } = await mount('orto', 'mercator.xml');
    const source = layer.getSource()!;
    expect(source.getMatrixSet()).to.equal('EPSG:3857');
    expect(source.getLayer()).to.equal('ORTOFOTOMAPA');
    expect(layer.get('basemap')).to.equal('orto');
    expect(await tilesLoaded(el, layer)).to.be.greaterThan(0);
    await waitUntil(() => el.shadowRoot!.querySelector('.ol-attribution')?.textContent?.includes('GUGiK'), 'no attribution');
    expect(el.shadowRoot!.querySelector('.ol-attribution a')!.getAttribute('href')).to.equal('https://www.geoportal.gov.pl/');
  });

  it('reprojects the national grid EPSG:2180 when that is all the service has', async () => {
    const { el, layer } = await mount('geoportal', 'national.xml');
    const source = layer.getSource()!;
    expect(source.getMatrixSet()).to.equal('EPSG:2180');
    expect(source.getProjection()!.getCode()).to.match(/2180$/);
    expect(await tilesLoaded(el, layer)).to.be.greaterThan(0);
  });

  it('keeps OSM the default and swaps basemaps when the attribute changes', async () => {
    const el = await fixture<KmzbMap>(html`<kmzb-map unit="kwp-olsztyn" api=${api} basemap="none"></kmzb-map>`);
    await el.ready;
    expect(el.map!.getLayers().item(0).get('name')).to.not.equal('basemap');
    el.setAttribute('basemap-url', `${FIXTURES}/mercator.xml`);
    el.setAttribute('basemap', 'orto');
    await waitUntil(() => el.map!.getLayers().item(0).get('basemap') === 'orto', 'orto did not come');
    el.setAttribute('basemap', 'none');
    await waitUntil(() => el.map!.getLayers().item(0).get('name') !== 'basemap', 'orto did not go');
  });
});

describe('EPSG:2180', () => {
  it('maps the central meridian to 500 km east and its arc length (× 0.9993) less 5,300 km north', () => {
    // The meridian arc from the equator to 52° N on GRS80, integrated numerically.
    const a = 6378137;
    const f = 1 / 298.257222101;
    const e2 = f * (2 - f);
    let arc = 0;
    const steps = 100_000;
    const to = (52 * Math.PI) / 180;
    for (let i = 0; i < steps; i++) {
      const phi = ((i + 0.5) / steps) * to;
      arc += ((a * (1 - e2)) / (1 - e2 * Math.sin(phi) ** 2) ** 1.5) * (to / steps);
    }
    const [easting, northing] = to2180([19, 52]);
    expect(easting).to.be.closeTo(500000, 1e-6);
    expect(northing).to.be.closeTo(0.9993 * arc - 5300000, 0.01);
  });

  it('goes there and back within a millimetre across Poland', () => {
    for (const point of [[14.12, 53.9], [24.14, 50.86], [21.01, 52.23], [18.65, 54.35], [19.94, 49.29]]) {
      const back = from2180(to2180(point));
      expect(back[0]).to.be.closeTo(point[0]!, 1e-8);
      expect(back[1]).to.be.closeTo(point[1]!, 1e-8);
    }
    // Warsaw lies east of the central meridian, at about 637 km east, 487 km north.
    const [e, n] = to2180([21.0122, 52.2297]);
    expect(e).to.be.closeTo(637000, 2000);
    expect(n).to.be.closeTo(487000, 2000);
  });
});
