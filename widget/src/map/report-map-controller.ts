import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EventsKey } from 'ol/events.js';
import { containsExtent, getCenter } from 'ol/extent.js';
import type OlMap from 'ol/Map.js';
import { unByKey } from 'ol/Observable.js';
import { transformExtent } from 'ol/proj.js';
import type { ReportMap } from '../../../common/schemas/report-map.js';
import { type ApiError, toApiError } from '../api/client.js';
import { getReportMap, type ReportMapRequest } from '../api/report-map.js';
import { settleable } from '../components/kmzb-map/frame.js';
import { isCluster } from './feature-style.js';
import { type PreparedReports, ReportLayer } from './report-layer.js';

export type ReportsState =
  | { status: 'idle' }
  | { status: 'loading'; data?: ReportMap | undefined }
  | { status: 'ready'; data: ReportMap }
  | { status: 'error'; error: ApiError; data?: ReportMap | undefined };

/** What to ask for, besides the view: undefined while the unit is not shown yet. */
export type ReportQuery = Omit<ReportMapRequest, 'bbox' | 'zoom'> & { api: string | undefined };

/** Quiet time after the map stops moving before asking the server (a drag fires many moveends). */
export const FETCH_DELAY = 300;
/**
 * Longest wait for the map's frame before the panels show a new answer anyway: a safety net only,
 * since a map that cannot draw (no size, a hidden page) does not wait at all.
 */
const FRAME_WAIT = 2000;
const EMPTY: ReportMap = { type: 'FeatureCollection', clustered: false, total: 0, features: [] };

/** What a request asked for: a later view it still answers needs no new request. */
interface Asked {
  key: string;
  bbox: number[];
  zoom: number;
  /** The view's centre in map units (EPSG:3857). */
  center: number[];
}

/**
 * The reports on the map: owns the report layer, fetches the reports of the view when the map
 * moves (debounced) or the query changes, and cancels a stale request when a newer one starts,
 * so an old answer can never replace a newer one. Clicks on a report select it; on a cluster
 * they zoom to its extent.
 */
export class ReportMapController implements ReactiveController {
  readonly layer = new ReportLayer();
  state: ReportsState = { status: 'idle' };
  /**
   * Whether a click on the map picks a report (or zooms into a cluster). Off while the map is
   * used for something else, such as placing a new report's pin: that click is the pin's alone.
   */
  picking = true;
  #map: OlMap | undefined;
  #keys: EventsKey[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  /** The pending timer's fetch must ask even when the last answer covers the view (a retry). */
  #force = false;
  /** The pending timer was set with no delay: a moveend meanwhile does not postpone it. */
  #urgent = false;
  /** The request in flight, then the one answered (undefined after an error or a reset). */
  #asked: Asked | undefined;
  #answered: (Asked & { clustered: boolean }) | undefined;
  /** Cancels the wait for the frame after which the panels are updated (see #afterFrame). */
  #frameWait: (() => void) | undefined;
  /** Settled while nothing is pending (see `idle`); replaced when something becomes pending. */
  #idle = settled();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getMap: () => OlMap | undefined,
    private readonly query: () => ReportQuery | undefined,
    private readonly onPick: (id: string) => void,
    /** The query cannot be made yet but will be (what it needs is on its way); a schedule follows. */
    private readonly pending: () => boolean = () => false,
  ) {
    host.addController(this);
  }

  /**
   * Whether an answer is still to come or to be shown: a fetch is due, a request is in flight,
   * the panels wait for the frame that draws the newest answer, or the query waits for what it
   * needs (the unit's configuration, the catalogue).
   */
  get busy(): boolean {
    return this.#timer !== undefined || this.#asked !== undefined || this.#frameWait !== undefined || this.pending();
  }

  /**
   * Resolves once nothing is pending: the newest answer (or error) for the current query and
   * view is on the map and the host has been asked to render it in the panels. A filter change
   * or a map move makes it pending again (a new promise).
   */
  get idle(): Promise<void> {
    return this.#idle.promise;
  }

  /** Keeps `idle` in step with `busy`; called after every change of the timer, request or frame wait. */
  #track(): void {
    const busy = this.busy;
    if (busy && this.#idle.settled) this.#idle = settleable();
    else if (!busy && !this.#idle.settled) this.#idle.resolve();
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
    // The view is known (Poland, or the unit once fitted): ask at once, not after the unit. The
    // map has its final size once this update is complete (the panels around it were queued for
    // their first render before it), which is sooner than a timer (after the first frame).
    this.schedule(0);
    void this.host.updateComplete.then(() => {
      if (this.#keys.length && this.#urgent && this.#timer !== undefined) this.#due();
    });
  }

  hostDisconnected(): void {
    unByKey(this.#keys);
    this.#keys = [];
    clearTimeout(this.#timer);
    // Removed while the panels waited for a frame: they show the answer now instead.
    if (this.#frameWait) {
      this.#cancelFrameWait();
      this.host.requestUpdate();
    }
    this.#abort?.abort();
    if (this.state.status === 'loading') this.state = { status: 'idle' };
    this.#asked = undefined;
    this.#timer = undefined;
    this.#track();
  }

  /**
   * Fetch after `delay` ms of quiet; a newer call restarts the wait, except that a fetch due at
   * once stays due at once (it reads the view when it runs). The fetch is skipped when the view
   * is the one last asked for, or that view made smaller by a resize of the map (same centre
   * and zoom, a list growing under it) when the answer was points. `force` asks anyway (Retry).
   */
  schedule(delay = FETCH_DELAY, force = false): void {
    this.#force ||= force;
    if (this.#urgent && this.#timer !== undefined && delay > 0) return;
    clearTimeout(this.#timer);
    this.#urgent = delay === 0;
    this.#timer = setTimeout(() => this.#due(), delay);
    this.#track();
  }

  /** Runs the pending fetch now. */
  #due(): void {
    const forced = this.#force;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#force = this.#urgent = false;
    // #fetch sets what it asks for before its first await: pending from here to its answer.
    void this.#fetch(forced);
    this.#track();
  }

  /** Forgets the reports (the unit could not be shown): nothing drawn, nothing asked. */
  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    this.#asked = this.#answered = undefined;
    this.#cancelFrameWait();
    this.layer.clear();
    this.state = { status: 'idle' };
    this.host.requestUpdate();
    this.#track();
  }

  /** The report nearest the map's centre (within `tolerance` px), for Enter on the viewport. */
  atCentre(tolerance = 16): string | undefined {
    const map = this.#map;
    const size = map?.getSize();
    if (!map || !size) return undefined;
    const feature = this.layer.at(map, [size[0]! / 2, size[1]! / 2], tolerance);
    return feature && !isCluster(feature) ? String(feature.getId()) : undefined;
  }

  async #fetch(force: boolean): Promise<void> {
    const map = this.#map;
    const query = this.query();
    map?.updateSize(); // OL measures its target asynchronously: the bbox needs the size now
    const size = map?.getSize();
    if (!map || !query || !size || !size[0] || !size[1]) return;
    const view = map.getView();
    const extent = transformExtent(view.calculateExtent(size), 'EPSG:3857', 'EPSG:4326');
    const asked: Asked = {
      key: JSON.stringify(query),
      bbox: [Math.max(extent[0]!, -180), Math.max(extent[1]!, -85), Math.min(extent[2]!, 180), Math.min(extent[3]!, 85)],
      zoom: view.getZoom() ?? 0,
      center: view.getCenter() ?? [0, 0],
    };
    if (!force && this.#answered && covers(this.#answered, asked)) return;
    // The request in flight may cover this view: its answer decides (the check runs again then).
    if (!force && this.#asked && sameView(this.#asked, asked)) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const { api, ...filter } = query;
    const data = 'data' in this.state ? this.state.data : undefined;
    this.#asked = this.#answered = undefined;
    if (filter.categories?.length === 0) return this.#set({ status: 'ready', data: EMPTY });
    this.#asked = asked;
    this.#set({ status: 'loading', data });
    try {
      const answer = await getReportMap(api, { ...filter, bbox: asked.bbox, zoom: asked.zoom }, abort.signal);
      // Its features in slices, still pending (busy) meanwhile; a newer request aborts them.
      const prepared = abort.signal.aborted ? undefined : await this.layer.prepare(answer, abort.signal, view.getResolution());
      if (abort.signal.aborted || !prepared) return;
      this.#asked = undefined;
      this.#answered = { ...asked, clustered: answer.clustered };
      this.#set({ status: 'ready', data: answer }, prepared);
      // The view may have moved while the request ran (the unit's fit): does the answer still do?
      if (this.#timer === undefined) void this.#fetch(false);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#asked = undefined;
      this.#set({ status: 'error', error: toApiError(error), data });
    } finally {
      this.#track();
    }
  }

  /** `prepared`: a ready state's answer as the layer prepared it (none: nothing to draw). */
  #set(state: ReportsState, prepared?: PreparedReports): void {
    this.state = state;
    if (state.status === 'error') {
      // An error ends the wait for an older answer's frame: the panels say so now.
      this.#cancelFrameWait();
      this.host.requestUpdate();
      return;
    }
    if (state.status !== 'ready') {
      // While the panels wait for the frame of an answer, that update will show this state too.
      if (!this.#frameWait) this.host.requestUpdate();
      return;
    }
    if (prepared) this.layer.show(prepared);
    else this.layer.clear();
    // The map first: the panels (the count, and the list that sorts and lays out its rows) are
    // updated after the frame that draws the new markers, not in the same task before it. On
    // the first load of 5,000 reports that task was ~100 ms of the time to the first drawn map.
    this.#afterFrame(() => this.host.requestUpdate());
  }

  /**
   * Runs `then` once the map has drawn its next frame and finished with it; at once when the map
   * cannot draw (no size, or a hidden page, which runs no animation frames). OpenLayers draws a
   * changed layer in the next animation frame, however long a busy machine takes to get there:
   * waiting for that frame, not for a fixed time, keeps the order (map, then panels). FRAME_WAIT
   * is only a safety net. OpenLayers dispatches 'postrender' and only then queues its own
   * post-render task (tile loading, 'rendercomplete'): a task queued from the listener would run
   * before it, so the listener queues one that queues `then`, behind OpenLayers' task. A newer
   * call replaces a pending one.
   */
  #afterFrame(then: () => void): void {
    this.#cancelFrameWait();
    const map = this.#map;
    let fallback: ReturnType<typeof setTimeout> | undefined;
    let key: EventsKey | undefined;
    const cancel = () => {
      clearTimeout(fallback);
      if (key) unByKey(key);
      if (this.#frameWait === cancel) this.#frameWait = undefined;
    };
    // A stale wait (replaced or cancelled) does nothing when its timers fire.
    const run = () => {
      if (this.#frameWait !== cancel) return;
      cancel();
      then();
      this.#track();
    };
    this.#frameWait = cancel;
    const size = map?.getSize();
    const canDraw = !!size && size[0]! > 0 && size[1]! > 0 && document.visibilityState === 'visible';
    if (!map || !canDraw) return run();
    fallback = setTimeout(run, FRAME_WAIT);
    key = map.once('postrender', () => setTimeout(() => setTimeout(run, 0), 0));
  }

  #cancelFrameWait(): void {
    this.#frameWait?.();
  }

  #click(pixel: number[]): void {
    if (!this.picking) return;
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

/** A settleable that starts settled: nothing is pending before the first fetch is scheduled. */
function settled() {
  const done = settleable();
  done.resolve();
  return done;
}

/** The same query and view: the same zoom and centre (within a pixel's jitter) and bbox. */
function sameView(a: Asked, b: Asked, bboxOf = (x: Asked) => x.bbox.map((n) => n.toFixed(5)).join()): boolean {
  return a.key === b.key && Math.abs(a.zoom - b.zoom) < 1e-9 && a.center.every((n, i) => Math.abs(n - b.center[i]!) < 1) && bboxOf(a) === bboxOf(b);
}

/** Whether an answer still holds for a view: the same view, or (for points) that view made smaller by a resize. */
function covers(answered: Asked & { clustered: boolean }, asked: Asked): boolean {
  if (sameView(answered, asked)) return true;
  const shrunk = { ...asked, bbox: answered.bbox };
  return !answered.clustered && sameView(answered, shrunk) && containsExtent(answered.bbox, asked.bbox);
}
