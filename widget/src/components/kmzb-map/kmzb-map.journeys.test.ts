import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type Feature from 'ol/Feature.js';
import type VectorLayer from 'ol/layer/Vector.js';
import type VectorSource from 'ol/source/Vector.js';
import '../../kmzb-map.js';
import { REPORT_LAYER } from '../../map/report-layer.js';
import type { KmzbReportForm } from '../kmzb-report-form/kmzb-report-form.component.js';
import type { KmzbMap } from './kmzb-map.component.js';
import { FIXTURE_UNIT } from './report-map.fixtures.js';

// Browsing as a citizen meets it, against the real API (web-test-runner.config.mjs). No tiles.
const api = location.origin;
const $ = <E extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<E>(selector);
const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function reportLayer(el: KmzbMap): VectorLayer<VectorSource<Feature>> {
  return el.map!.getAllLayers().find((l) => l.get('name') === REPORT_LAYER) as VectorLayer<VectorSource<Feature>>;
}

/** Fails every request whose URL contains `part` with a network error, for one test. */
function failRequests(part: string): () => void {
  const realFetch = window.fetch;
  window.fetch = (input, init) => (String(input).includes(part) ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init));
  return () => (window.fetch = realFetch);
}

describe('<kmzb-map> journeys', () => {
  it('places the pin with a click on a report without also opening that report', async () => {
    const el = await fixture<KmzbMap>(html`<kmzb-map unit=${FIXTURE_UNIT} api=${api} basemap="none" height="700px"></kmzb-map>`);
    await el.ready;
    await waitUntil(() => reportLayer(el).getSource()!.getFeatures().length > 0, 'no reports');
    await el.reportsShown;
    const selected: string[] = [];
    el.addEventListener('kmzb-report-select', (e) => selected.push((e as CustomEvent<{ id: string }>).detail.id));
    $<HTMLButtonElement>(el, '#view-button')!.click();
    await waitUntil(() => $(el, 'kmzb-report-form'), 'the form did not open');
    // A report at the map's centre, then a real click there.
    const feature = reportLayer(el).getSource()!.getFeatures()[0]!;
    const rendered = new Promise((resolve) => el.map!.once('rendercomplete', resolve));
    el.map!.getView().setCenter((feature.getGeometry() as unknown as { getCoordinates(): number[] }).getCoordinates());
    await rendered;
    const map = $(el, '#map')!;
    map.scrollIntoView({ block: 'center' });
    const rect = map.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
    const form = $<KmzbReportForm>(el, 'kmzb-report-form')!;
    await waitUntil(() => form.place.status !== 'none', 'the pin was not placed');
    await new Promise((resolve) => setTimeout(resolve, 400)); // a report's detail would be asked for at once
    expect(selected, 'no report was selected by the pin').to.deep.equal([]);
    // Back on the map: no report's detail is open.
    el.view = 'map';
    await el.updateComplete;
    expect($(el, 'kmzb-report-detail')!.hidden).to.equal(true);
  });

  it('says once that the reports could not be fetched: no "no reports here" under the error', async () => {
    const restore = failRequests('/api/v1/reports?');
    try {
      const el = await fixture<KmzbMap>(html`<kmzb-map unit=${FIXTURE_UNIT} api=${api} basemap="none" height="700px"></kmzb-map>`);
      await el.ready;
      await el.reportsShown;
      expect($(el, '.reports-message')!.dataset.state).to.equal('error');
      expect(text($(el, '.reports-message'))).to.equal('Nie udało się połączyć z serwerem mapy.');
      const list = $(el, 'kmzb-report-list')!;
      expect(text(list.shadowRoot), 'the list says nothing of its own').to.equal('');
      expect($(el, '[part="reports-retry"]')).to.exist;
    } finally {
      restore();
    }
  });

  it('explains why "Report a threat" is unavailable while the API cannot be reached', async () => {
    const restore = failRequests('/api/v1/units/');
    try {
      const el = await fixture<KmzbMap>(html`<kmzb-map unit=${FIXTURE_UNIT} api=${api} basemap="none" height="700px"></kmzb-map>`);
      await el.ready;
      const button = $<HTMLButtonElement>(el, '#view-button')!;
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      const reason = el.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!);
      expect(text(reason)).to.equal('Nie udało się połączyć z serwerem mapy.');
      button.click();
      await el.updateComplete;
      expect(el.view ?? 'map', 'the form did not open').to.not.equal('report');
      expect($(el, 'kmzb-report-form')).to.equal(null);
      await expect(el).to.be.accessible();
      // Once the API answers again, Retry brings the unit and the button back.
      restore();
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await waitUntil(() => button.getAttribute('aria-disabled') === 'false', 'the button stayed unavailable');
    } finally {
      restore();
    }
  });
});
