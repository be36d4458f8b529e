import type Collection from 'ol/Collection.js';
import type Control from 'ol/control/Control.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
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

/** OpenLayers' default controls (zoom, attribution) with labels in the user's language. */
export function createControls(labels: ControlLabels): Collection<Control> {
  return defaultControls({
    zoomOptions: {
      zoomInLabel: glyph('+'),
      zoomOutLabel: glyph('–'),
      zoomInTipLabel: labels.zoomIn,
      zoomOutTipLabel: labels.zoomOut,
    },
    // The map does not rotate (no rotating interactions, enableRotation false): no reset button.
    rotate: false,
    attributionOptions: { label: glyph('i'), collapseLabel: glyph('›'), tipLabel: labels.attributions },
  });
}
