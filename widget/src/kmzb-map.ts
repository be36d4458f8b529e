/**
 * The widget's entry point and its only side effect: registering `<kmzb-map>`. Guarded, so a page
 * that loads the script twice (ES and classic build, or two copies) keeps working.
 */
import { KmzbMap } from './components/kmzb-map/kmzb-map.component.js';

export { KmzbMap };
export type {
  KmzbEventMap,
  KmzbReportSelectDetail,
  KmzbReportSubmittedDetail,
  KmzbUnitErrorDetail,
  KmzbUnitLoadDetail,
  KmzbView,
  KmzbViewChangeDetail,
} from './events.js';

if (!customElements.get('kmzb-map')) customElements.define('kmzb-map', KmzbMap);

declare global {
  interface HTMLElementTagNameMap {
    'kmzb-map': KmzbMap;
  }
}
