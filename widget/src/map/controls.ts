import Collection from 'ol/Collection.js';
import Attribution from 'ol/control/Attribution.js';
import type Control from 'ol/control/Control.js';
import Zoom from 'ol/control/Zoom.js';
import type { Translation } from '../i18n/index.js';

export type ControlLabels = Translation['map'];

/**
 * The button's visible glyph, hidden from assistive technology: OL puts the translated label in
 * the button's `title`, which then becomes its accessible name ("Zoom in", not "plus").
 */
function glyph(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  span.setAttribute('aria-hidden', 'true');
  return span;
}

/**
 * OpenLayers' default controls less the rotation reset (the map does not rotate: no rotating
 * interactions, enableRotation false), with labels in the user's language. Made one by one,
 * not through ol/control/defaults: that module brings the Rotate control into the download.
 */
export function createControls(labels: ControlLabels): Collection<Control> {
  return new Collection<Control>([
    new Zoom({ zoomInLabel: glyph('+'), zoomOutLabel: glyph('–'), zoomInTipLabel: labels.zoomIn, zoomOutTipLabel: labels.zoomOut }),
    new Attribution({ label: glyph('i'), collapseLabel: glyph('›'), tipLabel: labels.attributions }),
  ]);
}
