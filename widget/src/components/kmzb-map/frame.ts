import { html, nothing } from 'lit';
import { ErrorCode } from '../../../../common/errors.js';
import type { UnitState } from '../../api/unit-controller.js';
import type { Translation } from '../../i18n/index.js';

/** Small helpers of the `<kmzb-map>` frame: its height, its unit message, its ready promise. */

/** Most of a phone's screen, at most 640 px on a desktop: the map is the main thing. */
export const DEFAULT_HEIGHT = 'min(80vh, 640px)';

/** The `height` attribute as CSS: a bare number is px; anything the browser rejects gets the default. */
export function cssHeight(value: string | undefined): string {
  const height = value?.trim() ?? '';
  if (/^\d+(\.\d+)?$/.test(height)) return `${height}px`;
  return height && CSS.supports('height', height) ? height : DEFAULT_HEIGHT;
}

/** A promise with its resolve function and whether it has been called. */
export function settleable() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  const result = { promise, settled: false, resolve: () => ((result.settled = true), resolve()) };
  return result;
}

/** The message over the map while its unit loads or after it failed. */
export function unitMessage(t: Translation, state: UnitState) {
  if (state.status === 'loading') return html`<span class="spinner" aria-hidden="true"></span>${t.status.loading}`;
  if (state.status === 'ready') return nothing;
  // The only input of this request is the unit id: a malformed one is an unknown unit to the reader.
  const code = state.error.code === ErrorCode.invalidRequest ? ErrorCode.unitNotFound : state.error.code;
  return t.errors[code]({ unitId: state.id });
}
