import type Feature from 'ol/Feature.js';
import type { FeatureLike } from 'ol/Feature.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import VectorLayer from 'ol/layer/Vector.js';
import type OlMap from 'ol/Map.js';
import type { Pixel } from 'ol/pixel.js';
import VectorSource from 'ol/source/Vector.js';
import type { Style } from 'ol/style.js';
import type { Domain, Status } from '../../../common/catalogue.js';
import type { ReportMap } from '../../../common/schemas/report-map.js';
import { clusterStyle, isCluster, preloadMarkers, reportStyle, selectedRing } from './feature-style.js';

/** Name of the report layer (`layer.get('name')`). */
export const REPORT_LAYER = 'reports';

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

/**
 * The reports (or the server's clusters) on the map. Features carry the answer's properties;
 * a report's feature id is the report id, so the list and the map select by the same key.
 */
export class ReportLayer {
  readonly layer: VectorLayer<VectorSource<Feature>>;
  readonly #source = new VectorSource<Feature>();
  /** Category code → domain, for the glyph; empty until the categories arrive. */
  #domains = new Map<string, Domain>();
  #selected: string | undefined;

  constructor() {
    preloadMarkers([undefined]); // until the categories (and their domains) arrive
    this.layer = new VectorLayer({
      source: this.#source,
      style: (feature) => this.#style(feature),
      properties: { name: REPORT_LAYER },
      // Markers stay upright and on top of the area outline while the map moves.
      zIndex: 2,
      updateWhileInteracting: false,
    });
  }

  get selected(): string | undefined {
    return this.#selected;
  }

  /** Replaces the features with an answer of GET /api/v1/reports. */
  show(answer: ReportMap): void {
    const features = geojson.readFeatures(answer) as Feature[];
    features.forEach((feature, n) => {
      if (isCluster(feature)) feature.setId(`cluster-${n}`);
    });
    this.#source.clear(true);
    this.#source.addFeatures(features);
  }

  clear(): void {
    this.#source.clear();
  }

  setDomains(domains: Map<string, Domain>): void {
    this.#domains = domains;
    preloadMarkers(domains.values());
    this.layer.changed();
  }

  /** Highlights one report (undefined: none). */
  select(id: string | undefined): void {
    if (id === this.#selected) return;
    this.#selected = id;
    this.layer.changed();
  }

  feature(id: string): Feature | null {
    return this.#source.getFeatureById(id);
  }

  /** The topmost report or cluster under a pixel (with a few pixels of tolerance for fingers). */
  at(map: OlMap, pixel: Pixel, tolerance = 6): Feature | undefined {
    let found: Feature | undefined;
    map.forEachFeatureAtPixel(pixel, (feature) => ((found = feature as Feature), true), {
      layerFilter: (layer) => layer === this.layer,
      hitTolerance: tolerance,
    });
    return found;
  }

  #style(feature: FeatureLike): Style | Style[] {
    if (isCluster(feature)) return clusterStyle(feature.get('count') as number);
    const marker = reportStyle(feature.get('status') as Status, this.#domains.get(feature.get('category') as string));
    if (feature.getId() !== this.#selected) return marker;
    // Drawn last, above its neighbours, inside its ring.
    const top = marker.clone();
    top.setZIndex(2);
    return [...selectedRing, top];
  }
}
