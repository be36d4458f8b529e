import { ApiPath } from '../../../common/api.js';
import type { CrimeStats } from '../../../common/schemas/crime-stats.js';
import type { Stats } from '../../../common/schemas/stats.js';
import { apiRoot, requestJson } from './client.js';

/** A period of whole UTC days, both ends inclusive (YYYY-MM-DD). */
export interface DayPeriod {
  from: string;
  to: string;
}

/** GET /api/v1/stats: the report statistics of the unit's subtree for the period (every section). */
export function getStats(base: string | undefined, unit: string, period: DayPeriod, signal?: AbortSignal): Promise<Stats> {
  const query = new URLSearchParams({ unit, from: period.from, to: period.to });
  return requestJson<Stats>(`${apiRoot(base)}${ApiPath.stats}?${query}`, { signal });
}

/**
 * GET /api/v1/crime-stats for the months the period touches. The police publish whole months,
 * so a period of days is widened to its months (the view says so under the crime table).
 */
export function getCrimeStats(base: string | undefined, unit: string, period: DayPeriod, signal?: AbortSignal): Promise<CrimeStats> {
  const query = new URLSearchParams({ unit, from: period.from.slice(0, 7), to: period.to.slice(0, 7) });
  return requestJson<CrimeStats>(`${apiRoot(base)}${ApiPath.crimeStats}?${query}`, { signal });
}
