import Feature from 'ol/Feature.js';
import type OlMap from 'ol/Map.js';
import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import type { EventsKey } from 'ol/events.js';
import Point from 'ol/geom/Point.js';
import Translate from 'ol/interaction/Translate.js';
import VectorLayer from 'ol/layer/Vector.js';
import { unByKey } from 'ol/Observable.js';
import { fromLonLat, toLonLat } from 'ol/proj.js';
import VectorSource from 'ol/source/Vector.js';
import CircleStyle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import { DEFAULT_ACCENT } from './area-layer.js';

/** Name of the pin layer (`layer.get('name')`). */
export const PIN_LAYER = 'pin';

/** Zoom at which a place found by geolocation is shown (streets readable). */
const LOCATION_ZOOM = 16;

/** WGS84 longitude and latitude of the pin. */
export type LonLat = [lon: number, lat: number];

/**
 * The report form's pin on the widget's map: a click or tap drops it, dragging moves it, and
 * with the map focused Enter or Space drops it at the centre (under the crosshair the widget
 * draws; arrows pan the map under it). Everything it adds to the map and the viewport is
 * removed by `detach()`, so the map view goes back to what it was before the form opened.
 */
export class PinPlacer {
  readonly #pin = new Feature<Point>();
  readonly #layer: VectorLayer<VectorSource<Feature>>;
  readonly #translate: Translate;
  #keys: EventsKey[] = [];

  constructor(
    private readonly map: OlMap,
    private readonly viewport: HTMLElement,
    private readonly onMove: (lonLat: LonLat) => void,
    accent: string = DEFAULT_ACCENT,
  ) {
    this.#layer = new VectorLayer({
      source: new VectorSource<Feature>(),
      properties: { name: PIN_LAYER },
      // Style objects, not flat styles: the widget's build leaves OL's flat-style compiler out.
      style: [
        new Style({ image: new CircleStyle({ radius: 11, fill: new Fill({ color: accent }), stroke: new Stroke({ color: '#ffffff', width: 3 }) }) }),
        new Style({ image: new CircleStyle({ radius: 3, fill: new Fill({ color: '#ffffff' }) }) }),
      ],
      zIndex: 10,
    });
    this.#translate = new Translate({ layers: [this.#layer] });
    map.addLayer(this.#layer);
    map.addInteraction(this.#translate);
    this.#keys = [
      map.on('click', (event: MapBrowserEvent) => this.#place(event.coordinate)),
      this.#translate.on('translateend', () => this.#moved()),
    ];
    viewport.addEventListener('keydown', this.#onKey);
  }

  /** The pin's place, or undefined before it is placed. */
  get lonLat(): LonLat | undefined {
    const coordinate = this.#pin.getGeometry()?.getCoordinates();
    return coordinate ? (toLonLat(coordinate) as LonLat) : undefined;
  }

  /** Puts the pin at a WGS84 point and centres the map on it (geolocation, a restored draft). */
  show(lonLat: LonLat): void {
    const coordinate = fromLonLat(lonLat);
    const view = this.map.getView();
    view.setCenter(coordinate);
    if ((view.getZoom() ?? 0) < LOCATION_ZOOM) view.setZoom(LOCATION_ZOOM);
    this.#place(coordinate);
  }

  detach(): void {
    unByKey(this.#keys);
    this.#keys = [];
    this.viewport.removeEventListener('keydown', this.#onKey);
    this.map.removeInteraction(this.#translate);
    this.map.removeLayer(this.#layer);
  }

  readonly #onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    if (event.target !== this.viewport) return; // a zoom button inside the viewport has its own Enter
    event.preventDefault(); // Space would scroll the page
    const centre = this.map.getView().getCenter();
    if (centre) this.#place(centre);
  };

  #place(coordinate: number[]): void {
    const geometry = this.#pin.getGeometry();
    if (geometry) geometry.setCoordinates(coordinate);
    else this.#pin.setGeometry(new Point(coordinate));
    const source = this.#layer.getSource()!;
    if (!source.hasFeature(this.#pin)) source.addFeature(this.#pin);
    this.#moved();
  }

  #moved(): void {
    const lonLat = this.lonLat;
    if (lonLat) this.onMove(lonLat);
  }
}
