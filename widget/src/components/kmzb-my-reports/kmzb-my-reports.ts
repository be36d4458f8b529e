import { KmzbMyReports } from './kmzb-my-reports.component.js';

export { KmzbMyReports };

if (!customElements.get('kmzb-my-reports')) customElements.define('kmzb-my-reports', KmzbMyReports);

declare global {
  interface HTMLElementTagNameMap {
    'kmzb-my-reports': KmzbMyReports;
  }
}
