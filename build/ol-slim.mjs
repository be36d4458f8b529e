/**
 * Leaves three OpenLayers modules out of the widget's download. Each is reachable from a class
 * the widget uses, but only through a path the widget never takes, so tree-shaking cannot drop it:
 * - ol/Map.js falls back to ol/control/defaults.js and ol/interaction/defaults.js when a map is
 *   made without its own controls and interactions (the widget's one map always passes both,
 *   map/map-controller.ts): the Rotate control, DragBox, DragRotate, PinchRotate, DragZoom;
 * - ol/layer/BaseVector.js compiles flat styles (`{'stroke-color': …}`) through
 *   ol/render/canvas/style.js and the ol/expr expression engine: the widget styles with
 *   ol/style objects and functions only (map/area-layer.ts, map/feature-style.ts).
 * About 30 KB minified, 9-10 KB gzip of the first download. The stand-ins throw with a clear
 * message, so a future map made without them fails its tests instead of losing its controls.
 * Only the widget's build uses this; the console's keeps OpenLayers whole.
 * @returns {import('rollup').Plugin}
 */
export function olSlim() {
  const STUBS = {
    'ol/Map.js': {
      './control/defaults.js': 'defaults',
      './interaction/defaults.js': 'defaults',
    },
    'ol/layer/BaseVector.js': {
      '../render/canvas/style.js': 'flatStyleLikeToStyleFunction',
    },
  };
  const PREFIX = '\0ol-slim:';
  return {
    name: 'ol-slim',
    resolveId(source, importer) {
      if (!importer) return null;
      const from = importer.replaceAll('\\', '/');
      for (const [module, stubs] of Object.entries(STUBS)) {
        if (from.endsWith(`/node_modules/${module}`) && stubs[source]) return `${PREFIX}${stubs[source]}:${module}:${source}`;
      }
      return null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const [name, module, source] = id.slice(PREFIX.length).split(':');
      const message = `kmzb-map's build leaves ${source} (imported by ${module}) out: see build/ol-slim.mjs`;
      return `export function ${name}() { throw new Error(${JSON.stringify(message)}); }`;
    },
  };
}
