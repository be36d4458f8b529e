import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../kmzb-map.js';
import type { KmzbReportForm } from '../kmzb-report-form/kmzb-report-form.component.js';
import type { KmzbMap } from './kmzb-map.component.js';
import { inWindow, mapShare, paintedOutside, SIZES, smallTargets, visibleMapShare } from './layout.fixtures.js';
import { FIXTURE_UNIT } from './report-map.fixtures.js';

// The test server holds the fixture reports in FIXTURE_UNIT (web-test-runner.config.mjs). No tiles.
const api = location.origin;
const $ = <E extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<E>(selector);

/** The widget at its default size (no `height`), in a page with text around it as a host page has. */
async function mount(attributes: { unit?: string; view?: string } = {}): Promise<KmzbMap> {
  const el = await fixture<KmzbMap>(html`<div>
      <p>Tekst strony przed mapą.</p>
      <kmzb-map unit=${attributes.unit ?? FIXTURE_UNIT} api=${api} basemap="none" view=${attributes.view ?? 'map'}></kmzb-map>
      <p>Tekst strony po mapie.</p>
    </div>`).then((div) => div.querySelector('kmzb-map')!);
  await el.ready;
  el.scrollIntoView({ block: 'start' });
  return el;
}

async function reportsLoaded(el: KmzbMap): Promise<void> {
  await waitUntil(() => $(el, '.reports-message')?.getAttribute('data-state') === 'ready', 'the reports did not load', { timeout: 5000 });
  await el.updateComplete;
}

/** A narrow widget keeps its panel in a sheet over the map, closed at first on the map view. */
async function openPanel(el: KmzbMap): Promise<void> {
  const toggle = $<HTMLButtonElement>(el, '.panel-toggle')!;
  if (getComputedStyle(toggle).display !== 'none' && toggle.getAttribute('aria-expanded') === 'false') toggle.click();
  await el.updateComplete;
}

/** What holds in every view at every size. */
async function checkView(el: KmzbMap, view: string): Promise<void> {
  const share = mapShare(el);
  expect(share, `${view}: the map's share of the height`).to.be.at.least(0.6);
  expect(paintedOutside(el), `${view}: painted outside the host`).to.deep.equal([]);
  expect(smallTargets(el), `${view}: small targets`).to.deep.equal([]);
  await expect(el, view).to.be.accessible();
}

for (const size of SIZES) {
  describe(`<kmzb-map> layout at ${size.width}×${size.height} (${size.name})`, () => {
    const wide = size.width >= 720;

    before(() => setViewport({ width: size.width, height: size.height }));
    after(() => setViewport({ width: 800, height: 600 }));
    afterEach(() => resetMouse());

    it('paints an empty box at its final height first, and nothing below it moves when the rest comes', async () => {
      const page = await fixture<HTMLDivElement>(html`<div><p>Tekst strony przed mapą.</p></div>`);
      const el = document.createElement('kmzb-map') as KmzbMap;
      Object.assign(el, { unit: FIXTURE_UNIT, api, basemap: 'none' });
      const after = document.createElement('p');
      after.textContent = 'Tekst strony po mapie.';
      page.append(el, after);
      // The next frame is the first one painted with the element.
      await new Promise(requestAnimationFrame);
      const box = el.shadowRoot!.querySelector('section')!;
      expect(box.childElementCount, 'the first frame holds the box alone').to.equal(0);
      const first = { height: el.getBoundingClientRect().height, below: after.getBoundingClientRect().top };
      expect(first.height).to.be.closeTo(Math.min(0.8 * size.height, 640), 1);
      await el.ready;
      expect(el.map, 'the map, once ready').to.not.equal(undefined);
      expect(el.shadowRoot!.querySelector('#map canvas')).to.not.equal(null);
      expect({ height: el.getBoundingClientRect().height, below: after.getBoundingClientRect().top }).to.deep.equal(first);
    });

    it('is min(80vh, 640px) tall by default, and the height attribute still sets it', async () => {
      const el = await mount();
      expect(el.getBoundingClientRect().height).to.be.closeTo(Math.min(0.8 * size.height, 640), 1);
      el.setAttribute('height', '420px');
      await el.updateComplete;
      expect(el.getBoundingClientRect().height).to.equal(420);
    });

    it(`puts the panel ${wide ? 'beside' : 'over the lower part of'} the map, and the map keeps its box when it opens`, async () => {
      const el = await mount();
      await reportsLoaded(el);
      const map = $(el, '#map')!.getBoundingClientRect();
      await openPanel(el);
      const panel = $(el, '.panel')!.getBoundingClientRect();
      if (wide) expect(panel.left, 'beside the map').to.be.at.least(map.right - 1);
      else {
        expect(panel.bottom, 'at the bottom of the map').to.be.closeTo(map.bottom, 1);
        expect(panel.height, 'at most 55 % of the map').to.be.at.most(map.height * 0.55 + 1);
      }
      expect($(el, '#map')!.getBoundingClientRect().toJSON(), 'the map did not move or resize').to.deep.equal(map.toJSON());
    });

    if (!wide) {
      it('renders the list\'s rows only once the sheet shows them', async () => {
        const el = await mount();
        await reportsLoaded(el);
        const list = $<HTMLElement & { updateComplete: Promise<boolean> }>(el, 'kmzb-report-list')!;
        await list.updateComplete;
        expect(list.shadowRoot!.querySelector('caption'), 'the list has the answer').to.not.equal(null);
        expect(list.shadowRoot!.querySelectorAll('tbody tr').length, 'rows in the closed sheet').to.equal(0);
        await openPanel(el);
        await waitUntil(() => list.shadowRoot!.querySelectorAll('tbody tr').length > 0, 'no rows in the open sheet', { timeout: 3000 });
      });
    }

    it('keeps the map the main thing in every browsing view, inside the host, with large targets, axe-clean', async () => {
      const el = await mount();
      await reportsLoaded(el);
      await checkView(el, 'map');
      await openPanel(el);
      await checkView(el, 'panel open');
      const filters = $(el, 'kmzb-report-filters')!;
      $<HTMLDetailsElement>(filters, 'details')!.open = true;
      await waitUntil(() => filters.shadowRoot!.querySelectorAll('.categories input').length === 24, 'the filters did not open');
      await checkView(el, 'filters open');
      $<HTMLDetailsElement>(el, '.legend')!.open = true;
      await waitUntil(() => el.shadowRoot!.querySelectorAll('.legend .symbols li').length === 24, 'the legend did not open');
      await checkView(el, 'legend open');
      const list = $(el, 'kmzb-report-list')!;
      await waitUntil(() => list.shadowRoot!.querySelector('tbody tr button'), 'no rows');
      list.shadowRoot!.querySelector<HTMLButtonElement>('tbody tr button')!.click();
      await waitUntil(() => $($(el, 'kmzb-report-detail')!, '.status'), 'the detail did not open');
      await checkView(el, 'detail');
    });

    it('fits the list table in its panel, with no sideways scrolling', async () => {
      const el = await mount();
      await reportsLoaded(el);
      await openPanel(el);
      const list = $(el, 'kmzb-report-list')!;
      await waitUntil(() => list.shadowRoot!.querySelector('tbody tr'), 'no rows');
      const table = list.shadowRoot!.querySelector('table')!;
      const body = $(el, '.panel-body')!;
      expect(table.getBoundingClientRect().width, 'table').to.be.at.most(body.clientWidth);
      expect(body.scrollWidth, 'no sideways scrolling').to.be.at.most(body.clientWidth);
    });

    it('does not let "Legenda" or the skip link cover the zoom buttons or the title', async () => {
      const el = await mount();
      await reportsLoaded(el);
      await openPanel(el);
      $<HTMLDetailsElement>(el, '.legend')!.open = true;
      await waitUntil(() => el.shadowRoot!.querySelectorAll('.legend .symbols li').length === 24, 'the legend did not open');
      const zoomOut = $(el, '.ol-zoom-out')!.getBoundingClientRect();
      const legend = $(el, '.legend')!.getBoundingClientRect();
      expect(overlaps(zoomOut, legend), 'legend over zoom-out').to.equal(false);
      $<HTMLButtonElement>(el, '.skip')!.focus();
      const skip = $(el, '.skip')!.getBoundingClientRect();
      expect(overlaps(skip, $(el, '#title')!.getBoundingClientRect()), 'skip link over the title').to.equal(false);
    });

    it('keeps the map in view and the primary action visible through every step of the form', async () => {
      localStorage.clear();
      const el = await mount({ unit: 'kmp-olsztyn', view: 'report' });
      await waitUntil(() => $(el, 'kmzb-report-form'), 'no form');
      const form = $<KmzbReportForm>(el, 'kmzb-report-form')!;
      await form.updateComplete;
      const primary = () => $<HTMLButtonElement>(form, '.nav button.primary')!;
      expect(primary().textContent!.trim()).to.equal('Dalej');
      expect(inWindow(primary()), 'Dalej in view').to.equal(true);
      await checkView(el, 'form: place');

      $(el, '#map')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => form.place.status === 'ready', 'the pin was not located');
      primary().click();
      await waitUntil(() => form.step === 'category' && !form.busy);
      await form.updateComplete;
      expect(inWindow(primary()), 'Dalej in view on the category step').to.equal(true);
      await checkView(el, 'form: category');

      form.category = 'illegal_parking';
      primary().click();
      await waitUntil(() => (form.step === 'details' || form.step === 'duplicates') && !form.busy);
      if (form.step === 'duplicates') form.goTo('details');
      await form.updateComplete;
      expect(primary().textContent!.trim()).to.equal('Wyślij zgłoszenie');
      expect(inWindow(primary()), 'Wyślij in view').to.equal(true);
      await checkView(el, 'form: details');
      // A phone's sheet for the form is a tab and 45 % of the map: 46 % of the widget shows the
      // map (38 % with the head row and 55 % before).
      expect(visibleMapShare(el), 'the map that shows beside or above the form').to.be.at.least(wide ? 0.6 : 0.45);
    });

    it('drops the pin under the crosshair, in the part of the map the panel leaves in view', async () => {
      localStorage.clear();
      const el = await mount({ unit: 'kmp-olsztyn', view: 'report' });
      await waitUntil(() => $(el, 'kmzb-report-form'), 'no form');
      const form = $<KmzbReportForm>(el, 'kmzb-report-form')!;
      await form.updateComplete;
      await new Promise(requestAnimationFrame); // the panel's size reaches the map
      $(el, '#map')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => form.pin, 'no pin');
      const cross = $(el, '.crosshair')!.getBoundingClientRect();
      const map = $(el, '#map')!.getBoundingClientRect();
      const pixel = el.map!.getPixelFromCoordinate(el.map!.getView().getCenter()!);
      expect(map.left + pixel[0]!, 'x').to.be.closeTo(cross.left + cross.width / 2, 1);
      expect(map.top + pixel[1]!, 'y').to.be.closeTo(cross.top + cross.height / 2, 1);
      const panel = $(el, '.panel')!.getBoundingClientRect();
      if (wide) expect(cross.right, 'left of the panel').to.be.at.most(panel.left);
      else expect(cross.bottom, 'above the panel').to.be.at.most(panel.top);
    });

    it('keeps the middle of the map in the middle of what shows when the panel opens over it', async () => {
      const el = await mount({ unit: 'kmp-olsztyn' });
      await reportsLoaded(el);
      const before = el.map!.getView().getCenter()!;
      el.view = 'report';
      await waitUntil(() => $(el, 'kmzb-report-form'), 'no form', { timeout: 5000 });
      await el.updateComplete;
      // On a narrow widget the sheet's height reaches the view's padding through a resize
      // observer: wait for that middle to be above the panel (a busy machine takes frames).
      const middleShows = () => {
        const pixel = el.map!.getPixelFromCoordinate(el.map!.getView().getCenter()!);
        return $(el, '#map')!.getBoundingClientRect().top + pixel[1]! < $(el, '.panel')!.getBoundingClientRect().top;
      };
      if (!wide) await waitUntil(middleShows, 'the middle of the map is under the panel', { timeout: 5000 });
      const after = el.map!.getView().getCenter()!;
      expect(after[0]).to.be.closeTo(before[0]!, 1);
      expect(after[1]).to.be.closeTo(before[1]!, 1);
    });

    it('fills the screen with the full-screen button, and goes back with it', async () => {
      const el = await mount();
      const button = $<HTMLButtonElement>(el, '#fullscreen')!;
      const frame = $(el, '.frame')!;
      const box = el.getBoundingClientRect();
      const press = async () => {
        const rect = button.getBoundingClientRect();
        await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
        await el.updateComplete;
      };
      await press();
      await waitUntil(() => Math.abs(frame.getBoundingClientRect().height - innerHeight) < 1, 'not full screen');
      expect(button.getAttribute('aria-pressed')).to.equal('true');
      expect(frame.getBoundingClientRect().width).to.be.closeTo(innerWidth, 1);
      expect($(el, '#map')!.getBoundingClientRect().height / frame.getBoundingClientRect().height, 'map share').to.be.at.least(0.6);
      await press();
      await waitUntil(() => Math.abs(frame.getBoundingClientRect().height - box.height) < 1, 'still full screen');
      expect(button.getAttribute('aria-pressed')).to.equal('false');
    });

    it('shows the statistics beside or over the map, the map still the main thing', async () => {
      const el = await mount({ view: 'stats' });
      await waitUntil(() => $(el, 'kmzb-stats-view'), 'no stats', { timeout: 5000 });
      const stats = $(el, 'kmzb-stats-view')! as HTMLElement & { updateComplete: Promise<unknown> };
      await stats.updateComplete;
      await waitUntil(() => stats.shadowRoot!.querySelector('table, figure'), 'the statistics did not load', { timeout: 5000 });
      await checkView(el, 'stats');
    });
  });
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
