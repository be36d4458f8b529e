import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type Feature from 'ol/Feature.js';
import type Point from 'ol/geom/Point.js';
import type VectorLayer from 'ol/layer/Vector.js';
import type VectorSource from 'ol/source/Vector.js';
import type Style from 'ol/style/Style.js';
import type { StyleFunction } from 'ol/style/Style.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { ReportMap } from '../../../../common/schemas/report-map.js';
import '../../kmzb-map.js';
import { CATEGORY_GLYPHS } from '../../map/category-glyphs.js';
import { clusterLabel, reportStyle, STATUS_COLORS } from '../../map/feature-style.js';
import { REPORT_LAYER } from '../../map/report-layer.js';
import type { KmzbMap } from './kmzb-map.component.js';

const api = location.origin;
const $ = <E extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(root: Element, selector: string) => [...root.shadowRoot!.querySelectorAll<E>(selector)];

/** 108 reports over the Olsztyn voivodeship, as the issue saw them pile up: six towns of 18. */
function answer(): ReportMap {
  const towns = [[20.48, 53.78], [19.4, 54.16], [22.37, 53.83], [21.73, 53.86], [20.9, 54.0], [19.6, 53.6]];
  const statuses = ['new', 'verifying', 'confirmed'] as const;
  const now = new Date().toISOString();
  return {
    type: 'FeatureCollection', clustered: false, total: 108,
    features: Array.from({ length: 108 }, (_, n) => {
      const [lon, lat] = towns[n % 6]!;
      const id = `CLU${String(n).padStart(7, '0')}`;
      return {
        type: 'Feature', id,
        geometry: { type: 'Point', coordinates: [lon! + (n % 5) * 0.003, lat! + (n % 7) * 0.002] },
        properties: { kind: 'report', id, category: 'illegal_parking', status: statuses[n % 3]!, createdAt: now, updatedAt: now, confirmations: 0, unit: 'kwp-olsztyn' },
      };
    }),
  } as ReportMap;
}

async function mountWithAnswer(): Promise<{ el: KmzbMap; restore: () => void }> {
  const realFetch = window.fetch;
  const body = JSON.stringify(answer());
  window.fetch = (input, init) =>
    String(input).includes('/api/v1/reports?') ? Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } })) : realFetch(input, init);
  const el = await fixture<KmzbMap>(html`<kmzb-map unit="kwp-olsztyn" api=${api} basemap="none"></kmzb-map>`);
  await el.ready;
  await waitUntil(() => layer(el).getSource()!.getFeatures().length === 108, 'the reports did not arrive');
  // Drawn and listed (waiting for a 'rendercomplete' here could miss one that already came).
  await el.reportsShown;
  return { el, restore: () => (window.fetch = realFetch) };
}

function layer(el: KmzbMap): VectorLayer<VectorSource<Feature>> {
  return el.map!.getAllLayers().find((l) => l.get('name') === REPORT_LAYER) as VectorLayer<VectorSource<Feature>>;
}

/** What the report layer draws at the map's resolution: one style per drawn marker or cluster. */
function drawn(el: KmzbMap): Style[] {
  const style = layer(el).getStyleFunction() as StyleFunction;
  const resolution = el.map!.getView().getResolution()!;
  return layer(el).getSource()!.getFeatures().flatMap((f) => (style(f, resolution) as Style | undefined) ?? []);
}

/** The screen pixel of a drawn cluster's centre, within the map's element. */
function clusterPixel(el: KmzbMap, cluster: Style): number[] {
  return el.map!.getPixelFromCoordinate((cluster.getGeometry() as Point).getCoordinates());
}

describe('<kmzb-map> markers', () => {
  afterEach(() => resetMouse());

  it('clusters 108 reports of a voivodeship into a few status-coloured counts', async () => {
    const { el, restore } = await mountWithAnswer();
    try {
      const styles = drawn(el);
      const clusters = styles.filter((s) => clusterLabel(s));
      expect(styles.length, 'drawn items').to.be.at.most(12);
      expect(clusters.length).to.be.at.least(6);
      expect(clusters.reduce((sum, s) => sum + Number(clusterLabel(s)), 0) + styles.length - clusters.length).to.equal(108);
      // Each town's cluster holds all three statuses: its ring starts with "new" at the top.
      const canvas = clusters[0]!.getImage()!.getImage(1) as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      const ratio = window.devicePixelRatio;
      const top = ctx.getImageData(canvas.width / 2 + 2 * ratio, 3 * ratio + 2, 1, 1).data;
      expect(`#${[...top.slice(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`).to.equal(STATUS_COLORS.new);
      // The count is drawn in the white middle, in the outline's dark ink.
      const middle = ctx.getImageData(canvas.width / 2 - 6 * ratio, canvas.height / 2 - 5 * ratio, 12 * ratio, 10 * ratio).data;
      const dark = Array.from({ length: middle.length / 4 }, (_, i) => middle[i * 4]! + middle[i * 4 + 1]! + middle[i * 4 + 2]!).filter((sum) => sum < 200);
      expect(dark.length, 'dark pixels of the count').to.be.greaterThan(10);
    } finally {
      restore();
    }
  });

  it('zooms into a cluster on a click, and on Enter with the cluster at the centre', async () => {
    const { el, restore } = await mountWithAnswer();
    try {
      const view = el.map!.getView();
      const mapEl = $(el, '#map')!;
      mapEl.scrollIntoView({ block: 'center' });
      const zoom = view.getZoom()!;
      const cluster = drawn(el).find((s) => clusterLabel(s))!;
      const [x, y] = clusterPixel(el, cluster);
      const rect = mapEl.getBoundingClientRect();
      const moved = new Promise((resolve) => el.map!.once('moveend', resolve));
      await sendMouse({ type: 'click', position: [Math.round(rect.left + x!), Math.round(rect.top + y!)] });
      await moved;
      expect(view.getZoom()!, 'the click zoomed in').to.be.greaterThan(zoom + 1);

      view.setZoom(zoom);
      await new Promise((resolve) => el.map!.once('rendercomplete', resolve));
      const again = drawn(el).find((s) => clusterLabel(s))!;
      view.setCenter((again.getGeometry() as Point).getCoordinates());
      await new Promise((resolve) => el.map!.once('rendercomplete', resolve));
      mapEl.focus();
      const zoomed = new Promise((resolve) => el.map!.once('moveend', resolve));
      await sendKeys({ press: 'Enter' });
      await zoomed;
      expect(view.getZoom()!, 'Enter zoomed in').to.be.greaterThan(zoom + 1);
    } finally {
      restore();
    }
  });

  it('has a distinct symbol for each of the 24 categories, on the markers and in the legend as in the form', async () => {
    const categories: Category[] = (await (await fetch(`${api}/api/v1/categories`)).json()).categories;
    expect(categories).to.have.length(24);
    expect(Object.keys(CATEGORY_GLYPHS).sort()).to.deep.equal(categories.map((c) => c.code).sort());
    expect(new Set(Object.values(CATEGORY_GLYPHS)).size, 'symbols are distinct').to.equal(24);
    const images = categories.map((c) => (reportStyle('new', c.code).getImage()!.getImage(1) as HTMLCanvasElement).toDataURL());
    expect(new Set(images).size, 'markers are distinct').to.equal(24);

    const el = await fixture<KmzbMap>(html`<kmzb-map unit="kwp-olsztyn" api=${api} basemap="none"></kmzb-map>`);
    await el.ready;
    await waitUntil(() => $(el, '.legend'), 'no legend');
    $<HTMLDetailsElement>(el, '.legend')!.open = true;
    await waitUntil(() => $$(el, '.legend .symbols li').length === 24, 'the legend has no symbols');
    const legend = new Map($$(el, '.legend .symbols li').map((li) => [li.dataset.category!, li.querySelector('svg')!.innerHTML]));
    // The status's second cue, beside its colour: a badge in the legend as on the marker.
    expect($$(el, '.legend li .badge')).to.have.length(6);
    el.view = 'report';
    await waitUntil(() => $(el, 'kmzb-report-form'), 'no form', { timeout: 5000 });
    const form = $(el, 'kmzb-report-form')!;
    const formEl = form as unknown as { step: string; updateComplete: Promise<unknown> };
    formEl.step = 'category';
    await waitUntil(() => $$(form, 'input[name="category"]').length === 24, 'no categories in the form');
    for (const input of $$<HTMLInputElement>(form, 'input[name="category"]')) {
      const symbol = input.closest('label')!.querySelector('svg')!.innerHTML;
      expect(symbol, input.value).to.equal(legend.get(input.value));
    }
  });
});
