import type Feature from 'ol/Feature.js';
import type { FeatureLike } from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';
import type { UnitArea } from '../../../common/schemas/unit.js';
import { olFeature } from './geojson-features.js';

/** Name of the statistics layer (`layer.get('name')`). */
export const CHOROPLETH_LAYER = 'choropleth';

/**
 * Five light-to-dark blues (ColorBrewer "Blues"): ordered by lightness, so they read in grey
 * and for every colour-vision deficiency; each area also carries its value as a label.
 */
export const CHOROPLETH_COLORS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
/** An area without figures: hatched grey would need a pattern; a light grey with its "–" label says it. */
export const NO_DATA_COLOR = '#d9d9d9';

/** One shaded area: a unit's geometry, the value it stands for (null: no data) and its label. */
export interface ChoroplethArea {
  id: string;
  area: UnitArea;
  value: number | null;
  label: string;
}

/** A legend class: values from..to (inclusive) are drawn in `color`. */
export interface ChoroplethClass {
  from: number;
  to: number;
  color: string;
}

/**
 * Up to five classes of equal width over 0..max, in whole numbers (counts): fewer when the
 * values are small (max 2 gives 0, 1, 2), so no class is empty by construction.
 */
export function choroplethClasses(max: number): ChoroplethClass[] {
  const n = Math.min(CHOROPLETH_COLORS.length, max + 1);
  const width = (max + 1) / n;
  return Array.from({ length: n }, (_, i) => ({
    from: Math.ceil(i * width),
    to: Math.ceil((i + 1) * width) - 1,
    color: CHOROPLETH_COLORS[Math.round((i * (CHOROPLETH_COLORS.length - 1)) / Math.max(1, n - 1))]!,
  }));
}

export function classColor(classes: readonly ChoroplethClass[], value: number | null): string {
  if (value === null) return NO_DATA_COLOR;
  return classes.find((c) => value >= c.from && value <= c.to)?.color ?? classes.at(-1)?.color ?? NO_DATA_COLOR;
}

/** Each area filled by its class, outlined dark, and labelled with its value (never colour alone). */
function style(feature: FeatureLike): Style {
  return new Style({
    fill: new Fill({ color: feature.get('color') as string }),
    stroke: new Stroke({ color: '#1b1b1b', width: 1 }),
    text: new Text({
      text: feature.get('label') as string,
      font: '600 13px system-ui, sans-serif',
      fill: new Fill({ color: '#1b1b1b' }),
      stroke: new Stroke({ color: '#ffffff', width: 3 }),
      overflow: true,
    }),
  });
}

/** The layer, under the report markers and over the unit's outline. */
export function createChoroplethLayer(): VectorLayer<VectorSource<Feature>> {
  return new VectorLayer({ source: new VectorSource<Feature>(), style, properties: { name: CHOROPLETH_LAYER }, opacity: 0.85 });
}

/** Replaces the shaded areas. */
export function setChoropleth(layer: VectorLayer<VectorSource<Feature>>, areas: readonly ChoroplethArea[], classes: readonly ChoroplethClass[]): void {
  const features = areas.map((a) => {
    const feature = olFeature(a.area);
    feature.setId(a.id);
    feature.setProperties({ value: a.value, label: a.label, color: classColor(classes, a.value) });
    return feature;
  });
  const source = layer.getSource()!;
  source.clear();
  source.addFeatures(features);
}
