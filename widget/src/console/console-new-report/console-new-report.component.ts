import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { StaffNewReport } from '../../../../common/schemas/staff.js';
import { STAFF_SOURCES } from '../../../../common/staff.js';
import type { LonLat } from '../../map/pin-placer.js';
import { olStyles } from '../../map/ol.styles.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';
import { NewReportMap, PLACE_BOUNDS } from './new-report-map.js';

/**
 * A report from a public debate, a direct contact or a police observation. The place is marked
 * with a pin on a small map (a click or tap drops it, dragging moves it), which fills in the
 * longitude and latitude inputs; typing a valid place into them moves the pin. The inputs stay
 * the required, keyboard way: the map is an image to assistive technology. The server routes the
 * place to the unit of the point and refuses one outside the staff member's units. On success the
 * console opens the new report.
 */
export class ConsoleNewReport extends LitElement {
  static override styles = [
    olStyles,
    consoleStyles,
    css`
      .place { display: grid; gap: 10px; }
      .map { height: 300px; border: 1px solid #c9ccd1; border-radius: 4px; background: #f4f5f7; cursor: crosshair; }
    `,
  ];
  readonly #i18n = new ConsoleI18n(this);
  readonly #map = new NewReportMap(
    this, () => this.renderRoot?.querySelector<HTMLElement>('.map'), (lonLat) => this.#pinMoved(lonLat), () => this.basemap,
    () => this.area,
    () => this.unit,
  );
  @property({ attribute: false }) accessor categories: readonly Category[] = [];
  /** The console's basemap (`osm`, or `none`: no tiles), read when the map is created. */
  @property() accessor basemap: string | undefined;
  /** The officer's area as a WGS84 bbox (their unit's): the map's first view. Default: Poland. */
  @property({ attribute: false }) accessor area: readonly number[] | undefined;
  /** The officer's unit: its outline is drawn on the map. */
  @property() accessor unit: string | undefined;
  @state() private accessor error = '';

  /** The OpenLayers map of the place; undefined before the first render. */
  get map() {
    return this.#map.map;
  }

  override render() {
    const { t } = this.#i18n;
    const n = t.newReport;
    return html`
      <h2 tabindex="-1">${n.heading}</h2>
      <form @submit=${this.#submit} @reset=${() => this.#map.clear()}>
        <label>${n.source}<select name="source">${STAFF_SOURCES.map((s) => html`<option value=${s}>${t.sources[s]}</option>`)}</select></label>
        <fieldset class="place">
          <legend>${n.place}</legend>
          <p class="hint">${n.mapHint}</p>
          <div class="map" role="img" aria-label=${n.mapLabel}></div>
          <label>${n.lon}<input name="lon" type="number" step="any" min=${PLACE_BOUNDS.lon.min} max=${PLACE_BOUNDS.lon.max} required
            @input=${this.#typed} /></label>
          <label>${n.lat}<input name="lat" type="number" step="any" min=${PLACE_BOUNDS.lat.min} max=${PLACE_BOUNDS.lat.max} required
            @input=${this.#typed} /></label>
        </fieldset>
        <label>${n.category}<select name="category" required>
          ${this.categories.map((c) => html`<option value=${c.code}>${c.names[this.#i18n.lang]}</option>`)}</select></label>
        <label>${n.description}<textarea name="description" maxlength="500" rows="4"></textarea></label>
        <label>${n.eventAt}<input name="eventAt" type="datetime-local" /></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="buttons"><button type="submit">${n.submit}</button></div>
      </form>
    `;
  }

  #input(name: 'lon' | 'lat'): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  }

  /** The pin was dropped or dragged: its place goes into the inputs (6 decimals, about 10 cm). */
  #pinMoved([lon, lat]: LonLat) {
    this.#input('lon').value = lon.toFixed(6);
    this.#input('lat').value = lat.toFixed(6);
  }

  /** Only a whole place within the inputs' bounds moves the pin, not a half-typed number. */
  #typed() {
    const lon = this.#input('lon');
    const lat = this.#input('lat');
    if (lon.value && lat.value && lon.validity.valid && lat.validity.valid) this.#map.show([lon.valueAsNumber, lat.valueAsNumber]);
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const report: StaffNewReport = {
      source: text('source') as StaffNewReport['source'],
      lon: Number(text('lon')),
      lat: Number(text('lat')),
      category: text('category'),
    };
    if (text('description')) report.description = text('description');
    // datetime-local is the officer's local time; the API wants an instant with a zone.
    if (text('eventAt')) report.eventAt = new Date(text('eventAt')).toISOString();
    try {
      const created = await staffApi.enterReport(report);
      this.error = '';
      form.reset();
      // Said on the page it opens: the message belongs there.
      announce(this, this.#i18n.t.newReport.created(created.id), `#report/${created.id}`);
      location.hash = `#report/${created.id}`;
    } catch (error) {
      if (!endedSession(this, error)) this.error = this.#i18n.error(error);
    }
  }
}
