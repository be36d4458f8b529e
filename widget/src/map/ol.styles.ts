import { unsafeCSS } from 'lit';
import olCss from './ol-used.css';

/**
 * OpenLayers' stylesheet (controls, attribution, viewport), adopted inside the shadow root: page
 * stylesheets cannot style the map there, and ours never reaches the page. Only the rules of what
 * the widget creates (ol-used.css, verbatim from ol/ol.css). The licence comment sits on the
 * statement that carries the CSS, so the minified bundle keeps it with the CSS.
 */
/*! ol.css from OpenLayers | (c) 2005-present OpenLayers Contributors | BSD-2-Clause | https://github.com/openlayers/openlayers/blob/main/LICENSE.md */
export const olStyles = unsafeCSS(olCss);
