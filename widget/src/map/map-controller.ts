import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type Feature from 'ol/Feature.js';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import type { EventsKey } from 'ol/events.js';
import DoubleClickZoom from 'ol/interaction/DoubleClickZoom.js';
import DragPan from 'ol/interaction/DragPan.js';
import KeyboardZoom from 'ol/interaction/KeyboardZoom.js';
import MouseWheelZoom from 'ol/interaction/MouseWheelZoom.js';
import PinchZoom from 'ol/interaction/PinchZoom.js';
import type BaseLayer from 'ol/layer/Base.js';
import type VectorLayer from 'ol/layer/Vector.js';
import { unByKey } from 'ol/Observable.js';
import { fromLonLat, transformExtent } from 'ol/proj.js';
import type VectorSource from 'ol/source/Vector.js';
import type { UnitDetail } from '../../../common/schemas/unit.js';
import { createAreaLayer, DEFAULT_ACCENT, setArea, setAreaAccent } from './area-layer.js';
import { type Basemap, loadBasemapLayer } from './basemap.js';
import { type ControlLabels, createControls } from './controls.js';
import { ScaledKeyboardPan } from './keyboard-pan.js';
import { afterNextPaint, yieldToMain } from './slices.js';
import { settleable } from '../components/kmzb-map/frame.js';

interface BasemapState {
  kind: Basemap;
  url?: string | undefined;
  /** Unset while the layer's code is loading, or for basemap none. */
  layer?: BaseLayer;
}

/** Poland, for the moment before a unit's area is known. */
const POLAND_CENTER = fromLonLat([19.4, 52.1]);
/**
 * Poland's bbox (WGS84, the `pl` unit's as the server ships it): the view is fitted to it before
 * any unit arrives, so the reports can be asked for at once, and for `unit="pl"` the unit's own
 * fit then leaves the view as it is (no second request).
 */
const POLAND_BBOX = [14.12288, 49.00238, 24.14578, 54.83533];
/** Room around a fitted area: 24 px, less on a small map (at most 5 % of its smaller side). */
function fitPadding(map: OlMap): number[] {
  const [width, height] = map.getSize() ?? [0, 0];
  const padding = Math.min(24, Math.round(Math.min(width!, height!) * 0.05));
  return [padding, padding, padding, padding];
}

/**
 * Owns the OpenLayers map of one host element. The map is created once its target div has
 * rendered and painted (#scheduleCreation), attached to the target on every connect and detached on every
 * disconnect: setTarget(undefined) makes OL remove its viewport, its DOM listeners and its
 * ResizeObserver, so a removed element holds nothing in the page and a re-added one works again.
 */
export class MapController implements ReactiveController {
  #map: OlMap | undefined;
  #area: VectorLayer<VectorSource<Feature>> | undefined;
  /** The outline's colour once the host decided it (the page's `--kmzb-accent`, else the unit's). */
  #accent: string | undefined;
  #basemap: BasemapState | undefined;
  #labels: ControlLabels;
  /** Our own listeners on the map, removed on disconnect (their waiters are released then). */
  #listeners = new Map<EventsKey, () => void>();
  /** A fit waiting for the map to be attached and sized. */
  #pendingFit: number[] | undefined;
  /** Poland until the first unit is shown: fitted again when the map's size settles. */
  #homeFit: number[] | undefined;
  /** Pixels at the bottom of the map covered by the host's panel (a narrow widget's sheet). */
  #covered = 0;
  /** The map's creation is due after the paint of its box (see #attach); a disconnect cancels it. */
  #creationDue = false;
  /** Made, not attached yet (#scheduleCreation). */
  #constructed: OlMap | undefined;
  readonly #created = settleable();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly target: () => HTMLElement | null,
    labels: ControlLabels,
  ) {
    this.#labels = labels;
    host.addController(this);
  }

  /** The OpenLayers map; undefined until its box has rendered and painted. */
  get map(): OlMap | undefined {
    return this.#map;
  }

  /** Resolves once the map is created. */
  get created(): Promise<void> {
    return this.#created.promise;
  }

  hostConnected(): void {
    this.#attach();
  }

  hostUpdated(): void {
    this.#attach();
  }

  hostDisconnected(): void {
    this.#creationDue = false;
    unByKey([...this.#listeners.keys()]);
    for (const release of this.#listeners.values()) release();
    this.#listeners.clear();
    this.#map?.setTarget(undefined);
  }

  /** Shows the unit's area and fits the view to it; resolves once the map has rendered it. */
  showUnit(unit: UnitDetail): Promise<void> {
    this.#attach(true);
    if (!this.#area) return Promise.resolve();
    setArea(this.#area, unit.area);
    this.#homeFit = undefined;
    this.#pendingFit = transformExtent(unit.bbox, 'EPSG:4326', 'EPSG:3857');
    this.#fit();
    return this.#rendered();
  }

  /** Swaps the basemap layer; its tile code is loaded on first use. `url`: the WMTS service of geoportal and orto. */
  async setBasemap(kind: Basemap, url?: string): Promise<void> {
    if (this.#basemap?.kind === kind && this.#basemap.url === url) return;
    if (this.#basemap?.layer) this.#map?.removeLayer(this.#basemap.layer);
    const current: BasemapState = { kind, url };
    this.#basemap = current;
    const layer = await loadBasemapLayer(kind, url);
    // A newer setBasemap call won while the chunk was loading.
    if (this.#basemap !== current || !layer) return;
    current.layer = layer;
    this.#map?.getLayers().insertAt(0, layer);
  }

  /** The area outline's colour: the page's `--kmzb-accent`, else the unit's configured accent. */
  setAccent(accent: string): void {
    if (accent === this.#accent) return;
    this.#accent = accent;
    if (this.#area) setAreaAccent(this.#area, accent);
  }

  /**
   * The bottom `pixels` of the map are covered (a sheet over it): the view's padding, so its
   * centre (where the crosshair drops the pin, where a selected report is centred) and its fits
   * are in the part that shows. The reports are still asked for the whole map.
   */
  setCovered(pixels: number): void {
    this.#covered = Math.max(0, Math.round(pixels));
    const map = this.#map;
    const view = map?.getView();
    if (!map || !view || (view.padding?.[2] ?? 0) === this.#covered) return;
    // The point in the middle of what showed stays in the middle of what shows (OL would keep
    // the picture still instead, and a sheet opening would cover the middle of the unit).
    const centre = view.getCenter();
    view.padding = [0, 0, this.#covered, 0];
    if (centre) view.setCenter(centre);
    // Poland, before any unit: fitted again into the part that shows.
    if (this.#homeFit && hasSize(map)) view.fit(this.#homeFit, { padding: fitPadding(map) });
  }

  /** Rebuilds the controls when the language changes (OL reads labels only at construction). */
  setLabels(labels: ControlLabels): void {
    if (labels === this.#labels) return;
    this.#labels = labels;
    const controls = this.#map?.getControls();
    controls?.clear();
    controls?.extend(createControls(labels).getArray());
  }

  /**
   * Attaches the map to its target, creating it first (at once when `now`: the unit's area is to
   * be shown; else see #scheduleCreation).
   */
  #attach(now = false): void {
    const target = this.target();
    if (!target) return; // not rendered yet: hostUpdated will come
    if (!this.#map) {
      if (!now) return this.#scheduleCreation(target);
      this.#creationDue = false;
      this.#map = this.#constructed ?? this.#create(target);
      this.#constructed = undefined;
      this.#created.resolve();
    }
    if (this.#map.getTargetElement() !== target) this.#map.setTarget(target);
    this.#fit();
  }

  /**
   * The map is created once the box it goes in has painted, in three tasks: the area's layer,
   * OpenLayers' map (view, controls, interactions, its viewport's elements), then attaching it
   * (OL reads the layout, makes its canvases, fits the view). The host's render and all of this were one
   * task of ~200 ms on a throttled phone, a long task that blocked input and the first paint.
   */
  #scheduleCreation(target: HTMLElement): void {
    if (this.#creationDue) return;
    this.#creationDue = true;
    const due = () => this.#creationDue; // false once disconnected: the next connect schedules again
    void (async () => {
      await afterNextPaint();
      if (!due()) return;
      this.#area ??= createAreaLayer(this.#currentAccent());
      await yieldToMain();
      if (!due()) return;
      this.#constructed ??= this.#create(target);
      await yieldToMain();
      if (!due()) return;
      this.#attach(true);
      this.host.requestUpdate(); // the controllers that wait for the map (reports, pin) see it
    })();
  }

  /** The outline's colour: the host's choice, else the page's `--kmzb-accent`, else police navy. */
  #currentAccent(): string {
    return this.#accent ?? (getComputedStyle(this.host).getPropertyValue('--kmzb-accent').trim() || DEFAULT_ACCENT);
  }

  #create(target: HTMLElement): OlMap {
    this.#area ??= createAreaLayer(this.#currentAccent());
    this.#homeFit = transformExtent(POLAND_BBOX, 'EPSG:4326', 'EPSG:3857');
    this.#pendingFit ??= this.#homeFit;
    const layers: BaseLayer[] = [this.#area];
    if (this.#basemap?.layer) layers.unshift(this.#basemap.layer);
    const map = new OlMap({
      // Keys are read on the focusable viewport only (OL's default in a shadow root is the host,
      // which would also pan the map while the Retry button or a zoom button has focus).
      keyboardEventTarget: target,
      controls: createControls(this.#labels),
      // OL's defaults less rotation and shift-drag box zoom (a citizen's map stays north up, and
      // their code stays out of the first download); arrows pan by a share of the visible map
      // (OL's own step is a fixed 128 px); +/- zoom as usual.
      interactions: [new DragPan(), new PinchZoom(), new MouseWheelZoom(), new DoubleClickZoom(), new ScaledKeyboardPan(), new KeyboardZoom()],
      layers,
      view: new View({ center: POLAND_CENTER, zoom: 5.5, padding: [0, 0, this.#covered, 0], enableRotation: false }),
    });
    // The panels around the map render after it (their own updates) and may resize it: keep
    // Poland fitted meanwhile, so the first report request and the unit's fit see the same view.
    map.on('change:size', () => {
      if (this.#homeFit && hasSize(map)) map.getView().fit(this.#homeFit, { padding: fitPadding(map) });
    });
    return map;
  }

  #fit(): void {
    const map = this.#map;
    if (!map || !this.#pendingFit || !map.getTargetElement()) return;
    map.updateSize(); // OL measures the target asynchronously; fitting needs the size now
    if (!hasSize(map)) return;
    map.getView().fit(this.#pendingFit, { padding: fitPadding(map) });
    this.#pendingFit = undefined;
  }

  /** Resolves after the next complete render, or at once when the map cannot render (no size). */
  #rendered(): Promise<void> {
    const map = this.#map;
    if (!map || !hasSize(map)) return Promise.resolve();
    return new Promise((resolve) => {
      const key = map.once('rendercomplete', () => {
        this.#listeners.delete(key);
        resolve();
      });
      this.#listeners.set(key, resolve);
      map.render();
    });
  }
}

function hasSize(map: OlMap): boolean {
  const size = map.getSize();
  return !!size && size[0]! > 0 && size[1]! > 0;
}
