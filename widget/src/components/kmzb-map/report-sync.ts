import type OlMap from 'ol/Map.js';
import { zoomToCluster } from '../../map/client-clusters.js';
import { isCluster } from '../../map/feature-style.js';
import type { ReportMapController } from '../../map/report-map-controller.js';
import type { KmzbReportDetail } from '../kmzb-report-detail/kmzb-report-detail.component.js';
import type { KmzbReportList } from '../kmzb-report-list/kmzb-report-list.component.js';
import type { ReportBrowser } from './report-browser.js';

interface SyncHost extends HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  readonly map: OlMap | undefined;
}

/**
 * Keeps the map, the list and the detail panel together: a report picked on one side is shown
 * on the others, and focus goes where the reader expects it (the row, the detail, the map).
 */
export class ReportSync {
  constructor(
    private readonly host: SyncHost,
    private readonly browser: ReportBrowser,
    private readonly reports: ReportMapController,
  ) {}

  get #list(): KmzbReportList | null {
    return this.host.renderRoot.querySelector('kmzb-report-list');
  }

  get #map(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('#map');
  }

  /** A report picked on the map, in the list or on the viewport by Enter: the other side follows. */
  async select(id: string, from: 'map' | 'list'): Promise<void> {
    const loaded = this.browser.select(id);
    await this.host.updateComplete;
    if (from === 'map') {
      await this.#list?.updateComplete;
      this.#list?.revealSelected();
    } else {
      await this.host.renderRoot.querySelector<KmzbReportDetail>('kmzb-report-detail')?.focusHeading();
    }
    await loaded;
  }

  /** Closes the detail and goes back where the reader came from: the report's row if listed, else the map. */
  close(): void {
    const id = this.reports.layer.selected;
    this.browser.close();
    const row = this.#list?.shadowRoot?.querySelector<HTMLElement>(`tr[data-id="${id}"] button`);
    (row ?? this.#map)?.focus();
  }

  /** The skip link: a button, not a fragment link ('#list' cannot reach into a shadow root), so focus is moved here. */
  skipToList(): void {
    this.#list?.focusTable();
  }

  /**
   * Enter on the map's viewport opens the report at its centre, or zooms into the cluster there.
   * The centre is the view's (a narrow widget's sheet pads it), not the middle of the canvas.
   */
  mapKey(event: KeyboardEvent): void {
    const map = this.host.map;
    const centre = map?.getView().getCenter();
    if (event.key !== 'Enter' || !map || !centre) return;
    const feature = this.reports.layer.at(map, map.getPixelFromCoordinate(centre), 16);
    if (!feature) return;
    if (isCluster(feature)) zoomToCluster(map, feature);
    else void this.select(String(feature.getId()), 'list');
  }
}
