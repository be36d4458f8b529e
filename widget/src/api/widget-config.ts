import { ApiPath, apiPath } from '../../../common/api.js';
import type { WidgetConfig } from '../../../common/schemas/widget-config.js';
import { apiRoot, requestJson } from './client.js';

/**
 * GET /api/v1/units/:id/widget-config: the unit's effective widget config (its own settings,
 * inherited ones, else WIDGET_CONFIG_DEFAULTS from common/widget-config.ts). The server marks it
 * `no-cache`, so the browser revalidates it on every load and an admin's change shows at once.
 * Attributes on the element override it (README: "Configuration precedence").
 */
export function getWidgetConfig(base: string | undefined, unit: string, signal?: AbortSignal): Promise<WidgetConfig> {
  return requestJson<WidgetConfig>(apiRoot(base) + apiPath(ApiPath.widgetConfig, { id: unit }), { signal });
}
