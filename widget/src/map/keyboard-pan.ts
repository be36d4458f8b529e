import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import { rotate } from 'ol/coordinate.js';
import { noModifierKeys, shiftKeyOnly, targetNotEditable } from 'ol/events/condition.js';
import Interaction, { pan } from 'ol/interaction/Interaction.js';

/** One arrow press moves the map by this share of the part of it that shows... */
export const PAN_STEP = 0.05;
/** ...and by this share with Shift held (placing the pin precisely). */
export const FINE_PAN_STEP = 0.01;

const DIRECTIONS: Readonly<Record<string, [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

/**
 * Arrow keys pan by a share of the visible map (5 %, 1 % with Shift), not OpenLayers' fixed
 * 128 px: on a small map that was a fifth of it, and at voivodeship zoom one press moved about
 * 1.7° and left Poland. The visible map is the map's size less the view's padding (a narrow
 * widget's sheet), each axis by its own extent.
 */
export class ScaledKeyboardPan extends Interaction {
  override handleEvent(event: MapBrowserEvent): boolean {
    if (event.type !== 'keydown') return true;
    const key = (event.originalEvent as KeyboardEvent).key;
    const direction = DIRECTIONS[key];
    if (!direction || !targetNotEditable(event) || !(noModifierKeys(event) || shiftKeyOnly(event))) return true;
    const view = event.map.getView();
    const resolution = view.getResolution();
    const size = event.map.getSize();
    if (resolution === undefined || !size) return true;
    const [top, right, bottom, left] = view.padding ?? [0, 0, 0, 0];
    const share = shiftKeyOnly(event) ? FINE_PAN_STEP : PAN_STEP;
    const width = size[0]! - left! - right!;
    const height = size[1]! - top! - bottom!;
    const delta = [direction[0] * share * width * resolution, direction[1] * share * height * resolution];
    rotate(delta, view.getRotation());
    pan(view, delta, 100);
    event.originalEvent.preventDefault();
    return false;
  }
}
