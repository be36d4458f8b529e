import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { cleanDir } from './build/clean-dir.mjs';
import { cssStringRollup } from './build/css-string.mjs';
import { minifyCssLiterals } from './build/minify-css-literals.mjs';
import { olSlim } from './build/ol-slim.mjs';

/**
 * The staff console (served at /admin), its own entry so the public widget never loads it:
 * one ES module with its own copy of Lit; the /admin page loads the widget separately for the preview.
 */
const consoleBuild = {
  input: 'widget/src/kmzb-console.ts',
  // As the widget's entry: shared code stays in kmzb-console.js, no facade over a hashed chunk.
  preserveEntrySignatures: 'allow-extension',
  plugins: [cleanDir('dist/admin'), cssStringRollup(), nodeResolve(), esbuild({ target: 'es2022', tsconfig: './tsconfig.json' }), minifyCssLiterals()],
  // A folder, not one file: the OSM tile layer of the new-report map is its own chunk, loaded
  // only with basemap="osm" (as in the widget build), so it never weighs on the console's start.
  output: {
    dir: 'dist/admin', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js',
    sourcemap: true, plugins: [terser()],
  },
};

/** Two compression passes and module scope (top-level names may go): ~2 % smaller than the defaults. */
const TERSER = { module: true, compress: { passes: 2, ecma: 2020 }, format: { comments: false } };

/**
 * Writes the file name of this output's entry chunk to `fileName` (JSON), for the build scripts:
 * v/ keeps the entries of earlier builds, so the name cannot be found by listing the folder.
 * @param {string} fileName
 * @returns {import('rollup').Plugin}
 */
const nameEntry = (fileName) => ({
  name: 'name-entry',
  generateBundle(_options, bundle) {
    const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
    this.emitFile({ type: 'asset', fileName, source: JSON.stringify({ file: entry?.fileName }) });
  },
});

/**
 * Two builds of the one widget entry, both served at /widget/:
 * - kmzb-map.js, an ES module (`<script type="module">`); the OSM tile layer is a separate chunk,
 *   loaded only when basemap="osm", so pages with basemap="none" never download it;
 * - kmzb-map.classic.js, an IIFE for pages that can only paste a classic `<script>`; one file,
 *   so the dynamic import is inlined.
 * node-resolve's default export conditions pick Lit's production build (no dev-mode warnings).
 */
export default [{
  input: 'widget/src/kmzb-map.ts',
  // Let the shared code stay in kmzb-map.js (the tile chunk imports from it) instead of a facade
  // entry re-exporting a hashed chunk: one request fewer, and import.meta.url stays /widget/kmzb-map.js.
  preserveEntrySignatures: 'allow-extension',
  onwarn(warning, warn) {
    // The classic build registers the element and adds no global by design: no output.name.
    if (warning.code !== 'MISSING_NAME_OPTION_FOR_IIFE_EXPORT') warn(warning);
  },
  plugins: [cleanDir('dist/widget', { keep: ['v'] }), cssStringRollup(), olSlim(), nodeResolve(), esbuild({ target: 'es2022', tsconfig: './tsconfig.json' }), minifyCssLiterals()],
  output: [
    {
      dir: 'dist/widget',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      sourcemap: true,
      plugins: [terser(TERSER)],
    },
    {
      // The same ES build again under v/, its entry named by its content hash: the configurator's
      // snippet points here (with SRI), so a cache never mixes versions. Its chunks import the
      // hashed entry, so it is a build of its own, not a copy of kmzb-map.js (whose chunks import
      // ./kmzb-map.js: a renamed copy would load a second instance). build/widget-versions.mjs
      // writes the current name and integrity to dist/widget/manifest.json.
      dir: 'dist/widget',
      format: 'es',
      entryFileNames: 'v/[name].[hash].js',
      chunkFileNames: 'v/[name]-[hash].js',
      sourcemap: true,
      plugins: [terser(), nameEntry('versioned-entry.json')],
    },
    {
      file: 'dist/widget/kmzb-map.classic.js',
      format: 'iife',
      inlineDynamicImports: true,
      sourcemap: true,
      plugins: [terser({ ...TERSER, module: false })],
    },
  ],
}, consoleBuild];
