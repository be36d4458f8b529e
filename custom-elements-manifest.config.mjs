/**
 * @custom-elements-manifest/analyzer settings for `npm run build:widget`: the public widget's
 * elements only (the staff console is not a published element), written beside the bundle so
 * /widget/custom-elements.json is served and shipped in the package.
 */
export default {
  // The components, and the entry that registers <kmzb-map> (the analyzer takes the tag name from the define).
  globs: ['widget/src/kmzb-map.ts', 'widget/src/**/*.component.ts'],
  exclude: ['widget/src/**/*.test.ts', 'widget/src/console/**'],
  outdir: 'dist/widget',
  litelement: true,
  // The package's customElements field is written by hand: the analyzer would rewrite package.json.
  packagejson: false,
};
