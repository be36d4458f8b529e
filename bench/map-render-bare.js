// The bare OpenLayers page of bench:map-render: the same GeoJSON, one circle style, no widget.
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { fromLonLat } from 'ol/proj.js';

const source = new VectorSource();
const map = (window.map = new Map({
  target: 'map',
  layers: [new VectorLayer({ source, style: { 'circle-radius': 11, 'circle-fill-color': '#d62d20', 'circle-stroke-color': '#1b1b1b', 'circle-stroke-width': 2 } })],
  view: new View({ center: fromLonLat([19.4, 52.1]), zoom: 6 }),
}));
fetch('/reports.json').then((r) => r.json()).then((data) => {
  source.addFeatures(new GeoJSON({ featureProjection: 'EPSG:3857' }).readFeatures(data));
  map.once('rendercomplete', () => (window.__rendered = performance.now()));
});
