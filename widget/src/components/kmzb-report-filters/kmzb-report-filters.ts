/** Registers `<kmzb-report-filters>`, used inside `<kmzb-map>`'s shadow root. */
import { KmzbReportFilters } from './kmzb-report-filters.component.js';

export { KmzbReportFilters };

if (!customElements.get('kmzb-report-filters')) customElements.define('kmzb-report-filters', KmzbReportFilters);

declare global {
  interface HTMLElementTagNameMap {
    'kmzb-report-filters': KmzbReportFilters;
  }
}
