import type Feature from 'ol/Feature.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { asArray } from 'ol/color.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import type { FlatStyle } from 'ol/style/flat.js';
import type { UnitArea } from '../../../common/schemas/unit.js';

/** Name of the area layer (`layer.get('name')`), to find it among the map's layers. */
export const AREA_LAYER = 'area';

/** Police navy: the outline colour when the page sets no `--kmzb-accent`. */
export const DEFAULT_ACCENT = '#0b3d91';

/**
 * The outline must read on OSM tiles and on a plain background alike: a white halo under a
 * strong accent line, and a translucent accent fill that does not hide the streets beneath.
 */
function areaStyle(accent: string): FlatStyle[] {
  let rgb: number[];
  try {
    rgb = asArray(accent).slice(0, 3);
  } catch {
    // `--kmzb-accent` is not a colour: forgiving, like the attributes.
    rgb = asArray(DEFAULT_ACCENT).slice(0, 3);
  }
  return [
    { 'stroke-color': [255, 255, 255, 0.9], 'stroke-width': 6 },
    { 'fill-color': [...rgb, 0.12], 'stroke-color': [...rgb, 1], 'stroke-width': 3 },
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

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

/** Replaces what the layer shows with the unit's area (WGS84 GeoJSON → the map's Web Mercator). */
export function setArea(layer: VectorLayer<VectorSource<Feature>>, area: UnitArea): void {
  const feature = geojson.readFeature(area) as Feature;
  feature.setId(area.properties.unit);
  const source = layer.getSource();
  source?.clear();
  source?.addFeature(feature);
}
