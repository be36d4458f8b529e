/**
 * Leaves five OpenLayers modules out of the widget's download. Each is reachable from a class
 * the widget uses, but only through a path the widget never takes, so tree-shaking cannot drop it:
 * - ol/Map.js falls back to ol/control/defaults.js and ol/interaction/defaults.js when a map is
 *   made without its own controls and interactions (the widget's one map always passes both,
 *   map/map-controller.ts): the Rotate control, DragBox, DragRotate, PinchRotate, DragZoom;
 * - ol/layer/BaseVector.js compiles flat styles (`{'stroke-color': …}`) through
 *   ol/render/canvas/style.js and the ol/expr expression engine: the widget styles with
 *   ol/style objects and functions only (map/area-layer.ts, map/feature-style.ts);
 * - ol/proj.js makes UTM projections from their codes (ol/proj/utm.js), a code the widget
 *   never asks for;
 * - ol/renderer/canvas/VectorLayer.js draws a hit-detection image (ol/render/canvas/hitdetect.js
 *   with the immediate renderer, ol/render/canvas/Immediate.js) for `layer.getFeatures(pixel)`
 *   only: the widget finds features with `map.forEachFeatureAtPixel`, which hit-tests the
 *   layer's own replay (map/report-layer.ts).
 * About 46 KB minified, 14 KB gzip of the first download. The stand-ins throw with a clear
 * message (the UTM factories answer "none"), so a future map made without them fails its tests
 * instead of losing its controls.
 * Only the widget's build uses this; the console's keeps OpenLayers whole.
 * @returns {import('rollup').Plugin}
 */
export function olSlim() {
  /** A stand-in that throws: the widget must never take the path that needs the module. */
  const refused = (name, source, module) =>
    `export function ${name}() { throw new Error(${JSON.stringify(`kmzb-map's build leaves ${source} (imported by ${module}) out: see build/ol-slim.mjs`)}); }`;
  /** importer → (import specifier → stand-in module's code) */
  const STUBS = {
    'ol/Map.js': {
      './control/defaults.js': refused('defaults', './control/defaults.js', 'ol/Map.js'),
      './interaction/defaults.js': refused('defaults', './interaction/defaults.js', 'ol/Map.js'),
    },
    'ol/layer/BaseVector.js': {
      '../render/canvas/style.js': refused('flatStyleLikeToStyleFunction', '../render/canvas/style.js', 'ol/layer/BaseVector.js'),
    },
    // layer.getFeatures(pixel)'s hit-detection image; the constant is the image's scale.
    'ol/renderer/canvas/VectorLayer.js': {
      '../../render/canvas/hitdetect.js': [
        'export const HIT_DETECT_RESOLUTION = 0.5;',
        refused('createHitDetectionImageData', '../../render/canvas/hitdetect.js', 'ol/renderer/canvas/VectorLayer.js'),
        refused('hitDetect', '../../render/canvas/hitdetect.js', 'ol/renderer/canvas/VectorLayer.js'),
      ].join('\n'),
    },
    // Projection and transform factories for "EPSG:326xx"-style UTM codes, asked for by code
    // only: the widget knows Web Mercator, WGS84 and EPSG:2180 (registered by proj4). "No such
    // factory" is null, what the factories answer for any other code.
    'ol/proj.js': {
      './proj/utm.js': 'export function makeProjection() { return null; }\nexport function makeTransforms() { return null; }',
    },
  };
  const PREFIX = '\0ol-slim:';
  return {
    name: 'ol-slim',
    resolveId(source, importer) {
      if (!importer) return null;
      const from = importer.replaceAll('\\', '/');
      for (const [module, stubs] of Object.entries(STUBS)) {
        if (from.endsWith(`/node_modules/${module}`) && stubs[source] !== undefined) return `${PREFIX}${module}|${source}`;
      }
      return null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const [module, source] = id.slice(PREFIX.length).split('|');
      return STUBS[module][source];
    },
  };
}
