import Feature, { type FeatureLike } from 'ol/Feature.js';
import type OlMap from 'ol/Map.js';
import { boundingExtent, getCenter } from 'ol/extent.js';
import Point from 'ol/geom/Point.js';
import { transformExtent } from 'ol/proj.js';
import type Style from 'ol/style/Style.js';
import { clusterStyle } from './feature-style.js';
import { mapInSlices } from './slices.js';

/** Markers whose centres are closer than this many screen pixels are drawn as one cluster. */
export const CLUSTER_DISTANCE = 40;
/**
 * Below this many reports in an answer nothing is clustered: a handful of markers can be told
 * apart (and picked one by one), and the list beside them holds them all. The server clusters
 * above its own threshold (2,000); between the two, 108 markers of a voivodeship no longer pile up.
 */
export const CLUSTER_MIN_REPORTS = 20;

/** Reports drawn as one: the first member carries the cluster's style, the others draw nothing. */
export interface ClientCluster {
  members: Feature[];
  /** The members' bounding box, WGS84 (as the server's clusters carry theirs). */
  extent: number[];
  statuses: Record<string, number>;
  style: Style;
}

/**
 * The map's own clustering of the reports of one answer, at one resolution: greedy, in the
 * answer's order, each report joining the first unclaimed one within CLUSTER_DISTANCE px
 * (a grid of that size finds the neighbours). Worked out again only when the resolution or the
 * answer changes, in the style function that asks, so a frame costs a lookup per marker.
 */
export class ClientClusters {
  #features: readonly Feature[] = [];
  #resolution = Number.NaN;
  #of = new Map<Feature, ClientCluster>();

  /** The cluster a report is drawn in at a resolution, or undefined when it is drawn on its own. */
  of(feature: Feature, features: readonly Feature[], resolution: number): ClientCluster | undefined {
    if (features !== this.#features || resolution !== this.#resolution) {
      const work = clustering(features, resolution);
      work.reports.forEach(work.place);
      work.reports.forEach(work.claim);
      this.#keep(features, resolution, work.of);
    }
    return this.#of.get(feature);
  }

  /**
   * Works the clusters of an answer out ahead of its first frame, in slices, their markers drawn:
   * in the frame's style function they were ~45 ms of one task on a throttled desktop. The frame
   * then finds them, if its resolution is this one. False once `signal` aborts.
   */
  async prepare(features: readonly Feature[], resolution: number, signal?: AbortSignal): Promise<boolean> {
    const work = clustering(features, resolution);
    if (!(await mapInSlices(work.reports, work.place, signal)) || !(await mapInSlices(work.reports, work.claim, signal))) return false;
    this.#keep(features, resolution, work.of);
    return true;
  }

  #keep(features: readonly Feature[], resolution: number, of: Map<Feature, ClientCluster>): void {
    this.#features = features;
    this.#resolution = resolution;
    this.#of = of;
  }
}

/**
 * The clustering of reports at a resolution in two passes over the reports, each a step per
 * report so it can be sliced: `place` puts each on a grid of the cluster distance, `claim` lets
 * each unclaimed one take its unclaimed neighbours (greedy, in the answer's order).
 */
function clustering(features: readonly Feature[], resolution: number) {
  const of = new Map<Feature, ClientCluster>();
  const all = features.filter((f) => f.get('kind') === 'report');
  const reports = all.length < CLUSTER_MIN_REPORTS ? [] : all;
  const size = CLUSTER_DISTANCE * resolution;
  const coords = new Map<Feature, number[]>();
  const grid = new Map<string, Feature[]>();
  const claimed = new Set<Feature>();
  const place = (feature: Feature): void => {
    const xy = (feature.getGeometry() as Point).getCoordinates();
    coords.set(feature, xy);
    const key = `${Math.floor(xy[0]! / size)} ${Math.floor(xy[1]! / size)}`;
    grid.get(key)?.push(feature) ?? grid.set(key, [feature]);
  };
  const claim = (feature: Feature): void => {
    if (claimed.has(feature)) return;
    const [x, y] = coords.get(feature)!;
    const [cx, cy] = [Math.floor(x! / size), Math.floor(y! / size)];
    const members = [feature];
    claimed.add(feature);
    for (let i = -1; i <= 1; i++) {
      for (let j = -1; j <= 1; j++) {
        for (const other of grid.get(`${cx + i} ${cy + j}`) ?? []) {
          if (claimed.has(other)) continue;
          const [ox, oy] = coords.get(other)!;
          if (Math.abs(ox! - x!) <= size && Math.abs(oy! - y!) <= size) {
            members.push(other);
            claimed.add(other);
          }
        }
      }
    }
    if (members.length > 1) {
      const cluster = clientCluster(members, coords);
      for (const member of members) of.set(member, cluster);
    }
  };
  return { reports, place, claim, of };
}

function clientCluster(members: Feature[], coords: Map<Feature, number[]>): ClientCluster {
  const extent = boundingExtent(members.map((m) => coords.get(m)!));
  const statuses: Record<string, number> = {};
  for (const member of members) {
    const status = member.get('status') as string;
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  // Drawn at the middle of its members, by the first one's style.
  const style = clusterStyle(members.length, statuses).clone();
  style.setGeometry(new Point(getCenter(extent)));
  return { members, extent: transformExtent(extent, 'EPSG:3857', 'EPSG:4326'), statuses, style };
}

/**
 * A cluster of the map's own as the feature a click or Enter finds: shaped like the server's
 * clusters (`kind`, `count`, `statuses`, `extent` in WGS84), so both zoom in the same way.
 */
export function clusterFeature(cluster: ClientCluster): Feature {
  return new Feature({
    geometry: cluster.style.getGeometry() as Point,
    kind: 'cluster',
    count: cluster.members.length,
    statuses: cluster.statuses,
    extent: cluster.extent,
  });
}

/**
 * Zooms into a cluster (the server's or the map's own): to its reports' extent, or, for reports
 * at one spot (no extent to fit), two levels in around it.
 */
export function zoomToCluster(map: OlMap, cluster: FeatureLike): void {
  const extent = transformExtent(cluster.get('extent') as number[], 'EPSG:4326', 'EPSG:3857');
  const view = map.getView();
  if (extent[2]! - extent[0]! < 1 && extent[3]! - extent[1]! < 1) view.animate({ center: getCenter(extent), zoom: (view.getZoom() ?? 0) + 2, duration: 250 });
  else view.fit(extent, { padding: [40, 40, 40, 40], duration: 250, maxZoom: 18 });
}
