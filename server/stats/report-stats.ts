import { SOURCES, STATUSES } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import type { Stats, StatsCell, StatsDuration, StatsQuery } from '../../common/schemas/stats.js';
import type { UnitRef } from '../../common/schemas/unit.js';
import {
  CONFIRMED_STATUSES, SENSITIVE_CATEGORIES, STATS_GROUPS, STATS_MIN_COUNT, STATS_SHORT_PERIOD_MONTHS, VERIFIED_STATUSES,
  type StatsGroup,
} from '../../common/stats.js';
import type { CategoryCatalogue } from '../catalogue/category-catalogue.js';
import type { StatsStore } from '../store/stats.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { ProductError } from '../../common/product-error.js';
import { monthsBetween, parseDay, requireOrdered, shorterThanMonths, splitPeriod } from './period.js';
import { suppressCategories } from './suppression.js';

export interface ReportStatsDeps {
  stats: StatsStore;
  units: UnitDirectory;
  categories: CategoryCatalogue;
}

/** GET /api/v1/stats: reads the aggregate rows of the unit and folds them into the answer. */
export class ReportStats {
  constructor(private readonly deps: ReportStatsDeps) {}

  async answer(query: StatsQuery): Promise<Stats> {
    const unit = this.deps.units.ref(query.unit ?? 'pl');
    if (!unit) throw new ProductError(ErrorCode.unitNotFound, `No unit has the id "${query.unit}".`);
    const from = parseDay(query.from, 'from');
    const to = parseDay(query.to, 'to');
    requireOrdered(from, to);
    const groups = parseGroups(query.groupBy);
    const { days, months } = splitPeriod(from, to);

    const byStatus = new Map<string, number>();
    const byCategory = new Map<string, number>();
    const bySource = new Map<string, number>();
    const byMonth = new Map<string, number>();
    const verified = new Map<number, number>();
    const closed = new Map<number, number>();
    for (const [period, dim, key, n] of await this.deps.stats.rows(unit.id, days, months)) {
      switch (dim) {
        case 'status': {
          add(byStatus, key, n);
          if (key !== 'hidden') add(byMonth, period.slice(1, 8), n);
          break;
        }
        case 'category': add(byCategory, key, n); break;
        case 'source': add(bySource, key, n); break;
        case 'verified': add(verified, Number(key), n); break;
        case 'closed': add(closed, Number(key), n); break;
      }
    }
    const hidden = byStatus.get('hidden') ?? 0;
    const total = sum(byStatus) - hidden;
    const confirmed = CONFIRMED_STATUSES.reduce((s, status) => s + (byStatus.get(status) ?? 0), 0);
    const checked = VERIFIED_STATUSES.reduce((s, status) => s + (byStatus.get(status) ?? 0), 0);
    const applies = (unit.kind === 'county' || unit.kind === 'station') && shorterThanMonths(from, to, STATS_SHORT_PERIOD_MONTHS);
    const categoryCells = this.deps.categories.list().map((category) => cell(category.code, byCategory.get(category.code) ?? 0));
    // With no reports at all the total already says every cell is 0: nothing to withhold.
    const suppressed = applies && total > 0 ? suppressCategories(categoryCells, SENSITIVE_CATEGORIES, STATS_MIN_COUNT) : [];

    const answer: Stats = {
      unit, from, to, total, hidden,
      confirmedShare: { confirmed, verified: checked, share: checked === 0 ? null : confirmed / checked },
      timeToVerification: median(verified),
      timeToFinal: median(closed),
      suppression: { applies, minCount: STATS_MIN_COUNT, suppressed },
    };
    if (groups.has('category')) answer.byCategory = categoryCells;
    if (groups.has('status')) answer.byStatus = STATUSES.filter((s) => s !== 'hidden').map((s) => cell(s, byStatus.get(s) ?? 0));
    if (groups.has('source')) answer.bySource = SOURCES.map((s) => cell(s, bySource.get(s) ?? 0));
    if (groups.has('month')) answer.byMonth = monthsBetween(from.slice(0, 7), to.slice(0, 7)).map((m) => cell(m, byMonth.get(m) ?? 0));
    if (groups.has('unit')) {
      answer.byUnit = await Promise.all(this.deps.units.children(unit.id).map(async (child) => ({
        key: child.id, unit: child, count: await this.deps.stats.total(child.id, days, months), suppressed: false as const,
      })));
    }
    return answer;
  }

}

function parseGroups(raw: string | undefined): Set<StatsGroup> {
  if (raw === undefined) return new Set(STATS_GROUPS);
  const groups = new Set<StatsGroup>();
  for (const item of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
    if (!(STATS_GROUPS as readonly string[]).includes(item)) {
      throw new ProductError(ErrorCode.invalidGroupBy, `groupBy may list ${STATS_GROUPS.join(', ')}; got "${item}".`);
    }
    groups.add(item as StatsGroup);
  }
  return groups;
}

function cell(key: string, count: number): StatsCell {
  return { key, count, suppressed: false };
}

function add<K>(map: Map<K, number>, key: K, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function sum(map: Map<unknown, number>): number {
  let total = 0;
  for (const n of map.values()) total += n;
  return total;
}

/** The lower median (the ceil(count/2)-th smallest) of a histogram of whole hours. */
export function median(histogram: Map<number, number>): StatsDuration {
  const count = sum(histogram);
  if (count === 0) return { count, medianHours: null };
  const target = Math.ceil(count / 2);
  let seen = 0;
  for (const hours of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(hours)!;
    if (seen >= target) return { count, medianHours: hours };
  }
  throw new Error('unreachable: the histogram sums to count');
}
