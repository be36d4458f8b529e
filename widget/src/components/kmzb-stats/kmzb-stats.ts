/**
 * Registers `<kmzb-stats-view>`. `<kmzb-map>` imports this module dynamically when its stats view
 * opens, so the map alone never loads the statistics' code (a separate chunk of the ES build).
 */
import { KmzbStatsView } from './kmzb-stats.component.js';

export { KmzbStatsView };

if (!customElements.get('kmzb-stats-view')) customElements.define('kmzb-stats-view', KmzbStatsView);

declare global {
  interface HTMLElementTagNameMap {
    'kmzb-stats-view': KmzbStatsView;
  }
}
