import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defaults as defaultInteractions } from 'ol/interaction/defaults.js';
import type BaseLayer from 'ol/layer/Base.js';
import OlMap from 'ol/Map.js';
import { fromLonLat } from 'ol/proj.js';
import View from 'ol/View.js';

/**
 * A small OpenLayers map on a console screen (the queue's, the new report's). The map is made
 * on the host's first update (when its target exists), attached on every connect and update,
 * and detached on every disconnect: setTarget(undefined) makes OL drop its viewport, listeners
 * and ResizeObserver. No controls and no keyboard interactions: on these screens a table or
 * the form's inputs are the keyboard way, and the map only adds where. A fit asked for before
 * the map has a size (a hidden map, a screen not laid out yet) is made when it gets one.
 */
export abstract class ConsoleMap implements ReactiveController {
  #map: OlMap | undefined;
  #pendingFit = false;

  constructor(host: ReactiveControllerHost, private readonly target: () => HTMLElement | null | undefined) {
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

  /** The layers the map is made with. */
  protected abstract layers(): BaseLayer[];

  /** Sets the view for a map of this size (once a fit is asked for and the map has a size). */
  protected abstract fitView(map: OlMap, size: [width: number, height: number]): void;

  /** Called once, with the new map: listeners, layers that load later. */
  protected created(_map: OlMap): void {}

  /** Fits the view now, or as soon as the map is attached and has a size. */
  protected requestFit(): void {
    this.#pendingFit = true;
    this.#fit();
  }

  /** Drops a fit not made yet (the view was set otherwise meanwhile). */
  protected cancelFit(): void {
    this.#pendingFit = false;
  }

  #attach(): void {
    const target = this.target();
    if (!target) return;
    if (!this.#map) {
      const map = (this.#map = new OlMap({
        controls: [],
        interactions: defaultInteractions({ keyboard: false }),
        layers: this.layers(),
        view: new View({ center: fromLonLat([19.4, 52.1]), zoom: 5.5 }),
      }));
      map.on('change:size', () => this.#fit());
      this.created(map);
    }
    if (this.#map.getTargetElement() !== target) this.#map.setTarget(target);
    this.#fit();
  }

  #fit(): void {
    const map = this.#map;
    if (!map || !this.#pendingFit || !map.getTargetElement()) return;
    map.updateSize(); // OL measures its target asynchronously; the fit needs the size now
    const [width = 0, height = 0] = map.getSize() ?? [];
    if (!width || !height) return; // change:size will come
    this.fitView(map, [width, height]);
    this.#pendingFit = false;
  }
}
