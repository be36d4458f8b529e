import type { ReactiveController, ReactiveControllerHost } from 'lit';
import Attribution from 'ol/control/Attribution.js';
import { defaults as defaultInteractions } from 'ol/interaction/defaults.js';
import OlMap from 'ol/Map.js';
import { fromLonLat, transformExtent } from 'ol/proj.js';
import View from 'ol/View.js';
import { loadBasemapLayer, parseBasemap } from '../../map/basemap.js';
import { type LonLat, PinPlacer } from '../../map/pin-placer.js';

/**
 * Where a staff-entered report may lie as the form checks it (the lon/lat inputs' min and max),
 * a box around Poland; the map first shows this box. The server checks the real boundary.
 */
export const PLACE_BOUNDS = { lon: { min: 14, max: 24.2 }, lat: { min: 49, max: 54.9 } } as const;

const POLAND = [PLACE_BOUNDS.lon.min, PLACE_BOUNDS.lat.min, PLACE_BOUNDS.lon.max, PLACE_BOUNDS.lat.max];

/**
 * The new-report form's map of Poland, where the citizen form's PinPlacer drops a pin on a click
 * or tap and drags it; each such move is passed on in WGS84 for the lon/lat inputs (not the one
 * `show` makes, which comes from them). The console's basemap (OSM by default: streets to find
 * the place by, with its attribution shown; `none` in tests, which fetch no tiles), no other
 * controls and no keyboard interactions (the lon/lat inputs are the keyboard way). The map is
 * created on the host's first update, attached on every connect and detached on every disconnect.
 */
export class NewReportMap implements ReactiveController {
  #map: OlMap | undefined;
  #pin: PinPlacer | undefined;
  /**
   * Set while `show` moves the pin: PinPlacer reports that move too, and writing it back would
   * rewrite the input the officer is typing in (52 → 52.000004 before the next key lands).
   */
  #showing = false;
  /** The first fit (to the officer's area) waiting for the map to have a size. */
  #pendingFit = true;

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => HTMLElement | null | undefined,
    private readonly onMove: (lonLat: LonLat) => void,
    private readonly basemap: () => string | undefined,
    /** The officer's area (WGS84 bbox of their unit), shown first; Poland when unknown. */
    private readonly area: () => readonly number[] | undefined,
  ) {
    host.addController(this);
  }

  /** The OpenLayers map; undefined before the host's first render. */
  get map(): OlMap | undefined {
    return this.#map;
  }

  hostConnected(): void {
    this.#attach();
  }

  hostUpdated(): void {
    this.#attach();
  }

  hostDisconnected(): void {
    this.#map?.setTarget(undefined);
  }

  /**
   * Moves the pin to typed coordinates and centres the map on it, keeping the officer's zoom
   * (PinPlacer would zoom in to streets: with no basemap, nothing around the pin).
   */
  show(lonLat: LonLat): void {
    const view = this.#map?.getView();
    if (!view || !this.#pin) return;
    const zoom = view.getZoom();
    this.#showing = true;
    try {
      this.#pin.show(lonLat);
    } finally {
      this.#showing = false;
    }
    if (zoom !== undefined) view.setZoom(zoom);
    this.#pendingFit = false; // a later first size must not move the view off the pin
  }

  /** Takes the pin away (the form was emptied): PinPlacer cannot, so a new one replaces it. */
  clear(): void {
    if (!this.#map) return;
    this.#pin?.detach();
    this.#pin = this.#newPin(this.#map);
  }

  #attach(): void {
    const target = this.target();
    if (!target) return;
    if (!this.#map) {
      this.#map = this.#create();
      this.#pin = this.#newPin(this.#map);
    }
    if (this.#map.getTargetElement() !== target) this.#map.setTarget(target);
    this.#fit();
  }

  #create(): OlMap {
    const map = new OlMap({
      controls: [],
      interactions: defaultInteractions({ keyboard: false }),
      layers: [],
      view: new View({ center: fromLonLat([19.4, 52.1]), zoom: 5.5 }),
    });
    map.on('change:size', () => this.#fit());
    void loadBasemapLayer(parseBasemap(this.basemap())).then((layer) => {
      if (!layer) return;
      map.getLayers().insertAt(0, layer);
      // The tiles' licence asks for the credit on the map; it is the only control.
      map.addControl(new Attribution({ collapsible: false }));
    });
    return map;
  }

  /** OL makes the viewport in the map's constructor: it is there, whatever its type says. */
  #newPin(map: OlMap): PinPlacer {
    return new PinPlacer(map, map.getViewport()!, (lonLat) => {
      if (!this.#showing) this.onMove(lonLat);
    });
  }

  /** Shows the officer's area (else Poland) whatever the width of the form, once the map has a size. */
  #fit(): void {
    const map = this.#map;
    if (!map || !this.#pendingFit || !map.getTargetElement()) return;
    map.updateSize();
    const [width = 0, height = 0] = map.getSize() ?? [];
    if (!width || !height) return; // change:size will come
    map.getView().fit(transformExtent([...(this.area() ?? POLAND)], 'EPSG:4326', 'EPSG:3857'));
    this.#pendingFit = false;
  }
}
