import TileLayer from 'ol/layer/Tile.js';
import OSM from 'ol/source/OSM.js';

/**
 * The OpenStreetMap basemap. Its own module so the bundle can load it on demand (a separate chunk):
 * tile code is the largest part of OL a widget with basemap="none" would otherwise carry.
 * OSM's source brings the required attribution "© OpenStreetMap contributors", not collapsible.
 */
export function createOsmLayer(): TileLayer<OSM> {
  return new TileLayer({ source: new OSM(), properties: { name: 'basemap' } });
}
