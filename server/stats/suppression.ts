import type { StatsCell } from '../../common/schemas/stats.js';

/**
 * Small-count suppression of a category breakdown (in place). Every sensitive cell below
 * `minCount` (zero included, so that suppression itself does not reveal "at least one") is
 * withheld. If any is, the non-sensitive cell with the LARGEST count is withheld too
 * (complementary suppression): the total minus the shown cells then gives only the sum of the
 * withheld cells, and since the complement is known only to be at least as large as every
 * shown category, that sum never pins down a positive sensitive count. (Withholding the
 * smallest instead would bound the complement from above and could give the sensitive count away.)
 *
 * @returns the keys of the withheld cells, in catalogue order.
 */
export function suppressCategories(cells: StatsCell[], sensitive: readonly string[], minCount: number): string[] {
  const small = cells.filter((c) => sensitive.includes(c.key) && c.count !== null && c.count < minCount);
  if (small.length === 0) return [];
  // The largest; ties go to the first in catalogue order.
  const complement = cells
    .filter((c) => !sensitive.includes(c.key))
    .reduce<StatsCell | undefined>((most, c) => (most === undefined || c.count! > most.count! ? c : most), undefined);
  for (const c of complement ? [...small, complement] : small) {
    c.count = null;
    c.suppressed = true;
  }
  return cells.filter((c) => c.suppressed).map((c) => c.key);
}
