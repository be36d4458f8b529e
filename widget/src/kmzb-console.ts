/**
 * The staff console's entry point (served at /admin, never loaded by the public widget): its
 * only side effect is registering the console's elements, each guarded against a second load.
 */
import { ConsoleAudit } from './console/console-audit/console-audit.component.js';
import { ConsoleConfigurator } from './console/console-configurator/console-configurator.component.js';
import { ConsoleCrimeImport } from './console/console-crime-import/console-crime-import.component.js';
import { ConsoleLogin } from './console/console-login/console-login.component.js';
import { ConsoleNotifications } from './console/console-notifications/console-notifications.component.js';
import { ConsoleNewReport } from './console/console-new-report/console-new-report.component.js';
import { ConsoleBulkStatus } from './console/console-queue/console-bulk-status.component.js';
import { ConsoleQueue } from './console/console-queue/console-queue.component.js';
import { ConsoleReport } from './console/console-report/console-report.component.js';
import { ConsoleStatusDialog } from './console/console-report/console-status-dialog.component.js';
import { ConsoleStaff } from './console/console-staff/console-staff.component.js';
import { KmzbConsole } from './console/kmzb-console/kmzb-console.component.js';

export { KmzbConsole };

const elements = {
  'kmzb-console': KmzbConsole,
  'console-login': ConsoleLogin,
  'console-queue': ConsoleQueue,
  'console-report': ConsoleReport,
  'console-status-dialog': ConsoleStatusDialog,
  'console-new-report': ConsoleNewReport,
  'console-configurator': ConsoleConfigurator,
  'console-crime-import': ConsoleCrimeImport,
  'console-staff': ConsoleStaff,
  'console-audit': ConsoleAudit,
  'console-bulk-status': ConsoleBulkStatus,
  'console-notifications': ConsoleNotifications,
} as const;

for (const [tag, element] of Object.entries(elements)) if (!customElements.get(tag)) customElements.define(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'kmzb-console': KmzbConsole;
    'console-login': ConsoleLogin;
    'console-queue': ConsoleQueue;
    'console-report': ConsoleReport;
    'console-status-dialog': ConsoleStatusDialog;
    'console-new-report': ConsoleNewReport;
    'console-configurator': ConsoleConfigurator;
    'console-crime-import': ConsoleCrimeImport;
    'console-staff': ConsoleStaff;
    'console-audit': ConsoleAudit;
    'console-bulk-status': ConsoleBulkStatus;
    'console-notifications': ConsoleNotifications;
  }
}
