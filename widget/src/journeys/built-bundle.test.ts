import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FIXTURE_UNIT } from '../components/kmzb-map/report-map.fixtures.js';

// The other browser tests run the widget from its sources. The bundle a page downloads differs:
// rollup leaves parts of OpenLayers out (build/ol-slim.mjs) and splits chunks. This file loads
// dist/widget/kmzb-map.js as an embedding page does (`npm test` builds it first) and walks the
// views whose code paths those cuts touch: the map's own controls, the unit's outline, report
// markers, the OSM basemap's chunk, the report form and the statistics' shaded areas.

interface OlFeatureLike {
  getGeometry(): { getCoordinates(): number[] } | undefined;
}
interface OlLayerLike {
  get(key: string): unknown;
  getSource(): { getFeatures(): OlFeatureLike[]; on(type: string, listener: () => void): unknown } | null;
}
interface BuiltKmzbMap extends HTMLElement {
  ready: Promise<void>;
  reportsShown: Promise<void>;
  updateComplete: Promise<boolean>;
  view: string | undefined;
  map?: {
    getAllLayers(): OlLayerLike[];
    getView(): { getZoom(): number; setZoom(zoom: number): void };
    getPixelFromCoordinate(coordinate: number[]): number[];
    forEachFeatureAtPixel(pixel: number[], found: (feature: unknown) => boolean): unknown;
  };
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const layer = (el: BuiltKmzbMap, name: string) => el.map?.getAllLayers().find((l) => l.get('name') === name);

describe('the built bundle (dist/widget/kmzb-map.js)', function () {
  this.timeout(30000);
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(String(event.reason));

  before(async () => {
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onRejection);
    await import(/* @vite-ignore */ `${'/dist/widget/kmzb-map.js'}`);
  });
  after(() => {
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
  });

  it('draws the unit, its reports and the zoom controls with the OSM basemap, then the form and the statistics', async () => {
    const el = await fixture<BuiltKmzbMap>(html`<kmzb-map unit=${FIXTURE_UNIT} api=${location.origin}></kmzb-map>`);
    await el.ready;
    await el.reportsShown;
    expect($(el, '.ol-zoom-in'), 'zoom in').to.not.equal(null);
    expect($(el, '.ol-rotate'), 'no rotation reset').to.equal(null);
    expect(layer(el, 'area')?.getSource()?.getFeatures().length, 'the unit\'s outline').to.equal(1);
    expect(layer(el, 'reports')?.getSource()?.getFeatures().length, 'report markers').to.be.above(0);
    // A marker is found under the pointer (what a click or a tap asks) by the layer's own replay:
    // the build leaves OpenLayers' hit-detection image out.
    const marker = layer(el, 'reports')!.getSource()!.getFeatures()[0]!;
    const pixel = el.map!.getPixelFromCoordinate(marker.getGeometry()!.getCoordinates());
    expect(el.map!.forEachFeatureAtPixel(pixel, () => true), 'a marker under the pointer').to.equal(true);
    // The OSM layer came from its own chunk (no tiles offline: the layer is there all the same).
    await waitUntil(() => el.map!.getAllLayers().length >= 3, 'no basemap layer', { timeout: 5000 });

    el.view = 'report';
    await waitUntil(() => $(el, 'kmzb-report-form')?.shadowRoot?.querySelector('button'), 'the report form did not load', { timeout: 8000 });

    el.view = 'stats';
    await waitUntil(() => layer(el, 'choropleth')?.getSource()?.getFeatures().length, 'no shaded areas', { timeout: 8000 });
    expect(errors, 'errors in the page').to.deep.equal([]);
  });

  it('reprojects GUGiK\'s national grid (EPSG:2180, proj4) from the local WMTS fixture', async () => {
    const el = await fixture<BuiltKmzbMap>(html`<kmzb-map unit=${FIXTURE_UNIT} api=${location.origin} basemap="geoportal"
      basemap-url="/widget/src/map/fixtures/wmts/national.xml"></kmzb-map>`);
    await el.ready;
    await waitUntil(() => layer(el, 'basemap'), 'no basemap layer', { timeout: 5000 });
    let loaded = 0;
    let failed = 0;
    layer(el, 'basemap')!.getSource()!.on('tileloadend', () => loaded++);
    layer(el, 'basemap')!.getSource()!.on('tileloaderror', () => failed++);
    const view = el.map!.getView();
    view.setZoom(view.getZoom() + 1); // new tiles, after the listeners
    await waitUntil(() => loaded > 0 || failed > 0, 'no tile loaded', { timeout: 5000 });
    expect(failed, 'tile errors').to.equal(0);
    expect(errors, 'errors in the page').to.deep.equal([]);
  });
});
