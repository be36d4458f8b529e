import { ApiPath, DEVICE_HEADER } from '../../../common/api.js';
import type { ReportAllowance } from '../../../common/schemas/allowance.js';
import { apiRoot, requestJson } from './client.js';
import { deviceToken } from './device.js';

/**
 * GET /api/v1/reports/allowance?unit=: may this device, network and page report or confirm now?
 * Read-only on the server (asking uses up nothing), so the widget may ask each time the form
 * opens. A refusal carries the same code as the POST would (REPORT_LIMIT_REACHED with `retryAt`,
 * ORIGIN_NOT_ALLOWED, CATEGORY_DISABLED), for the same i18n message.
 */
export function getAllowance(base: string | undefined, unit: string, signal?: AbortSignal): Promise<ReportAllowance> {
  const url = `${apiRoot(base)}${ApiPath.reportAllowance}?${new URLSearchParams({ unit })}`;
  return requestJson<ReportAllowance>(url, { signal, headers: { [DEVICE_HEADER]: deviceToken() }, cache: 'no-store' });
}
