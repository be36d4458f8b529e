import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WidgetConfig } from '../../../../common/schemas/widget-config.js';
import { WIDGET_CONFIG_DEFAULTS } from '../../../../common/widget-config.js';
import { getWidgetConfig } from '../../api/widget-config.js';
import { yieldToMain } from '../../map/slices.js';

export interface WidgetConfigRequest {
  unit: string;
  api: string | undefined;
  /** A configuration given by the page (the console's preview of unsaved settings): used as is, nothing fetched. */
  given: WidgetConfig | undefined;
}

/**
 * The unit's widget configuration, as its admins saved it (own settings plus inherited ones,
 * GET /api/v1/units/:id/widget-config), fetched next to the unit. Until it arrives, or if it
 * cannot be had, the national defaults apply: the widget still works, only unconfigured.
 */
export class WidgetConfigController implements ReactiveController {
  #loaded: WidgetConfig | undefined;
  #key: string | undefined;
  #settled = false;
  #abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly request: () => WidgetConfigRequest,
    /** Called when the configuration in force changed (arrived, failed, or was given anew). */
    private readonly onChange: () => void,
  ) {
    host.addController(this);
  }

  /** The configuration in force: the given one, else the unit's, else the national defaults. */
  get config(): WidgetConfig {
    const { unit, given } = this.request();
    // No language chosen by any unit: the page's own language decides, as the server says with null.
    return given ?? this.#loaded ?? { unit, enabledCategories: [], ...WIDGET_CONFIG_DEFAULTS, defaultLang: null };
  }

  /** Whether `config` is final for this unit (given, fetched, or failed to fetch). */
  get settled(): boolean {
    return this.request().given !== undefined || this.#settled;
  }

  hostUpdate(): void {
    const { unit, api, given } = this.request();
    const key = given ? undefined : `${api ?? ''} ${unit}`;
    if (key === this.#key) return;
    this.#key = key;
    this.#abort?.abort();
    this.#loaded = undefined;
    this.#settled = false;
    if (key === undefined) return this.onChange();
    const abort = (this.#abort = new AbortController());
    // In a task of its own, as the unit's request (unit-controller.ts).
    void yieldToMain()
      .then(() => getWidgetConfig(api, unit, abort.signal))
      .then(
        (config) => this.#settle(abort, config),
        () => this.#settle(abort, undefined),
      );
  }

  hostDisconnected(): void {
    if (!this.#settled) {
      this.#abort?.abort();
      this.#key = undefined;
    }
  }

  #settle(abort: AbortController, config: WidgetConfig | undefined): void {
    if (abort.signal.aborted) return;
    this.#loaded = config;
    this.#settled = true;
    this.onChange();
    this.host.requestUpdate();
  }
}

/**
 * The categories offered, as a comma list for the `categories` inputs: the unit's enabled ones
 * narrowed by the page's `categories` attribute (its codes outside the enabled set ignored).
 * Undefined: no narrowing (everything enabled, no attribute).
 */
export function offeredCategories(config: WidgetConfig, attribute: string | undefined): string | undefined {
  const wanted = (attribute ?? '').split(',').map((code) => code.trim().toLowerCase()).filter(Boolean);
  const enabled = config.enabledCategories;
  if (!enabled.length) return attribute;
  const narrowed = wanted.length ? enabled.filter((code) => wanted.includes(code)) : [];
  return (narrowed.length ? narrowed : enabled).join(',');
}
