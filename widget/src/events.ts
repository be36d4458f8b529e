/**
 * Events the widget dispatches on its host element. All bubble and are composed, so a page can
 * listen on the element or anywhere above it; the `kmzb-` prefix keeps them apart from the page's.
 * (DESIGN.md also plans kmzb-report-submitted, kmzb-report-select and kmzb-view-change.)
 */
import type { UnitDetail } from '../../common/schemas/unit.js';

export interface KmzbUnitLoadDetail {
  /** The unit now shown, as the API served it (id, names, bbox, area ...). */
  unit: UnitDetail;
}

export interface KmzbUnitErrorDetail {
  /** The unit id that could not be shown. */
  unitId: string;
  /** Stable error code (common/errors.ts, or NETWORK_ERROR / BAD_RESPONSE). */
  code: string;
}

export interface KmzbEventMap {
  /** The unit's area is drawn and the map is fitted to it. */
  'kmzb-unit-load': CustomEvent<KmzbUnitLoadDetail>;
  /** The unit could not be loaded; the widget shows why (and a Retry button when it may help). */
  'kmzb-unit-error': CustomEvent<KmzbUnitErrorDetail>;
}

/** Dispatch one of our events from the host, bubbling out of the shadow root. */
export function emit<K extends keyof KmzbEventMap>(
  host: HTMLElement,
  type: K,
  detail: KmzbEventMap[K]['detail'],
): void {
  host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap extends KmzbEventMap {}
}
