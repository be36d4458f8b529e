import type BaseLayer from 'ol/layer/Base.js';

/** Basemaps the widget knows. `geoportal` (Polish national orthophoto/topo) is planned. */
export const BASEMAPS = ['osm', 'none'] as const;
export type Basemap = (typeof BASEMAPS)[number];
export const DEFAULT_BASEMAP: Basemap = 'osm';

/** The basemap an attribute asks for; anything unknown (or not yet supported) gets the default. */
export function parseBasemap(value: string | null | undefined): Basemap {
  const wanted = value?.trim().toLowerCase();
  return BASEMAPS.find((basemap) => basemap === wanted) ?? DEFAULT_BASEMAP;
}

/** The layer for a basemap, or undefined for none. The tile code is fetched only when needed. */
export async function loadBasemapLayer(basemap: Basemap): Promise<BaseLayer | undefined> {
  if (basemap === 'none') return undefined;
  const { createOsmLayer } = await import('./osm-layer.js');
  return createOsmLayer();
}
