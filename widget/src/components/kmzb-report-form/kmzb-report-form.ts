/**
 * Registers `<kmzb-report-form>` (and the list it shows). `<kmzb-map>` imports this module
 * dynamically when its report view opens, so the map alone does not load the form's code.
 */
import '../kmzb-my-reports/kmzb-my-reports.js';
import { KmzbReportForm } from './kmzb-report-form.component.js';

export { KmzbReportForm };

if (!customElements.get('kmzb-report-form')) customElements.define('kmzb-report-form', KmzbReportForm);

declare global {
  interface HTMLElementTagNameMap {
    'kmzb-report-form': KmzbReportForm;
  }
}
