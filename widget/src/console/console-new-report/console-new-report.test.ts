import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type Feature from 'ol/Feature.js';
import type Point from 'ol/geom/Point.js';
import type VectorLayer from 'ol/layer/Vector.js';
import type OlMap from 'ol/Map.js';
import { buffer, containsExtent, getWidth } from 'ol/extent.js';
import { toLonLat, transformExtent } from 'ol/proj.js';
import type VectorSource from 'ol/source/Vector.js';
import { apiPath, StaffPath } from '../../../../common/api.js';
import type { StaffReport } from '../../../../common/schemas/staff.js';
import { PIN_LAYER } from '../../map/pin-placer.js';
import { ADMIN, CONSOLE_POINT, type FixtureStaff, OFFICER } from '../console.fixtures.js';
import { inside, loggedInAs, screen } from '../console-test-helpers.js';
import type { KmzbConsole } from '../kmzb-console/kmzb-console.component.js';
import type { ConsoleNewReport } from './console-new-report.component.js';

/** waitUntil with room for a loaded machine (scrypt logins, other suites in parallel). */
const until = (predicate: () => unknown, message?: string) => waitUntil(predicate, message, { timeout: 5000 });

/** The console logged in as `account`, showing the new-report form with its map sized and drawn. */
async function openForm(account: FixtureStaff): Promise<{ el: KmzbConsole; form: ConsoleNewReport; map: OlMap }> {
  const el = await loggedInAs(account);
  location.hash = '#new';
  const form = await screen<ConsoleNewReport>(el, 'console-new-report');
  inside(form, '.map').scrollIntoView({ block: 'center' });
  await until(() => (form.map?.getSize()?.[1] ?? 0) > 0, 'the map never got a size');
  const map = form.map!;
  map.renderSync();
  return { el, form, map };
}

const input = (form: ConsoleNewReport, name: 'lon' | 'lat') => inside<HTMLInputElement>(form, `input[name="${name}"]`);

/** The pin's features (none before a place is marked, then one). */
function pins(map: OlMap): Feature<Point>[] {
  const layer = map.getLayers().getArray().find((l) => l.get('name') === PIN_LAYER) as VectorLayer<VectorSource<Feature<Point>>>;
  return layer.getSource()!.getFeatures();
}

const pinLonLat = (map: OlMap) => toLonLat(pins(map)[0]!.getGeometry()!.getCoordinates());

/**
 * A point of the map `dx`, `dy` (fractions of its size) from its top left corner: where to send
 * the mouse (whole CSS pixels) and the map pixel the mouse lands on there.
 */
function spot(map: OlMap, dx: number, dy: number): { position: [number, number]; pixel: number[] } {
  const box = map.getViewport()!.getBoundingClientRect();
  const position: [number, number] = [Math.round(box.left + box.width * dx), Math.round(box.top + box.height * dy)];
  return { position, pixel: [position[0] - box.left, position[1] - box.top] };
}

/** Where the map says a pixel is, in WGS84. */
const lonLatAt = (map: OlMap, pixel: number[]) => toLonLat(map.getCoordinateFromPixel(pixel));

/** Selects what an input holds and types `text` over it, key by key, as an officer would. */
async function typeInto(field: HTMLInputElement, text: string): Promise<void> {
  field.focus();
  field.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: text });
}

describe('<console-new-report>', () => {
  afterEach(() => {
    location.hash = '';
  });

  it('fills longitude and latitude with the place of a click on the map, and again when the pin is dragged', async () => {
    const { el, form, map } = await openForm(OFFICER);
    expect(pins(map)).to.have.length(0);
    // The console's basemap reaches the form: `none` here, so no tile layer and no tile requests.
    expect(form.basemap).to.equal('none');
    await aTimeout(50); // a tile layer would arrive after a dynamic import
    expect(map.getAllLayers().some((layer) => layer.get('name') === 'basemap')).to.equal(false);
    // The first view is the officer's unit, not the whole of Poland.
    const { bbox } = (await (await fetch(`/api/v1/units/${OFFICER.unit}`)).json()) as { bbox: number[] };
    const view = transformExtent(map.getView().calculateExtent(map.getSize()), 'EPSG:3857', 'EPSG:4326');
    // Fitted: the unit touches the view's edges (a rounding error from the projections aside).
    expect(containsExtent(buffer(view, 1e-6), bbox), `${view} holds ${bbox}`).to.equal(true);
    expect(getWidth(view), 'zoomed to the unit').to.be.lessThan(2);
    // The unit's outline is drawn, so the place is found against the area it must lie in.
    const area = map.getAllLayers().find((layer) => layer.get('name') === 'area') as VectorLayer<VectorSource<Feature>> | undefined;
    await until(() => area?.getSource()?.getFeatures().length, 'no outline of the unit');
    expect(area!.getSource()!.getFeatures()[0]!.getId()).to.equal(OFFICER.unit);
    expect(input(form, 'lon').value).to.equal('');
    expect(inside(form, '.hint').textContent).to.contain('Kliknij mapę');

    const click = spot(map, 0.6, 0.4);
    await sendMouse({ type: 'click', position: click.position });
    await until(() => input(form, 'lon').value, 'the click filled in no longitude');
    const [lon, lat] = lonLatAt(map, click.pixel);
    expect(Number(input(form, 'lon').value)).to.be.closeTo(lon!, 1e-4);
    expect(Number(input(form, 'lat').value)).to.be.closeTo(lat!, 1e-4);
    expect(pins(map)).to.have.length(1);
    expect(pinLonLat(map)[0]).to.be.closeTo(lon!, 1e-4);
    // Inside Poland: the inputs accept what the map gave them.
    expect(input(form, 'lon').validity.valid && input(form, 'lat').validity.valid).to.equal(true);

    // Drag the pin down and to the left.
    map.renderSync();
    const drop = spot(map, 0.45, 0.55);
    await sendMouse({ type: 'move', position: click.position });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: drop.position });
    await sendMouse({ type: 'up' });
    const [lon2, lat2] = lonLatAt(map, drop.pixel);
    await until(() => Math.abs(Number(input(form, 'lon').value) - lon2!) < 1e-4, `the drag did not fill in ${lon2}: ${input(form, 'lon').value}`);
    expect(Number(input(form, 'lat').value)).to.be.closeTo(lat2!, 1e-4);
    expect(pinLonLat(map)[1]).to.be.closeTo(lat2!, 1e-4);

    const mapEl = inside(form, '.map');
    expect(mapEl.getAttribute('role')).to.equal('img');
    expect(mapEl.getAttribute('aria-label')).to.contain('Mapa Polski');
    await expect(el).to.be.accessible();
  });

  it('moves the pin to typed longitude and latitude, but not to a place outside the inputs\' bounds', async () => {
    const { form, map } = await openForm(OFFICER);
    const zoom = map.getView().getZoom();
    await typeInto(input(form, 'lon'), '21.012229');
    expect(pins(map), 'a longitude alone placed the pin').to.have.length(0);
    await typeInto(input(form, 'lat'), '52.229676');
    await until(() => pins(map).length === 1, 'typing placed no pin');
    // What was typed stays as typed (the pin's own move is not written back into the inputs).
    expect(input(form, 'lon').value).to.equal('21.012229');
    expect(input(form, 'lat').value).to.equal('52.229676');
    const [lon, lat] = pinLonLat(map);
    expect(lon).to.be.closeTo(21.012229, 1e-6);
    expect(lat).to.be.closeTo(52.229676, 1e-6);
    // Centred on the pin, at the zoom the officer had (no basemap: street zoom would show nothing).
    const [centreLon, centreLat] = toLonLat(map.getView().getCenter()!);
    expect(centreLon).to.be.closeTo(21.012229, 1e-6);
    expect(centreLat).to.be.closeTo(52.229676, 1e-6);
    expect(map.getView().getZoom()).to.equal(zoom);

    await typeInto(input(form, 'lat'), '60');
    expect(input(form, 'lat').validity.valid).to.equal(false);
    expect(pinLonLat(map)[1]).to.be.closeTo(52.229676, 1e-6);
  });

  it('submits the typed place after a click on the map, and the console opens the new report', async () => {
    const { el, form, map } = await openForm(ADMIN);
    await sendMouse({ type: 'click', position: spot(map, 0.5, 0.5).position });
    await until(() => input(form, 'lon').value, 'the click filled in no longitude');
    // The test's reports go to powiat myślenicki (CONSOLE_POINT): typed over the clicked place.
    await typeInto(input(form, 'lon'), String(CONSOLE_POINT.lon));
    await typeInto(input(form, 'lat'), String(CONSOLE_POINT.lat));
    await until(() => Math.abs(pinLonLat(map)[1]! - CONSOLE_POINT.lat) < 1e-6, 'the pin did not follow the typed place');
    inside<HTMLSelectElement>(form, 'select[name="category"]').value = 'illegal_parking';
    const description = `Z mapy w konsoli ${Date.now()}.`;
    inside<HTMLTextAreaElement>(form, 'textarea[name="description"]').value = description;
    inside<HTMLButtonElement>(form, 'button[type="submit"]').click();

    await until(() => location.hash.startsWith('#report/'), `the form did not open the new report: ${location.hash} ${form.shadowRoot!.querySelector('.error')?.textContent ?? ''}`);
    const id = decodeURIComponent(location.hash.slice('#report/'.length));
    await screen(el, 'console-report');
    const response = await fetch(apiPath(StaffPath.report, { id }));
    expect(response.status).to.equal(200);
    const report = (await response.json()) as StaffReport;
    expect(report.description).to.equal(description);
    expect(report.lon).to.be.closeTo(CONSOLE_POINT.lon, 1e-9);
    expect(report.lat).to.be.closeTo(CONSOLE_POINT.lat, 1e-9);
  });
});
