/** Registers `<kmzb-report-detail>`, used inside `<kmzb-map>`'s shadow root. */
import { KmzbReportDetail } from './kmzb-report-detail.component.js';

export { KmzbReportDetail };

if (!customElements.get('kmzb-report-detail')) customElements.define('kmzb-report-detail', KmzbReportDetail);

declare global {
  interface HTMLElementTagNameMap {
    'kmzb-report-detail': KmzbReportDetail;
  }
}
