/**
 * Imports a .css file as a JS string (`import olCss from 'ol/ol.css'`), so the widget can adopt it
 * inside its shadow root: page stylesheets, and so ol.css linked by a page, never reach there.
 * One transform, two adapters: rollup for the bundle, web-test-runner for the browser tests.
 */
const isCss = (path) => path.split('?')[0].endsWith('.css');
const toModule = (css) => `export default ${JSON.stringify(css)};`;

/** @returns {import('rollup').Plugin} */
export const cssStringRollup = () => ({
  name: 'css-string',
  transform: (code, id) => (isCss(id) ? { code: toModule(code), map: { mappings: '' } } : null),
});

/** @returns {import('@web/dev-server-core').Plugin} */
export const cssStringWtr = () => ({
  name: 'css-string',
  resolveMimeType: (ctx) => (isCss(ctx.path) ? 'js' : undefined),
  transform: (ctx) => (isCss(ctx.path) ? { body: toModule(ctx.body) } : undefined),
});
