import { createHash } from 'node:crypto';
import { ErrorCode } from '../../common/errors.js';
import type { CrimeImportChange, CrimeImportLineError, CrimeImportResult, CrimeStats, CrimeStatsQuery } from '../../common/schemas/crime-stats.js';
import { CRIME_CATEGORIES, CRIME_IMPORT_LIMITS, type CrimeCategory } from '../../common/stats.js';
import type { Store } from '../store/store.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { ProductError } from '../../common/product-error.js';
import type { Audit } from '../staff/audit.js';
import { requireAdmin, type StaffPrincipal } from '../staff/scope.js';
import { TimeSlice } from '../time-slice.js';
import { parseCrimeCsv, type CrimeLine } from './crime-csv.js';
import { monthsBetween, parseMonth, requireOrdered } from './period.js';

/**
 * 422 CRIME_IMPORT_INVALID carrying the first bad lines (and how many problems follow them);
 * the route sends them in `errors` and `moreErrors`.
 */
export class CrimeImportError extends ProductError {
  constructor(readonly errors: CrimeImportLineError[], readonly moreErrors: number) {
    super(ErrorCode.crimeImportInvalid, `The file has ${errors.length + moreErrors} error(s); nothing was imported.`);
  }
}

/** Lines read or written per database step; each step is a few milliseconds. */
const STEP_LINES = 500;

/** Police crime statistics: the admins' CSV import and the public reading per powiat. */
export class CrimeStatsService {
  /** The import (or check) running now: the next one waits for it (see import). */
  #running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: { store: Pick<Store, 'crimeStats' | 'unit'>; units: UnitDirectory; audit: Audit }) {}

  /**
   * Checks every line, then (unless a dry run) writes the changed figures with an audit entry.
   * Any bad line refuses the whole file before anything is written.
   *
   * A 5 MB file holds about 200,000 lines, and reading or writing that many figures in one
   * synchronous transaction took seconds in which the server answered nobody. So the work is
   * done in steps of STEP_LINES that give the event loop back between them: the stored figures
   * are compared step by step, then the changes are written in one transaction per step, the
   * audit entry with the last. Imports and checks run one at a time (figures are only ever
   * written here), so the comparison is exactly what is written and no check sees an import
   * half done. If the process dies during the writing, the steps already committed stay: the
   * figures are either the old or the file's, and importing the file again completes it.
   *
   * @throws CrimeImportError (422) listing the bad lines; ProductError ADMIN_REQUIRED.
   */
  async import(staff: StaffPrincipal, bytes: Buffer, dryRun: boolean, now = new Date()): Promise<CrimeImportResult> {
    requireAdmin(staff);
    const turn = this.#running.then(() => this.#import(staff, bytes, dryRun, now));
    this.#running = turn.catch(() => undefined);
    return turn;
  }

  async #import(staff: StaffPrincipal, bytes: Buffer, dryRun: boolean, now: Date): Promise<CrimeImportResult> {
    const { store, audit } = this.deps;
    const repository = store.crimeStats;
    const scope = await repository.powiatsOf(staff.scope);
    const known = await repository.powiatCodes();
    const slice = new TimeSlice();
    const { lines, errors, moreErrors } = await parseCrimeCsv(bytes, {
      powiatExists: (teryt) => known.has(teryt),
      inScope: (teryt) => scope.has(teryt),
      currentMonth: now.toISOString().slice(0, 7),
    }, slice);
    if (errors.length > 0) throw new CrimeImportError(errors, moreErrors);

    const changed: CrimeLine[] = [];
    const changes: CrimeImportChange[] = [];
    let inserted = 0;
    for (let i = 0; i < lines.length; i++) {
      if (i % STEP_LINES === 0) await slice.maybePause();
      const line = lines[i]!;
      const before = await repository.find(line.teryt, line.month, line.category);
      if (before === line.count) continue;
      changed.push(line);
      if (before === undefined) inserted++;
      if (changes.length < CRIME_IMPORT_LIMITS.maxChanges) {
        changes.push({ line: line.line, teryt: line.teryt, month: line.month, category: line.category, before: before ?? null, after: line.count });
      }
    }
    const result: CrimeImportResult = {
      dryRun, lines: lines.length, inserted, updated: changed.length - inserted, unchanged: lines.length - changed.length,
      changes, moreChanges: changed.length - changes.length,
    };
    if (dryRun || changed.length === 0) return result;
    const at = now.toISOString();
    for (let from = 0; from < changed.length; from += STEP_LINES) {
      await slice.maybePause();
      const step = changed.slice(from, from + STEP_LINES);
      const last = from + STEP_LINES >= changed.length;
      await store.unit(async (tx) => {
        await tx.crimeStats.write(step, at, staff.id);
        if (!last) return;
        await tx.audit.append(audit.entry({
          at, staffId: staff.id, action: 'crime_stats.import', targetType: 'unit', targetId: staff.unitId, unitId: staff.unitId,
          after: {
            lines: result.lines, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged,
            sha256: createHash('sha256').update(bytes).digest('hex'),
          },
        }));
      });
    }
    return result;
  }

  /** The figures of every powiat of the unit's area for months from..to. */
  async read(query: CrimeStatsQuery): Promise<CrimeStats> {
    const unit = this.deps.units.ref(query.unit ?? 'pl');
    if (!unit) throw new ProductError(ErrorCode.unitNotFound, `No unit has the id "${query.unit}".`);
    const from = parseMonth(query.from, 'from');
    const to = parseMonth(query.to, 'to');
    requireOrdered(from, to);
    const byPowiat = new Map<string, { counts: Record<CrimeCategory, number>; months: Set<string> }>();
    for (const row of await this.deps.store.crimeStats.inPeriod(unit.id, from, to)) {
      let entry = byPowiat.get(row.teryt);
      if (!entry) byPowiat.set(row.teryt, (entry = { counts: zeroCounts(), months: new Set() }));
      entry.counts[row.category] += row.count;
      entry.months.add(row.month);
    }
    const powiats = (await this.deps.store.crimeStats.unitPowiats(unit.id)).map(({ teryt, name }) => {
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
