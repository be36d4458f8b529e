import type Feature from 'ol/Feature.js';
import type { FeatureLike } from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import type OlMap from 'ol/Map.js';
import type { Pixel } from 'ol/pixel.js';
import VectorSource from 'ol/source/Vector.js';
import type { Style } from 'ol/style.js';
import type { Domain, Status } from '../../../common/catalogue.js';
import type { ReportMap } from '../../../common/schemas/report-map.js';
import { ClientClusters, clusterFeature } from './client-clusters.js';
import { olFeature } from './geojson-features.js';
import { clusterStyle, isCluster, reportStyle, selectedRing } from './feature-style.js';
import { mapInSlices } from './slices.js';

/** Name of the report layer (`layer.get('name')`). */
export const REPORT_LAYER = 'reports';

/**
 * No R-tree: an answer holds at most a few thousand points (clusters beyond), all drawn at once,
 * and indexing them was a third of the time from an answer to its first frame. Lookups by pixel
 * go through the rendered frame, by id through the source's id index.
 */
function reportSource(features: Feature[]): VectorSource<Feature> {
  return new VectorSource<Feature>({ useSpatialIndex: false, features });
}

/** An answer made ready to show: its features, and the source that holds them. */
export interface PreparedReports {
  features: Feature[];
  source: VectorSource<Feature>;
}

/** Features added to a source at a time while preparing (each add registers its listeners). */
const SOURCE_CHUNK = 250;

/**
 * The reports (or the server's clusters) on the map. Features carry the answer's properties;
 * a report's feature id is the report id, so the list and the map select by the same key.
 */
export class ReportLayer {
  /** Made when the map first asks for it (see `layer`). */
  #layer: VectorLayer<VectorSource<Feature>> | undefined;
  /** The shown answer's source (the layer takes it when made). */
  #source: VectorSource<Feature> | undefined;
  #visible = true;
  /** Category code → domain, for the glyph; empty until the categories arrive. */
  #domains = new Map<string, Domain>();
  #selected: string | undefined;
  /** The answer's features (kept as the array the clusters were worked out for). */
  #features: readonly Feature[] = [];
  readonly #clusters = new ClientClusters();

  /**
   * The OpenLayers layer, made on first use (when the map is there): made with the element, it
   * was ~20 ms of a throttled phone's first task, before anything was painted.
   */
  get layer(): VectorLayer<VectorSource<Feature>> {
    this.#layer ??= new VectorLayer({
      source: (this.#source ??= reportSource([])),
      style: (feature, resolution) => this.#style(feature, resolution),
      properties: { name: REPORT_LAYER },
      // Markers stay upright and on top of the area outline while the map moves.
      zIndex: 2,
      updateWhileInteracting: false,
      visible: this.#visible,
    });
    return this.#layer;
  }

  setVisible(visible: boolean): void {
    this.#visible = visible;
    this.#layer?.setVisible(visible);
  }

  get selected(): string | undefined {
    return this.#selected;
  }

  /**
   * The features of an answer of GET /api/v1/reports, for show(), made in slices with their
   * markers drawn, and the map's own clusters at `resolution` (the view's, when known) worked
   * out, and their source filled: 5,000 features, their markers, clusters and source were
   * ~200 ms of tasks over 50 ms on a throttled desktop. Undefined once `signal` aborts (a newer
   * request took over).
   */
  async prepare(answer: ReportMap, signal?: AbortSignal, resolution?: number): Promise<PreparedReports | undefined> {
    const features = await mapInSlices(
      answer.features,
      (json, n) => {
        const feature = olFeature(json);
        if (isCluster(feature)) feature.setId(`cluster-${n}`);
        else {
          const category = feature.get('category') as string;
          reportStyle(feature.get('status') as Status, category, this.#domains.get(category)); // drawn once, cached
        }
        return feature;
      },
      signal,
    );
    if (!features || (resolution !== undefined && !(await this.#clusters.prepare(features, resolution, signal)))) return undefined;
    const source = reportSource([]);
    const chunks = Array.from({ length: Math.ceil(features.length / SOURCE_CHUNK) }, (_, n) => features.slice(n * SOURCE_CHUNK, (n + 1) * SOURCE_CHUNK));
    if (!(await mapInSlices(chunks, (chunk) => source.addFeatures(chunk), signal))) return undefined;
    return { features, source };
  }

  /** Replaces the features with an answer's, as prepare() made them. */
  show(prepared: PreparedReports): void {
    this.#replace(prepared.features, prepared.source);
  }

  clear(): void {
    this.#replace([], reportSource([]));
  }

  /** A new source per answer: emptying one without an R-tree removes feature by feature, with events. */
  #replace(features: Feature[], source: VectorSource<Feature>): void {
    this.#features = features;
    this.#source = source;
    this.#layer?.setSource(source);
  }

  setDomains(domains: Map<string, Domain>): void {
    this.#domains = domains;
    this.#layer?.changed();
  }

  /** Highlights one report (undefined: none). */
  select(id: string | undefined): void {
    if (id === this.#selected) return;
    this.#selected = id;
    this.#layer?.changed();
  }

  feature(id: string): Feature | null {
    return this.#source?.getFeatureById(id) ?? null;
  }

  /**
   * The topmost report or cluster under a pixel (with a few pixels of tolerance for fingers). A
   * cluster of the map's own comes back as a cluster feature, as the server's do, so a click or
   * Enter zooms into it.
   */
  at(map: OlMap, pixel: Pixel, tolerance = 6): Feature | undefined {
    let found: Feature | undefined;
    map.forEachFeatureAtPixel(pixel, (feature) => ((found = feature as Feature), true), {
      layerFilter: (layer) => layer === this.layer,
      hitTolerance: tolerance,
    });
    const resolution = map.getView().getResolution();
    if (!found || isCluster(found) || found.getId() === this.#selected || resolution === undefined) return found;
    const cluster = this.#clusters.of(found, this.#features, resolution);
    return cluster ? clusterFeature(cluster) : found;
  }

  #style(feature: FeatureLike, resolution: number): Style | Style[] | undefined {
    if (isCluster(feature)) return clusterStyle(feature.get('count') as number, feature.get('statuses') as Record<string, number>);
    const category = feature.get('category') as string;
    const marker = reportStyle(feature.get('status') as Status, category, this.#domains.get(category));
    if (feature.getId() !== this.#selected) {
      // In a cluster of the map's own: its first member draws the cluster, the others nothing.
      const cluster = this.#clusters.of(feature as Feature, this.#features, resolution);
      if (cluster) return cluster.members[0] === feature ? cluster.style : undefined;
      return marker;
    }
    // The selected report is drawn on its own, above its neighbours, inside its ring.
    const top = marker.clone();
    top.setZIndex(2);
    return [...selectedRing, top];
  }
}
