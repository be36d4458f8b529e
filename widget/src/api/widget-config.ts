import { ApiPath, apiPath, DEVICE_HEADER } from '../../../common/api.js';
import type { ReportAllowance } from '../../../common/schemas/allowance.js';
import type { WidgetConfig } from '../../../common/schemas/widget-config.js';
import { apiRoot, requestJson } from './client.js';
import { deviceToken } from './device.js';

/** GET /api/v1/units/:id/widget-config: the unit's effective settings for its widget. */
export function getWidgetConfig(base: string | undefined, unit: string, signal?: AbortSignal): Promise<WidgetConfig> {
  return requestJson<WidgetConfig>(apiRoot(base) + apiPath(ApiPath.widgetConfig, { id: unit }), { signal });
}

/**
 * GET /api/v1/reports/allowance: may this device (its token), its network and this page report
 * or confirm in the unit now. Counts nothing, so it can be asked before the citizen types.
 */
export function getAllowance(base: string | undefined, unit: string, signal?: AbortSignal): Promise<ReportAllowance> {
  const url = `${apiRoot(base)}${ApiPath.reportAllowance}?${new URLSearchParams({ unit })}`;
  return requestJson<ReportAllowance>(url, { signal, headers: { [DEVICE_HEADER]: deviceToken() } });
}
