import type { ReactiveController, ReactiveControllerHost } from 'lit';
import Feature, { type FeatureLike } from 'ol/Feature.js';
import { defaults as defaultInteractions } from 'ol/interaction/defaults.js';
import VectorLayer from 'ol/layer/Vector.js';
import OlMap from 'ol/Map.js';
import Point from 'ol/geom/Point.js';
import { fromLonLat } from 'ol/proj.js';
import VectorSource from 'ol/source/Vector.js';
import Circle from 'ol/style/Circle.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import View from 'ol/View.js';
import type { Domain, Status } from '../../../../common/catalogue.js';
import type { QueueRow } from '../../../../common/schemas/staff.js';
import { reportStyle } from '../../map/feature-style.js';

/** Name of the layer of the queue's reports (`layer.get('name')`). */
export const QUEUE_LAYER = 'queue-reports';

/** The overdue mark: a thick ring in the overdue badge's red around the marker, with a white halo. */
const overdueRing = [
  new Style({ image: new Circle({ radius: 17, stroke: new Stroke({ color: '#fff', width: 7 }) }) }),
  new Style({ image: new Circle({ radius: 17, stroke: new Stroke({ color: '#a4001d', width: 4 }) }) }),
];

/**
 * A small OpenLayers map of one page of the queue: the public widget's markers (status colour,
 * domain glyph), overdue reports ringed, the view fitted to the points, no basemap and no
 * controls (the table is the accessible way through the queue; the map only adds where). The
 * map is created on the host's first update, attached on every connect and detached on every
 * disconnect (setTarget(undefined): OL drops its viewport, listeners and ResizeObserver).
 */
export class QueueMap implements ReactiveController {
  #map: OlMap | undefined;
  readonly #source = new VectorSource<Feature>();
  readonly layer = new VectorLayer({
    source: this.#source,
    style: (feature) => this.#style(feature),
    properties: { name: QUEUE_LAYER },
  });
  #domains = new Map<string, Domain>();
  /** Fit waiting for the map to have a size (it is hidden while the page has no reports). */
  #pendingFit = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => HTMLElement | null | undefined,
    /** Called with the report id of a clicked marker. */
    private readonly onOpen: (id: string) => void,
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

  /** Category code → domain, for the markers' glyphs. */
  setDomains(domains: Map<string, Domain>): void {
    this.#domains = domains;
    this.layer.changed();
  }

  /** Shows these rows (one feature each, id = report id) and fits the view to them. */
  show(rows: readonly QueueRow[]): void {
    const features = rows.map((row) => {
      const feature = new Feature({
        geometry: new Point(fromLonLat([row.lon, row.lat])),
        status: row.status,
        category: row.category,
        overdue: row.overdueRead || row.overdueVerify,
      });
      feature.setId(row.id);
      return feature;
    });
    this.#source.clear(true);
    this.#source.addFeatures(features);
    this.#pendingFit = features.length > 0;
    this.#fit();
  }

  /** The report id of the topmost marker under a pixel (a few pixels of tolerance). */
  idAt(pixel: number[]): string | undefined {
    let id: string | undefined;
    this.#map?.forEachFeatureAtPixel(pixel, (feature) => ((id = String(feature.getId())), true), {
      layerFilter: (layer) => layer === this.layer,
      hitTolerance: 4,
    });
    return id;
  }

  #attach(): void {
    const target = this.target();
    if (!target) return;
    this.#map ??= this.#create();
    if (this.#map.getTargetElement() !== target) this.#map.setTarget(target);
    this.#fit();
  }

  #create(): OlMap {
    const map = new OlMap({
      controls: [],
      // Keyboard users work the table; the map has nothing to focus.
      interactions: defaultInteractions({ keyboard: false }),
      layers: [this.layer],
      view: new View({ center: fromLonLat([19.4, 52.1]), zoom: 5.5 }),
    });
    map.on('change:size', () => this.#fit());
    map.on('click', (event) => {
      const id = this.idAt(event.pixel);
      if (id) this.onOpen(id);
    });
    map.on('pointermove', (event) => {
      if (event.dragging) return;
      map.getTargetElement()?.style.setProperty('cursor', this.idAt(event.pixel) ? 'pointer' : '');
    });
    return map;
  }

  #fit(): void {
    const map = this.#map;
    if (!map || !this.#pendingFit || !map.getTargetElement()) return;
    map.updateSize();
    const [width = 0, height = 0] = map.getSize() ?? [];
    if (!width || !height) return; // change:size will come
    const padding = Math.min(24, Math.round(Math.min(width, height) * 0.1));
    const extent = this.#source.getExtent();
    if (!extent) return;
    map.getView().fit(extent, { padding: [padding, padding, padding, padding], maxZoom: 15 });
    this.#pendingFit = false;
  }

  #style(feature: FeatureLike): Style | Style[] {
    const marker = reportStyle(feature.get('status') as Status, this.#domains.get(feature.get('category') as string));
    return feature.get('overdue') ? [...overdueRing, marker] : marker;
  }
}
