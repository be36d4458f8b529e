import type Feature from 'ol/Feature.js';
import type OlMap from 'ol/Map.js';
import type VectorLayer from 'ol/layer/Vector.js';
import type VectorSource from 'ol/source/Vector.js';
import type { CrimeCounts } from '../../../../common/schemas/crime-stats.js';
import type { UnitDetail } from '../../../../common/schemas/unit.js';
import { CRIME_CATEGORIES, type CrimeCategory } from '../../../../common/stats.js';
import {
  type ChoroplethArea,
  type ChoroplethClass,
  choroplethClasses,
  createChoroplethLayer,
  setChoropleth,
} from '../../map/choropleth-layer.js';
import type { StatsData } from './stats-loader.js';

/** What the map shades: reports per sub-unit, or the police figures (all crime or one category). */
export type LayerMode = 'units' | 'crime' | `crime:${CrimeCategory}`;

export const LAYER_MODES: readonly LayerMode[] = ['units', 'crime', ...CRIME_CATEGORIES.map((c) => `crime:${c}` as const)];

/** The crime category a mode shows; undefined: all of them. */
export function crimeCategory(mode: LayerMode): CrimeCategory | undefined {
  return mode.startsWith('crime:') ? (mode.slice(6) as CrimeCategory) : undefined;
}

/** A powiat's figure for the mode. */
export function crimeValue(counts: CrimeCounts, total: number, mode: LayerMode): number {
  const category = crimeCategory(mode);
  return category ? counts[category] : total;
}

/**
 * The areas of a mode. Reports: each direct sub-unit with its subtree's count. Crime: the police
 * publish per powiat, and the map only has units' areas (unions of powiats), so a county unit
 * (or smaller) is drawn itself and a bigger one by its sub-units, each with the sum of its
 * powiats' figures; an area none of whose powiats has figures for the period is "no data".
 */
export function layerAreas(data: StatsData, mode: LayerMode, format: (n: number) => string, noData: string): ChoroplethArea[] {
  const { stats, crime, children, self } = data;
  if (mode === 'units') {
    const counts = new Map((stats.byUnit ?? []).map((cell) => [cell.key, cell.count]));
    return children.map((unit) => areaOf(unit, counts.get(unit.id) ?? 0, format, noData));
  }
  const county = stats.unit.kind === 'county' || stats.unit.kind === 'station';
  const units = county ? (self ? [self] : []) : children;
  const powiats = new Map((crime?.powiats ?? []).map((p) => [p.teryt, p]));
  return units.map((unit) => {
    const figures = unit.powiats.map((p) => powiats.get(p.teryt)).filter((p) => p && p.monthsWithData > 0);
    const value = figures.length ? figures.reduce((sum, p) => sum + crimeValue(p!.counts, p!.total, mode), 0) : null;
    return areaOf(unit, value, format, noData);
  });
}

function areaOf(unit: UnitDetail, value: number | null, format: (n: number) => string, noData: string): ChoroplethArea {
  return { id: unit.id, area: unit.area, value, label: value === null ? noData : format(value) };
}

/** The classes for the areas' values (at least the class of 0). */
export function classesOf(areas: readonly ChoroplethArea[]): ChoroplethClass[] {
  return choroplethClasses(Math.max(0, ...areas.map((a) => a.value ?? 0)));
}

/**
 * The stats view's layer on the widget's map: added while the view is shown, removed when it
 * goes, so the map view gets its map back as it was.
 */
export class ChoroplethOnMap {
  readonly layer: VectorLayer<VectorSource<Feature>> = createChoroplethLayer();
  #map: OlMap | undefined;

  attach(map: OlMap | undefined): void {
    if (map === this.#map) return;
    this.detach();
    this.#map = map;
    map?.addLayer(this.layer);
  }

  detach(): void {
    this.#map?.removeLayer(this.layer);
    this.#map = undefined;
  }

  show(areas: readonly ChoroplethArea[], classes: readonly ChoroplethClass[]): void {
    setChoropleth(this.layer, areas, classes);
  }
}
