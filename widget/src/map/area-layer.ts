import type Feature from 'ol/Feature.js';
import { asArray } from 'ol/color.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import type { UnitArea } from '../../../common/schemas/unit.js';
import { olFeature } from './geojson-features.js';

/** Name of the area layer (`layer.get('name')`), to find it among the map's layers. */
export const AREA_LAYER = 'area';

/** Police navy: the outline colour when the page sets no `--kmzb-accent`. */
export const DEFAULT_ACCENT = '#0b3d91';

/**
 * The outline must read on OSM tiles and on a plain background alike: a white halo under a
 * strong accent line, and a translucent accent fill that does not hide the streets beneath.
 */
function areaStyle(accent: string): Style[] {
  let rgb: number[];
  try {
    rgb = asArray(accent).slice(0, 3);
  } catch {
    // `--kmzb-accent` is not a colour: forgiving, like the attributes.
    rgb = asArray(DEFAULT_ACCENT).slice(0, 3);
  }
  // Style objects, not flat styles: the widget's build leaves OL's flat-style compiler out
  // (build/ol-slim.mjs).
  return [
    new Style({ stroke: new Stroke({ color: [255, 255, 255, 0.9], width: 6 }) }),
    new Style({ fill: new Fill({ color: [...rgb, 0.12] }), stroke: new Stroke({ color: [...rgb, 1], width: 3 }) }),
  ];
}

export function createAreaLayer(accent: string = DEFAULT_ACCENT): VectorLayer<VectorSource<Feature>> {
  return new VectorLayer({
    source: new VectorSource<Feature>(),
    style: areaStyle(accent),
    properties: { name: AREA_LAYER },
  });
}

/** Recolours the outline (the unit's configured accent arrived after the map was made). */
export function setAreaAccent(layer: VectorLayer<VectorSource<Feature>>, accent: string): void {
  layer.setStyle(areaStyle(accent));
}

/** Replaces what the layer shows with the unit's area (WGS84 GeoJSON → the map's Web Mercator). */
export function setArea(layer: VectorLayer<VectorSource<Feature>>, area: UnitArea): void {
  const feature = olFeature(area);
  feature.setId(area.properties.unit);
  const source = layer.getSource();
  source?.clear();
  source?.addFeature(feature);
}
