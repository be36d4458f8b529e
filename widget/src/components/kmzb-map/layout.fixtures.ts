/** Geometry helpers of the layout's browser tests (not part of the widget). */

/** The two sizes the widget is designed and tested at: a desktop window and a phone. */
export const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Every element under a root, through the shadow roots of the elements in it. */
export function deepElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...deepElements(element.shadowRoot));
  }
  return found;
}

/** The parent in the flat tree (a shadow root's host for its top elements). */
function flatParent(element: Element): Element | null {
  if (element.assignedSlot) return element.assignedSlot;
  if (element.parentElement) return element.parentElement;
  const root = element.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * The part of an element's box that is painted: its rectangle cut by every ancestor that clips
 * (overflow other than visible), up to a fixed-position ancestor, which escapes the clipping of
 * those above it. Undefined when nothing is left, or the element is not rendered.
 */
export function paintedRect(element: Element): DOMRect | undefined {
  if (!element.checkVisibility({ checkVisibilityCSS: true })) return undefined;
  const rect = element.getBoundingClientRect();
  let [left, top, right, bottom] = [rect.left, rect.top, rect.right, rect.bottom];
  let node: Element | null = element;
  while (node) {
    const style = getComputedStyle(node);
    if (style.position === 'fixed') break;
    const parent = flatParent(node);
    if (parent && getComputedStyle(parent).overflow !== 'visible') {
      const clip = parent.getBoundingClientRect();
      [left, top, right, bottom] = [Math.max(left, clip.left), Math.max(top, clip.top), Math.min(right, clip.right), Math.min(bottom, clip.bottom)];
    }
    // clip-path: inset(50%) (the visually hidden pattern) paints nothing.
    if (style.clipPath === 'inset(50%)') return undefined;
    node = parent;
  }
  if (right - left < 1 || bottom - top < 1) return undefined;
  return new DOMRect(left, top, right - left, bottom - top);
}

/** Elements of the widget's shadow tree that paint outside the host's rectangle (half a pixel of rounding allowed). */
export function paintedOutside(host: Element): string[] {
  const box = host.getBoundingClientRect();
  return deepElements(host.shadowRoot!).flatMap((element) => {
    const painted = paintedRect(element);
    if (!painted) return [];
    const out = painted.left < box.left - 0.5 || painted.top < box.top - 0.5 || painted.right > box.right + 0.5 || painted.bottom > box.bottom + 0.5;
    return out ? [describe(element, painted)] : [];
  });
}

/**
 * Targets smaller than WCAG 2.2 wants here: buttons, disclosure summaries and the map's controls
 * at least 44 × 44 CSS px, checkboxes and radios at least 24 × 24. Only what is painted counts
 * (a visually hidden skip link is not a target until it is focused).
 */
export function smallTargets(host: Element): string[] {
  return deepElements(host.shadowRoot!).flatMap((element) => {
    const min = element.matches('button, summary') ? 44 : element.matches('input[type="checkbox"], input[type="radio"]') ? 24 : 0;
    if (!min || !paintedRect(element)) return [];
    const rect = element.getBoundingClientRect();
    return rect.width + 0.01 < min || rect.height + 0.01 < min ? [describe(element, rect)] : [];
  });
}

function describe(element: Element, rect: DOMRect): string {
  const name = `${element.localName}${element.id ? `#${element.id}` : ''}${element.classList.length ? `.${[...element.classList].join('.')}` : ''}`;
  const text = element.textContent?.trim().slice(0, 30) ?? '';
  return `${name} "${text}" ${Math.round(rect.left)},${Math.round(rect.top)} ${Math.round(rect.width)}×${Math.round(rect.height)}`;
}

/** The share of the host's height the map's box takes. */
export function mapShare(host: Element): number {
  const map = host.shadowRoot!.querySelector('#map')!.getBoundingClientRect();
  return map.height / host.getBoundingClientRect().height;
}

/**
 * The share of the widget's height where the map shows: its box less what a narrow widget's
 * sheet covers (a wide widget's panel is beside the map and covers nothing of it).
 */
export function visibleMapShare(host: Element): number {
  const map = host.shadowRoot!.querySelector('#map')!.getBoundingClientRect();
  const panel = host.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
  const covered = panel.left < map.right - 1 && panel.bottom > map.top ? Math.max(0, map.bottom - Math.max(panel.top, map.top)) : 0;
  return (map.height - covered) / host.getBoundingClientRect().height;
}

/** Whether an element's painted box lies wholly inside the browser's window. */
export function inWindow(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  const painted = paintedRect(element);
  return !!painted && Math.abs(painted.height - rect.height) < 1 && rect.top >= 0 && rect.bottom <= innerHeight && rect.left >= 0 && rect.right <= innerWidth;
}
