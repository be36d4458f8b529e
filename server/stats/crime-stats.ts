import { createHash } from 'node:crypto';
import { ErrorCode } from '../../common/errors.js';
import type { CrimeImportChange, CrimeImportLineError, CrimeImportResult, CrimeStats, CrimeStatsQuery } from '../../common/schemas/crime-stats.js';
import { CRIME_CATEGORIES, type CrimeCategory } from '../../common/stats.js';
import type { CrimeStatsRepository } from '../db/crime-stats-repository.js';
import type { UnitsRepository } from '../db/units-repository.js';
import { ApiError } from '../http/api-error.js';
import type { Audit } from '../staff/audit.js';
import { requireAdmin, type StaffPrincipal } from '../staff/scope.js';
import { parseCrimeCsv } from './crime-csv.js';
import { monthsBetween, parseMonth, requireOrdered } from './period.js';

/** 422 CRIME_IMPORT_INVALID carrying every bad line; the error handler sends them in `errors`. */
export class CrimeImportError extends ApiError {
  constructor(readonly errors: CrimeImportLineError[]) {
    super(422, ErrorCode.crimeImportInvalid, `The file has ${errors.length} bad line(s); nothing was imported.`);
  }
}

/** Police crime statistics: the admins' CSV import and the public reading per powiat. */
export class CrimeStatsService {
  constructor(private readonly deps: { repository: CrimeStatsRepository; units: UnitsRepository; audit: Audit }) {}

  /**
   * Checks every line, then (unless a dry run) writes all figures in one transaction with its
   * audit entry. Any bad line refuses the whole file: nothing is written.
   *
   * @throws CrimeImportError (422) listing the bad lines; ApiError 403 ADMIN_REQUIRED.
   */
  import(staff: StaffPrincipal, bytes: Buffer, dryRun: boolean, now = new Date()): CrimeImportResult {
    requireAdmin(staff);
    const { repository, audit } = this.deps;
    const scope = repository.powiatsOf(staff.scope);
    const { lines, errors } = parseCrimeCsv(bytes, {
      powiatExists: (teryt) => repository.powiatExists(teryt),
      inScope: (teryt) => scope.has(teryt),
      currentMonth: now.toISOString().slice(0, 7),
    });
    if (errors.length > 0) throw new CrimeImportError(errors);
    // Compare and write in one transaction, so the diff is exactly what is written.
    return repository.transaction(() => {
      const changes: CrimeImportChange[] = [];
      for (const line of lines) {
        const before = repository.find(line.teryt, line.month, line.category);
        if (before === line.count) continue;
        changes.push({ line: line.line, teryt: line.teryt, month: line.month, category: line.category, before: before ?? null, after: line.count });
      }
      const inserted = changes.filter((change) => change.before === null).length;
      const result: CrimeImportResult = {
        dryRun, lines: lines.length, inserted, updated: changes.length - inserted, unchanged: lines.length - changes.length, changes,
      };
      if (!dryRun && changes.length > 0) {
        const at = now.toISOString();
        const changed = new Set(changes.map((change) => change.line));
        repository.write(lines.filter((line) => changed.has(line.line)), at, staff.id);
        audit.record({
          at, staffId: staff.id, action: 'crime_stats.import', targetType: 'unit', targetId: staff.unitId, unitId: staff.unitId,
          after: {
            lines: result.lines, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged,
            sha256: createHash('sha256').update(bytes).digest('hex'),
          },
        });
      }
      return result;
    });
  }

  /** The figures of every powiat of the unit's area for months from..to. */
  read(query: CrimeStatsQuery): CrimeStats {
    const unit = this.deps.units.ref(query.unit ?? 'pl');
    if (!unit) throw new ApiError(404, ErrorCode.unitNotFound, `No unit has the id "${query.unit}".`);
    const from = parseMonth(query.from, 'from');
    const to = parseMonth(query.to, 'to');
    requireOrdered(from, to);
    const byPowiat = new Map<string, { counts: Record<CrimeCategory, number>; months: Set<string> }>();
    for (const row of this.deps.repository.inPeriod(unit.id, from, to)) {
      let entry = byPowiat.get(row.teryt);
      if (!entry) byPowiat.set(row.teryt, (entry = { counts: zeroCounts(), months: new Set() }));
      entry.counts[row.category] += row.count;
      entry.months.add(row.month);
    }
    const powiats = this.deps.repository.unitPowiats(unit.id).map(({ teryt, name }) => {
      const entry = byPowiat.get(teryt);
      const counts = entry?.counts ?? zeroCounts();
      const total = CRIME_CATEGORIES.reduce((sum, code) => sum + counts[code], 0);
      return { teryt, name, counts, total, monthsWithData: entry?.months.size ?? 0 };
    });
    return { unit, from, to, months: monthsBetween(from, to).length, powiats };
  }
}

function zeroCounts(): Record<CrimeCategory, number> {
  return Object.fromEntries(CRIME_CATEGORIES.map((code) => [code, 0])) as Record<CrimeCategory, number>;
}
