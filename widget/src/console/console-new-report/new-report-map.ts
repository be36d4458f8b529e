import type { ReactiveControllerHost } from 'lit';
import Attribution from 'ol/control/Attribution.js';
import type BaseLayer from 'ol/layer/Base.js';
import type OlMap from 'ol/Map.js';
import { transformExtent } from 'ol/proj.js';
import { ApiPath, apiPath } from '../../../../common/api.js';
import type { UnitDetail } from '../../../../common/schemas/unit.js';
import { requestJson } from '../../api/client.js';
import { createAreaLayer, setArea } from '../../map/area-layer.js';
import { loadBasemapLayer, parseBasemap } from '../../map/basemap.js';
import { type LonLat, PinPlacer } from '../../map/pin-placer.js';
import { ConsoleMap } from '../console-map.js';

/**
 * Where a staff-entered report may lie as the form checks it (the lon/lat inputs' min and max),
 * a box around Poland; the map first shows this box. The server checks the real boundary.
 */
export const PLACE_BOUNDS = { lon: { min: 14, max: 24.2 }, lat: { min: 49, max: 54.9 } } as const;

const POLAND = [PLACE_BOUNDS.lon.min, PLACE_BOUNDS.lat.min, PLACE_BOUNDS.lon.max, PLACE_BOUNDS.lat.max];

/**
 * The new-report form's map of Poland, where the citizen form's PinPlacer drops a pin on a click
 * or tap and drags it; each such move is passed on in WGS84 for the lon/lat inputs (not the one
 * `show` makes, which comes from them). The console's basemap (OSM by default: streets to find
 * the place by, with its attribution shown; `none` in tests, which fetch no tiles); the lon/lat
 * inputs are the keyboard way. It opens on the officer's area.
 */
export class NewReportMap extends ConsoleMap {
  #pin: PinPlacer | undefined;
  /** The officer's unit's outline, so the place is found against the area it must lie in. */
  readonly areaLayer = createAreaLayer();
  #areaFor: string | undefined;
  /**
   * Set while `show` moves the pin: PinPlacer reports that move too, and writing it back would
   * rewrite the input the officer is typing in (52 → 52.000004 before the next key lands).
   */
  #showing = false;

  constructor(
    host: ReactiveControllerHost,
    target: () => HTMLElement | null | undefined,
    private readonly onMove: (lonLat: LonLat) => void,
    private readonly basemap: () => string | undefined,
    /** The officer's area (WGS84 bbox of their unit), shown first; Poland when unknown. */
    private readonly area: () => readonly number[] | undefined,
    /** The officer's unit, whose outline is drawn (from the public unit answer, ETag-cached). */
    private readonly unit: () => string | undefined = () => undefined,
  ) {
    super(host, target);
    this.requestFit();
  }

  /**
   * Moves the pin to typed coordinates and centres the map on it, keeping the officer's zoom
   * (PinPlacer would zoom in to streets: with no basemap, nothing around the pin).
   */
  show(lonLat: LonLat): void {
    const view = this.map?.getView();
    if (!view || !this.#pin) return;
    const zoom = view.getZoom();
    this.#showing = true;
    try {
      this.#pin.show(lonLat);
    } finally {
      this.#showing = false;
    }
    if (zoom !== undefined) view.setZoom(zoom);
    this.cancelFit(); // a later first size must not move the view off the pin
  }

  /** Takes the pin away (the form was emptied): PinPlacer cannot, so a new one replaces it. */
  clear(): void {
    if (!this.map) return;
    this.#pin?.detach();
    this.#pin = this.#newPin(this.map);
  }

  protected layers(): BaseLayer[] {
    return [this.areaLayer];
  }

  /** Draws the officer's unit's outline once per unit (a failed request leaves the map as it is). */
  async loadArea(): Promise<void> {
    const unit = this.unit();
    if (!unit || unit === this.#areaFor) return;
    this.#areaFor = unit;
    const detail = await requestJson<UnitDetail>(apiPath(ApiPath.unit, { id: unit })).catch(() => undefined);
    if (detail && this.unit() === unit) setArea(this.areaLayer, detail.area);
  }

  protected override created(map: OlMap): void {
    this.#pin = this.#newPin(map);
    void this.loadArea();
    void loadBasemapLayer(parseBasemap(this.basemap())).then((layer) => {
      if (!layer) return;
      map.getLayers().insertAt(0, layer);
      // The tiles' licence asks for the credit on the map; it is the only control.
      map.addControl(new Attribution({ collapsible: false }));
    });
  }

  /** Shows the officer's area (else Poland) whatever the width of the form. */
  protected fitView(map: OlMap): void {
    map.getView().fit(transformExtent([...(this.area() ?? POLAND)], 'EPSG:4326', 'EPSG:3857'));
  }

  /** OL makes the viewport in the map's constructor: it is there, whatever its type says. */
  #newPin(map: OlMap): PinPlacer {
    return new PinPlacer(map, map.getViewport()!, (lonLat) => {
      if (!this.#showing) this.onMove(lonLat);
    });
  }
}
