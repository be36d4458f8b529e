/** Registers `<kmzb-report-list>`, used inside `<kmzb-map>`'s shadow root. */
import { KmzbReportList } from './kmzb-report-list.component.js';

export { KmzbReportList };

if (!customElements.get('kmzb-report-list')) customElements.define('kmzb-report-list', KmzbReportList);

declare global {
  interface HTMLElementTagNameMap {
    'kmzb-report-list': KmzbReportList;
  }
}
