import WMTSCapabilities from 'ol/format/WMTSCapabilities.js';
import TileLayer from 'ol/layer/Tile.js';
import { equivalent, get as getProjection } from 'ol/proj.js';
import WMTS, { optionsFromCapabilities } from 'ol/source/WMTS.js';
import { registerEpsg2180 } from './epsg2180.js';

/** GUGiK's public WMTS services: the national topographic map and the orthophoto. */
export const GUGIK_SERVICES = {
  geoportal: { url: 'https://mapy.geoportal.gov.pl/wss/service/WMTS/guest/wmts/TOPO', layer: 'MAPA TOPOGRAFICZNA' },
  orto: { url: 'https://mapy.geoportal.gov.pl/wss/service/PZGIK/ORTO/WMTS/StandardResolution', layer: 'ORTOFOTOMAPA' },
} as const;
export type GugikBasemap = keyof typeof GUGIK_SERVICES;

export const GUGIK_ATTRIBUTION = 'Podkład © <a href="https://www.geoportal.gov.pl/" target="_blank" rel="noopener">GUGiK</a> (geoportal.gov.pl)';

/**
 * A GUGiK basemap as a WMTS tile layer, made from the service's capabilities (asked for once per
 * layer): their matrix set in Web Mercator when the service offers one (tiles drawn as they come),
 * else the national grid EPSG:2180, which OpenLayers reprojects tile by tile. `url` replaces
 * GUGiK's (a mirror or a proxy; the tests' fixture). Its own chunk: only these basemaps load it.
 */
export async function createGugikLayer(kind: GugikBasemap, url?: string, signal?: AbortSignal): Promise<TileLayer<WMTS>> {
  const service = GUGIK_SERVICES[kind];
  const base = url ?? service.url;
  const separator = base.includes('?') ? '&' : '?';
  const response = await fetch(`${base}${separator}SERVICE=WMTS&REQUEST=GetCapabilities&VERSION=1.0.0`, { signal });
  if (!response.ok) throw new Error(`WMTS capabilities: HTTP ${response.status}`);
  const capabilities = new WMTSCapabilities().read(await response.text());
  const layers = (capabilities?.Contents?.Layer ?? []) as { Identifier: string; TileMatrixSetLink: { TileMatrixSet: string }[] }[];
  // The layer of that name, else the service's first (a mirror may name it differently).
  const layer = layers.find((l) => l.Identifier === service.layer) ?? layers[0];
  if (!layer) throw new Error('WMTS capabilities: no layer');
  const matrixSet = pickMatrixSet(capabilities, layer.TileMatrixSetLink.map((link) => link.TileMatrixSet));
  const options = matrixSet && optionsFromCapabilities(capabilities, { layer: layer.Identifier, matrixSet });
  if (!options) throw new Error('WMTS capabilities: no matrix set in EPSG:3857 or EPSG:2180');
  options.attributions = GUGIK_ATTRIBUTION;
  options.attributionsCollapsible = false;
  options.crossOrigin = 'anonymous';
  return new TileLayer({ source: new WMTS(options), properties: { name: 'basemap', basemap: kind } });
}

/** The linked matrix set to use: Web Mercator first, then EPSG:2180; undefined when neither. */
function pickMatrixSet(capabilities: { Contents: { TileMatrixSet: { Identifier: string; SupportedCRS?: string }[] } }, linked: string[]): string | undefined {
  const sets = capabilities.Contents.TileMatrixSet.filter((set) => linked.includes(set.Identifier));
  const inCrs = (code: string) =>
    sets.find((set) => {
      const projection = set.SupportedCRS ? getProjection(set.SupportedCRS.replace('EPSG:900913', 'EPSG:3857')) : null;
      return projection && equivalent(projection, getProjection(code)!);
    })?.Identifier;
  const mercator = inCrs('EPSG:3857');
  if (mercator) return mercator;
  registerEpsg2180();
  return inCrs('EPSG:2180');
}
