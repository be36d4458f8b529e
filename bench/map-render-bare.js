// The bare OpenLayers page of bench:map-render: the same GeoJSON, one circle style, no widget.
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { fromLonLat } from 'ol/proj.js';

const source = new VectorSource();
const layer = new VectorLayer({ source, style: { 'circle-radius': 11, 'circle-fill-color': '#d62d20', 'circle-stroke-color': '#1b1b1b', 'circle-stroke-width': 2 } });
const map = (window.map = new Map({
  target: 'map',
  layers: [layer],
  view: new View({ center: fromLonLat([19.4, 52.1]), zoom: 6 }),
}));
// Done at the first 'rendercomplete' after a frame that drew the layer with every feature: a
// 'rendercomplete' of an earlier frame can still be pending when the features are added.
let drawn = false;
layer.on('postrender', () => (drawn ||= source.getFeatures().length > 0));
map.on('rendercomplete', () => {
  if (drawn && !window.__rendered) window.__rendered = performance.now();
});
fetch('/reports.json').then((r) => r.json()).then((data) => {
  source.addFeatures(new GeoJSON({ featureProjection: 'EPSG:3857' }).readFeatures(data));
});
