import type BaseLayer from 'ol/layer/Base.js';

/**
 * Basemaps the widget knows: OpenStreetMap (the default), GUGiK's national topographic map
 * (`geoportal`) and orthophoto (`orto`), or none.
 */
export const BASEMAPS = ['osm', 'geoportal', 'orto', 'none'] as const;
export type Basemap = (typeof BASEMAPS)[number];
export const DEFAULT_BASEMAP: Basemap = 'osm';

/** The basemap an attribute asks for; anything unknown gets the default. */
export function parseBasemap(value: string | null | undefined): Basemap {
  const wanted = value?.trim().toLowerCase();
  return BASEMAPS.find((basemap) => basemap === wanted) ?? DEFAULT_BASEMAP;
}

/**
 * The layer for a basemap, or undefined for none (or a GUGiK service that did not answer: the
 * map works on without tiles). The tile code is fetched only when needed, each kind its own chunk.
 * `url` replaces the WMTS service's address for geoportal and orto.
 */
export async function loadBasemapLayer(basemap: Basemap, url?: string): Promise<BaseLayer | undefined> {
  if (basemap === 'none') return undefined;
  if (basemap === 'osm') {
    const { createOsmLayer } = await import('./osm-layer.js');
    return createOsmLayer();
  }
  const { createGugikLayer } = await import('./gugik-layer.js');
  return createGugikLayer(basemap, url).catch(() => undefined);
}
