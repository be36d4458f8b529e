import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EventsKey } from 'ol/events.js';
import { getCenter } from 'ol/extent.js';
import type OlMap from 'ol/Map.js';
import { unByKey } from 'ol/Observable.js';
import { transformExtent } from 'ol/proj.js';
import type { ReportMap } from '../../../common/schemas/report-map.js';
import { type ApiError, toApiError } from '../api/client.js';
import { getReportMap, type ReportMapRequest } from '../api/report-map.js';
import { isCluster } from './feature-style.js';
import { ReportLayer } from './report-layer.js';

export type ReportsState =
  | { status: 'idle' }
  | { status: 'loading'; data?: ReportMap | undefined }
  | { status: 'ready'; data: ReportMap }
  | { status: 'error'; error: ApiError; data?: ReportMap | undefined };

/** What to ask for, besides the view: undefined while the unit is not shown yet. */
export type ReportQuery = Omit<ReportMapRequest, 'bbox' | 'zoom'> & { api: string | undefined };

/** Quiet time after the map stops moving before asking the server (a drag fires many moveends). */
export const FETCH_DELAY = 300;
const EMPTY: ReportMap = { type: 'FeatureCollection', clustered: false, total: 0, features: [] };

/**
 * The reports on the map: owns the report layer, fetches the reports of the view when the map
 * moves (debounced) or the query changes, and cancels a stale request when a newer one starts,
 * so an old answer can never replace a newer one. Clicks on a report select it; on a cluster
 * they zoom to its extent.
 */
export class ReportMapController implements ReactiveController {
  readonly layer = new ReportLayer();
  state: ReportsState = { status: 'idle' };
  #map: OlMap | undefined;
  #keys: EventsKey[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getMap: () => OlMap | undefined,
    private readonly query: () => ReportQuery | undefined,
    private readonly onPick: (id: string) => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const map = this.getMap();
    if (!map || this.#keys.length) return;
    if (this.#map !== map) map.addLayer(this.layer.layer);
    this.#map = map;
    this.#keys = [
      map.on('moveend', () => this.schedule()),
      map.on('singleclick', (event) => this.#click(event.pixel)),
    ];
  }

  hostDisconnected(): void {
    unByKey(this.#keys);
    this.#keys = [];
    clearTimeout(this.#timer);
    this.#abort?.abort();
    if (this.state.status === 'loading') this.state = { status: 'idle' };
  }

  /** Fetch after `delay` ms of quiet; a newer call restarts the wait. */
  schedule(delay = FETCH_DELAY): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#fetch(), delay);
  }

  /** The report nearest the map's centre (within `tolerance` px), for Enter on the viewport. */
  atCentre(tolerance = 16): string | undefined {
    const map = this.#map;
    const size = map?.getSize();
    if (!map || !size) return undefined;
    const feature = this.layer.at(map, [size[0]! / 2, size[1]! / 2], tolerance);
    return feature && !isCluster(feature) ? String(feature.getId()) : undefined;
  }

  async #fetch(): Promise<void> {
    const map = this.#map;
    const query = this.query();
    const size = map?.getSize();
    if (!map || !query || !size || !size[0] || !size[1]) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const { api, ...filter } = query;
    const data = 'data' in this.state ? this.state.data : undefined;
    if (filter.categories?.length === 0) return this.#set({ status: 'ready', data: EMPTY });
    const view = map.getView();
    const extent = transformExtent(view.calculateExtent(size), 'EPSG:3857', 'EPSG:4326');
    const bbox = [Math.max(extent[0]!, -180), Math.max(extent[1]!, -85), Math.min(extent[2]!, 180), Math.min(extent[3]!, 85)];
    this.#set({ status: 'loading', data });
    try {
      const answer = await getReportMap(api, { ...filter, bbox, zoom: view.getZoom() ?? 0 }, abort.signal);
      if (!abort.signal.aborted) this.#set({ status: 'ready', data: answer });
    } catch (error) {
      if (!abort.signal.aborted) this.#set({ status: 'error', error: toApiError(error), data });
    }
  }

  #set(state: ReportsState): void {
    this.state = state;
    if (state.status === 'ready') this.layer.show(state.data);
    this.host.requestUpdate();
  }

  #click(pixel: number[]): void {
    const map = this.#map;
    const feature = map && this.layer.at(map, pixel);
    if (!map || !feature) return;
    if (!isCluster(feature)) return this.onPick(String(feature.getId()));
    const extent = transformExtent(feature.get('extent') as number[], 'EPSG:4326', 'EPSG:3857');
    const view = map.getView();
    // A cluster of reports at one spot has no extent to fit: zoom in around it instead.
    if (extent[2]! - extent[0]! < 1 && extent[3]! - extent[1]! < 1) view.animate({ center: getCenter(extent), zoom: (view.getZoom() ?? 0) + 2, duration: 250 });
    else view.fit(extent, { padding: [40, 40, 40, 40], duration: 250, maxZoom: 18 });
  }
}
