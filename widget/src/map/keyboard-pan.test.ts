import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { containsCoordinate } from 'ol/extent.js';
import { transformExtent } from 'ol/proj.js';
import '../kmzb-map.js';
import type { KmzbMap } from '../components/kmzb-map/kmzb-map.component.js';
import { FINE_PAN_STEP, PAN_STEP } from './keyboard-pan.js';

const api = location.origin;

async function mount(view = 'map'): Promise<KmzbMap> {
  const el = await fixture<KmzbMap>(html`<kmzb-map unit="kwp-olsztyn" api=${api} basemap="none" view=${view}></kmzb-map>`);
  await el.ready;
  if (view === 'report') await waitUntil(() => el.shadowRoot!.querySelector('kmzb-report-form'), 'no form');
  // The panel's size has settled (the form fills in) and reached the map's view as its padding.
  const frame = () => new Promise(requestAnimationFrame);
  let last = -1;
  for (let i = 0; i < 50; i++) {
    await frame();
    await frame();
    const covered = el.map!.getView().padding?.[2] ?? 0;
    if (covered === last) break;
    last = covered;
  }
  el.shadowRoot!.querySelector<HTMLElement>('#map')!.focus();
  return el;
}

/** Presses a key on the focused map and returns how far the centre moved, in screen pixels. */
async function press(el: KmzbMap, key: string, shift = false): Promise<[number, number]> {
  const view = el.map!.getView();
  const [x0, y0] = view.getCenter()!;
  const moved = new Promise((resolve) => el.map!.once('moveend', resolve));
  if (shift) await sendKeys({ down: 'Shift' });
  await sendKeys({ press: key });
  if (shift) await sendKeys({ up: 'Shift' });
  await moved;
  const [x1, y1] = view.getCenter()!;
  const resolution = view.getResolution()!;
  return [(x1! - x0!) / resolution, (y0! - y1!) / resolution];
}

/** The part of the map that shows (its size less the view's padding). */
function visible(el: KmzbMap): [number, number] {
  const [width, height] = el.map!.getSize()!;
  const [top, right, bottom, left] = el.map!.getView().padding ?? [0, 0, 0, 0];
  return [width! - left! - right!, height! - top! - bottom!];
}

describe('arrow keys on the map', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  it('move the map by 5 % of its visible width and height, 1 % with Shift', async () => {
    await setViewport({ width: 1366, height: 900 });
    const el = await mount();
    const [width, height] = visible(el);
    const [dx] = await press(el, 'ArrowRight');
    expect(dx).to.be.closeTo(PAN_STEP * width, 1);
    const [, dy] = await press(el, 'ArrowDown');
    expect(dy).to.be.closeTo(PAN_STEP * height, 1);
    const [fine] = await press(el, 'ArrowLeft', true);
    expect(fine).to.be.closeTo(-FINE_PAN_STEP * width, 1);
  });

  it('stays inside the voivodeship after a press at its zoom (the fixed step used to leave Poland)', async () => {
    await setViewport({ width: 800, height: 600 });
    const el = await mount();
    const bbox = transformExtent([19.0, 53.1, 23.0, 54.5], 'EPSG:4326', 'EPSG:3857');
    await press(el, 'ArrowRight');
    expect(containsCoordinate(bbox, el.map!.getView().getCenter()!)).to.equal(true);
  });

  it('on a phone with the form open, step up and down by the part of the map above the sheet', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount('report');
    const [, height] = visible(el);
    expect(height, 'the sheet covers part of the map').to.be.lessThan(el.map!.getSize()![1]!);
    const [, dy] = await press(el, 'ArrowUp');
    expect(dy).to.be.closeTo(-PAN_STEP * height, 1);
  });
});
