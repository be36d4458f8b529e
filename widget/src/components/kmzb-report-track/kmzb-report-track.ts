import { KmzbReportTrack } from './kmzb-report-track.component.js';

export { KmzbReportTrack };

if (!customElements.get('kmzb-report-track')) customElements.define('kmzb-report-track', KmzbReportTrack);

declare global {
  interface HTMLElementTagNameMap {
    'kmzb-report-track': KmzbReportTrack;
  }
}
