import type { ReactiveControllerHost } from 'lit';
import Feature, { type FeatureLike } from 'ol/Feature.js';
import type BaseLayer from 'ol/layer/Base.js';
import VectorLayer from 'ol/layer/Vector.js';
import type OlMap from 'ol/Map.js';
import Point from 'ol/geom/Point.js';
import { fromLonLat } from 'ol/proj.js';
import VectorSource from 'ol/source/Vector.js';
import Circle from 'ol/style/Circle.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import type { Domain, Status } from '../../../../common/catalogue.js';
import type { QueueRow } from '../../../../common/schemas/staff.js';
import { reportStyle } from '../../map/feature-style.js';
import { ConsoleMap } from '../console-map.js';

/** Name of the layer of the queue's reports (`layer.get('name')`). */
export const QUEUE_LAYER = 'queue-reports';

/** The overdue mark: a thick ring in the overdue badge's red around the marker, with a white halo. */
const overdueRing = [
  new Style({ image: new Circle({ radius: 17, stroke: new Stroke({ color: '#fff', width: 7 }) }) }),
  new Style({ image: new Circle({ radius: 17, stroke: new Stroke({ color: '#a4001d', width: 4 }) }) }),
];

/**
 * A small OpenLayers map of one page of the queue: the public widget's markers (status colour,
 * domain glyph), overdue reports ringed, the view fitted to the points, no basemap (the table
 * is the accessible way through the queue; the map only adds where).
 */
export class QueueMap extends ConsoleMap {
  readonly #source = new VectorSource<Feature>();
  readonly layer = new VectorLayer({
    source: this.#source,
    style: (feature) => this.#style(feature),
    properties: { name: QUEUE_LAYER },
  });
  #domains = new Map<string, Domain>();

  constructor(
    host: ReactiveControllerHost,
    target: () => HTMLElement | null | undefined,
    /** Called with the report id of a clicked marker. */
    private readonly onOpen: (id: string) => void,
  ) {
    super(host, target);
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
    // Hidden while the page has no reports: the fit waits for a page that has some.
    if (features.length) this.requestFit();
    else this.cancelFit();
  }

  /** The report id of the topmost marker under a pixel (a few pixels of tolerance). */
  idAt(pixel: number[]): string | undefined {
    let id: string | undefined;
    this.map?.forEachFeatureAtPixel(pixel, (feature) => ((id = String(feature.getId())), true), {
      layerFilter: (layer) => layer === this.layer,
      hitTolerance: 4,
    });
    return id;
  }

  protected layers(): BaseLayer[] {
    return [this.layer];
  }

  protected override created(map: OlMap): void {
    map.on('click', (event) => {
      const id = this.idAt(event.pixel);
      if (id) this.onOpen(id);
    });
    map.on('pointermove', (event) => {
      if (event.dragging) return;
      map.getTargetElement()?.style.setProperty('cursor', this.idAt(event.pixel) ? 'pointer' : '');
    });
  }

  protected fitView(map: OlMap, [width, height]: [number, number]): void {
    const padding = Math.min(24, Math.round(Math.min(width, height) * 0.1));
    const extent = this.#source.getExtent();
    if (extent) map.getView().fit(extent, { padding: [padding, padding, padding, padding], maxZoom: 15 });
  }

  #style(feature: FeatureLike): Style | Style[] {
    const category = feature.get('category') as string;
    const marker = reportStyle(feature.get('status') as Status, category, this.#domains.get(category));
    return feature.get('overdue') ? [...overdueRing, marker] : marker;
  }
}
