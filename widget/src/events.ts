/**
 * Events the widget dispatches on its host element. All bubble and are composed, so a page can
 * listen on the element or anywhere above it; the `kmzb-` prefix keeps them apart from the page's.
 */
import type { UnitDetail, UnitRef } from '../../common/schemas/unit.js';

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

/** The views of `<kmzb-map>` (its `view` attribute). */
export type KmzbView = 'map' | 'report' | 'stats' | 'track';

export interface KmzbViewChangeDetail {
  /** The view now shown. */
  view: KmzbView;
}

export interface KmzbReportSubmittedDetail {
  /** The new report's public id. */
  id: string;
  /** The unit the report was routed to (the deepest one responsible for the place). */
  unit: UnitRef;
}

export interface KmzbReportSelectDetail {
  /** The public id of the report selected on the map, in the list or by the `report` attribute. */
  id: string;
}

export interface KmzbEventMap {
  /** The unit's area is drawn and the map is fitted to it. */
  'kmzb-unit-load': CustomEvent<KmzbUnitLoadDetail>;
  /** The unit could not be loaded; the widget shows why (and a Retry button when it may help). */
  'kmzb-unit-error': CustomEvent<KmzbUnitErrorDetail>;
  /** The widget switched between the map, the report form and the statistics (by its buttons or its `view` attribute). */
  'kmzb-view-change': CustomEvent<KmzbViewChangeDetail>;
  /** The server accepted a citizen's report. The tracking token stays on the device. */
  'kmzb-report-submitted': CustomEvent<KmzbReportSubmittedDetail>;
  /** A report was selected; its detail opens. */
  'kmzb-report-select': CustomEvent<KmzbReportSelectDetail>;
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
