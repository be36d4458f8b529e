import type { ReactiveControllerHost } from 'lit';
import Attribution from 'ol/control/Attribution.js';
import Feature, { type FeatureLike } from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import type BaseLayer from 'ol/layer/Base.js';
import VectorLayer from 'ol/layer/Vector.js';
import type OlMap from 'ol/Map.js';
import { fromLonLat } from 'ol/proj.js';
import VectorSource from 'ol/source/Vector.js';
import { boundingExtent, buffer } from 'ol/extent.js';
import Circle from 'ol/style/Circle.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import type { Domain, Status } from '../../../../common/catalogue.js';
import type { StaffReport } from '../../../../common/schemas/staff.js';
import type { UnitArea } from '../../../../common/schemas/unit.js';
import { createAreaLayer, setArea } from '../../map/area-layer.js';
import { loadBasemapLayer, parseBasemap } from '../../map/basemap.js';
import { reportStyle, selectedRing } from '../../map/feature-style.js';
import { ConsoleMap } from '../console-map.js';

/** Names of the layers (`layer.get('name')`): the report itself, and the open reports around it. */
export const PLACE_LAYER = 'report-place';
export const NEARBY_LAYER = 'report-nearby';

/** A possible duplicate: a dashed amber ring (with a white halo) around the other report's marker. */
const duplicateRing = [
  new Style({ image: new Circle({ radius: 17, stroke: new Stroke({ color: '#fff', width: 6 }) }) }),
  new Style({ image: new Circle({ radius: 17, stroke: new Stroke({ color: '#8a4b00', width: 3, lineDash: [5, 4] }) }) }),
];

/**
 * The report page's map: the report's place (its marker, ringed in the focus colour), the
 * outline of its unit's area, and the other open reports nearby as possible duplicates (ringed
 * dashed; a click opens one). The console's basemap (`none` in tests: no tiles). The list of
 * possible duplicates beside it is the accessible way to the same reports.
 */
export class ReportPlaceMap extends ConsoleMap {
  readonly areaLayer = createAreaLayer();
  readonly placeLayer = new VectorLayer({
    source: new VectorSource<Feature>(),
    style: (feature) => [...selectedRing, this.#marker(feature)],
    properties: { name: PLACE_LAYER },
  });
  readonly nearbyLayer = new VectorLayer({
    source: new VectorSource<Feature>(),
    style: (feature) => [...duplicateRing, this.#marker(feature)],
    properties: { name: NEARBY_LAYER },
  });
  #domains = new Map<string, Domain>();

  constructor(
    host: ReactiveControllerHost,
    target: () => HTMLElement | null | undefined,
    private readonly basemap: () => string | undefined,
    /** Called with the id of a clicked possible duplicate. */
    private readonly onOpen: (id: string) => void,
  ) {
    super(host, target);
  }

  /** Category code → domain, for the markers' glyphs. */
  setDomains(domains: Map<string, Domain>): void {
    this.#domains = domains;
    this.placeLayer.changed();
    this.nearbyLayer.changed();
  }

  /** Shows a report and its possible duplicates, and fits the view to them. */
  show(report: StaffReport): void {
    const feature = (id: string, lon: number, lat: number, status: Status, category: string) => {
      const f = new Feature({ geometry: new Point(fromLonLat([lon, lat])), status, category });
      f.setId(id);
      return f;
    };
    const place = this.placeLayer.getSource()!;
    place.clear(true);
    place.addFeature(feature(report.id, report.lon, report.lat, report.status, report.category));
    const nearby = this.nearbyLayer.getSource()!;
    nearby.clear(true);
    nearby.addFeatures((report.nearby ?? []).map((r) => feature(r.id, r.lon, r.lat, r.status, r.category)));
    this.requestFit();
  }

  /** The unit's area outline (it comes from the public unit answer, after the report). */
  showArea(area: UnitArea): void {
    setArea(this.areaLayer, area);
  }

  protected layers(): BaseLayer[] {
    return [this.areaLayer, this.nearbyLayer, this.placeLayer];
  }

  protected override created(map: OlMap): void {
    map.on('click', (event) => {
      map.forEachFeatureAtPixel(event.pixel, (f) => (this.onOpen(String(f.getId())), true), {
        layerFilter: (layer) => layer === this.nearbyLayer, hitTolerance: 4,
      });
    });
    void loadBasemapLayer(parseBasemap(this.basemap())).then((layer) => {
      if (!layer) return;
      map.getLayers().insertAt(0, layer);
      map.addControl(new Attribution({ collapsible: false }));
    });
  }

  /** The place and its neighbours, with at least ~300 m around (streets to recognise it by). */
  protected fitView(map: OlMap): void {
    const points = [...this.placeLayer.getSource()!.getFeatures(), ...this.nearbyLayer.getSource()!.getFeatures()]
      .map((f) => (f.getGeometry() as Point).getCoordinates());
    if (!points.length) return;
    map.getView().fit(buffer(boundingExtent(points), 300), { padding: [24, 24, 24, 24], maxZoom: 17 });
  }

  #marker(feature: FeatureLike): Style {
    const category = feature.get('category') as string;
    return reportStyle(feature.get('status') as Status, category, this.#domains.get(category));
  }
}
