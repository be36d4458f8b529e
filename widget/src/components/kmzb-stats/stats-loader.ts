import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Category } from '../../../../common/schemas/category.js';
import type { CrimeStats } from '../../../../common/schemas/crime-stats.js';
import type { Stats } from '../../../../common/schemas/stats.js';
import type { UnitDetail } from '../../../../common/schemas/unit.js';
import { type ApiError, getUnit, toApiError } from '../../api/client.js';
import { getCategories } from '../../api/reports.js';
import { type DayPeriod, getCrimeStats, getStats } from '../../api/stats.js';

/** What the view shows: the report statistics, the police figures and the areas to shade. */
export interface StatsData {
  stats: Stats;
  /** Undefined when the police figures could not be read (the reports still show). */
  crime: CrimeStats | undefined;
  /** The sub-units' areas, in byUnit order (those that could be read). */
  children: UnitDetail[];
  /** The unit itself with its area and powiats. */
  self: UnitDetail | undefined;
}

export type StatsState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: StatsData }
  | { status: 'error'; error: ApiError };

/**
 * Fetches everything one period of one unit needs, newest request wins (an older answer is
 * aborted, never shown). Unit areas are kept for the element's life: they do not change with
 * the period, and re-reading 20 polygons on every period change would be wasted bytes.
 */
export class StatsLoader implements ReactiveController {
  state: StatsState = { status: 'idle' };
  categories: readonly Category[] = [];
  #abort: AbortController | undefined;
  #units = new Map<string, Promise<UnitDetail | undefined>>();
  #api: string | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    if (this.state.status === 'loading') this.state = { status: 'idle' };
  }

  async load(api: string | undefined, unit: string, period: DayPeriod): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    if (api !== this.#api) this.#units.clear();
    this.#api = api;
    this.state = { status: 'loading' };
    this.host.requestUpdate();
    const { signal } = abort;
    try {
      const [stats, crime, categories] = await Promise.all([
        getStats(api, unit, period, signal),
        getCrimeStats(api, unit, period, signal).catch((error: unknown) => (signal.aborted ? Promise.reject(error) : undefined)),
        this.categories.length ? this.categories : getCategories(api, signal),
      ]);
      const ids = (stats.byUnit ?? []).map((cell) => cell.key);
      const [self, ...children] = await Promise.all([stats.unit.id, ...ids].map((id) => this.#unit(api, id)));
      if (signal.aborted) return;
      this.categories = categories;
      this.state = { status: 'ready', data: { stats, crime, self, children: children.filter((u): u is UnitDetail => !!u) } };
    } catch (error) {
      if (signal.aborted) return;
      this.state = { status: 'error', error: toApiError(error) };
    }
    this.host.requestUpdate();
  }

  /** A unit's detail, read once; a failure leaves that area undrawn (its row stays in the table). */
  #unit(api: string | undefined, id: string): Promise<UnitDetail | undefined> {
    let unit = this.#units.get(id);
    if (!unit) {
      unit = getUnit(api, id).catch(() => {
        this.#units.delete(id);
        return undefined;
      });
      this.#units.set(id, unit);
    }
    return unit;
  }
}
