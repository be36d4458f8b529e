import type { Status } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import type { BulkStatusChange, BulkStatusResult, Queue, QueueQuery, ReportChanged, StaffReport, StatusChange } from '../../common/schemas/staff.js';
import {
  NEARBY_DUPLICATE_MAX, NEARBY_DUPLICATE_METRES, SERVICE_TARGETS, STATUS_MOVES, STATUSES_NEEDING_REASON, isMoveAllowed,
} from '../../common/staff.js';
import { metresBetween } from '../geo/distance.js';
import { degreesAround } from '../geo/flat-polygon.js';
import type { PowiatLocator } from '../geo/locator.js';
import type { StaffReportRow } from '../store/staff-reports.js';
import type { Store, StoreUnit } from '../store/store.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { ProductError } from '../../common/product-error.js';
import type { Audit } from './audit.js';
import { requireReportInScope, requireUnitInScope, type StaffPrincipal } from './scope.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PAGE_SIZE = 50;

export interface ReportWorkDeps {
  store: Pick<Store, 'unit' | 'staffReports'>;
  units: UnitDirectory;
  audit: Audit;
  /** The report page's routing (which powiat, snapped or not); without them it is left out. */
  locator?: PowiatLocator;
  powiats?: { find(teryt: string): { teryt: string; name: string; voivodeship: { teryt: string; name: string } } | undefined };
  /** Told of every status change in its unit (the reporter's update mail, and forgetting their address). */
  mailer?: {
    statusChanged(tx: Pick<StoreUnit, 'mail'>, reportId: string, status: Status, publicNote: string | null, now?: Date): Promise<void>;
    wantsUpdates(reportId: string): Promise<boolean>;
  };
}

/**
 * Working the queue: the reports of a staff member's subtree, a report in full, status
 * changes along STATUS_MOVES and duplicate linking. Every write checks scope, version and
 * move inside one unit with its history and audit entries, so a refusal changes nothing.
 */
export class ReportWork {
  constructor(private readonly deps: ReportWorkDeps) {}

  async queue(staff: StaffPrincipal, query: QueueQuery, now = new Date()): Promise<Queue> {
    let units = staff.scope;
    if (query.unit !== undefined) {
      requireUnitInScope(staff, query.unit);
      units = this.deps.units.scope(query.unit);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { total, rows: reports } = await this.deps.store.staffReports.list({
      units, status: query.status, category: query.category, source: query.source, since: query.since, until: query.until,
      overdueOnly: query.overdue === true,
      readBy: new Date(now.getTime() - SERVICE_TARGETS.readWithinDays * DAY_MS).toISOString(),
      verifyBy: new Date(now.getTime() - SERVICE_TARGETS.verifyWithinDays * DAY_MS).toISOString(),
      limit: pageSize, offset: (page - 1) * pageSize,
    });
    return { total, page, pageSize, reports };
  }

  /** A report in full, 404 REPORT_NOT_FOUND outside the subtree. */
  async detail(staff: StaffPrincipal, id: string, now = new Date()): Promise<StaffReport> {
    const { store: { staffReports }, units } = this.deps;
    const row = await this.inScope(staff.scope, staffReports, id);
    const age = now.getTime() - Date.parse(row.createdAt);
    const report: StaffReport = {
      id: row.id, category: row.category, status: row.status, source: row.source,
      unit: units.ref(row.unit) ?? { id: row.unit, kind: 'county', name: row.unit, shortName: row.unit },
      createdAt: row.createdAt, updatedAt: row.updatedAt, confirmations: row.confirmations, lon: row.lon, lat: row.lat,
      version: row.version,
      overdueRead: row.status === 'new' && age > SERVICE_TARGETS.readWithinDays * DAY_MS,
      overdueVerify: (row.status === 'new' || row.status === 'verifying') && age > SERVICE_TARGETS.verifyWithinDays * DAY_MS,
      photos: await staffReports.photos(id),
      history: (await staffReports.history(id)).map((h) => ({
        at: h.at, status: h.status,
        ...(h.publicNote !== null && { publicNote: h.publicNote }),
        ...(h.internalNote !== null && { internalNote: h.internalNote }),
        ...(h.staffId !== null && { staff: { id: h.staffId, displayName: h.staffName ?? '' } }),
      })),
      duplicateOf: row.duplicateOf,
      allowedMoves: [...STATUS_MOVES[row.status]],
    };
    if (row.description !== null) report.description = row.description;
    if (row.eventAt !== null) report.eventAt = row.eventAt;
    if (row.recurrence !== null) report.recurrence = JSON.parse(row.recurrence) as StaffReport['recurrence'];
    report.confirmedAt = await staffReports.confirmedAt(id);
    const routing = this.routingOf(row.lon, row.lat);
    if (routing) report.routing = routing;
    report.nearby = await this.nearby(staff, row);
    if (this.deps.mailer) report.reporterWantsUpdates = await this.deps.mailer.wantsUpdates(id);
    return report;
  }

  /** The powiat the point lies in (or was snapped to, and how far), as the report was routed. */
  private routingOf(lon: number, lat: number): StaffReport['routing'] {
    const { locator, powiats } = this.deps;
    const hit = locator?.locate(lon, lat);
    const powiat = hit && powiats?.find(hit.teryt);
    if (!hit || !powiat) return undefined;
    return { powiat: { teryt: powiat.teryt, name: powiat.name }, voivodeship: powiat.voivodeship, snappedMetres: Math.ceil(hit.distance) };
  }

  /** Other open reports of the staff member's units close by: possible duplicates, nearest first. */
  private async nearby(staff: StaffPrincipal, row: StaffReportRow): Promise<NonNullable<StaffReport['nearby']>> {
    // A little over the radius: the R*Tree keeps float32 boxes.
    const { dLon, dLat } = degreesAround(NEARBY_DUPLICATE_METRES + 5, row.lat);
    const box = { minLon: row.lon - dLon, minLat: row.lat - dLat, maxLon: row.lon + dLon, maxLat: row.lat + dLat };
    return (await this.deps.store.staffReports.openNear(row.id, box, staff.scope))
      .map((r) => ({ ...r, distance: Math.round(metresBetween(row.lon, row.lat, r.lon, r.lat)) }))
      .filter((r) => r.distance <= NEARBY_DUPLICATE_METRES)
      .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
      .slice(0, NEARBY_DUPLICATE_MAX);
  }

  /** One stored photo (already stripped of metadata at upload). */
  async photo(staff: StaffPrincipal, id: string, n: number): Promise<{ mime: string; bytes: Buffer }> {
    await this.inScope(staff.scope, this.deps.store.staffReports, id);
    const photo = await this.deps.store.staffReports.photoBytes(id, n);
    if (!photo) throw new ProductError(ErrorCode.reportNotFound, `Report ${id} has no photo ${n}.`);
    return photo;
  }

  async changeStatus(staff: StaffPrincipal, id: string, change: StatusChange, now = new Date()): Promise<ReportChanged> {
    const { store, audit } = this.deps;
    if (STATUSES_NEEDING_REASON.includes(change.status) && !change.internalNote?.trim()) {
      throw new ProductError(ErrorCode.reasonRequired, `Moving a report to ${change.status} needs the reason as an internal note.`);
    }
    const at = now.toISOString();
    return store.unit(async (tx) => {
      const before = await this.inScope(staff.scope, tx.staffReports, id);
      if (before.version !== change.version) throw stale(id);
      if (!isMoveAllowed(before.status, change.status)) {
        throw new ProductError(ErrorCode.transitionNotAllowed, `A report cannot move from ${before.status} to ${change.status}.`);
      }
      if (!(await tx.staffReports.changeStatus(id, change.version, change.status, at, staff.id, change.publicNote, change.internalNote))) throw stale(id);
      const after = { id, status: change.status, version: change.version + 1, updatedAt: at };
      await tx.audit.append(audit.entry({
        at, staffId: staff.id, action: 'report.status', targetType: 'report', targetId: id, unitId: before.unit,
        before: { status: before.status, version: before.version },
        after: { status: change.status, version: after.version, publicNote: change.publicNote ?? null, internalNote: change.internalNote ?? null },
      }));
      await this.deps.mailer?.statusChanged(tx, id, change.status, change.publicNote ?? null, now);
      return after;
    });
  }

  /**
   * One status and note for several reports. Each goes through changeStatus on its own (its own
   * unit, checks and audit entry), so a stale or disallowed one is reported and the
   * others still change; a duplicate id in the list is refused as stale (its version moved).
   */
  async changeStatuses(staff: StaffPrincipal, bulk: BulkStatusChange, now = new Date()): Promise<BulkStatusResult> {
    const { status, publicNote, internalNote } = bulk;
    if (STATUSES_NEEDING_REASON.includes(status) && !internalNote?.trim()) {
      throw new ProductError(ErrorCode.reasonRequired, `Moving a report to ${status} needs the reason as an internal note.`);
    }
    // One after the other, in the list's order: a repeated id then meets its own first change.
    const results = [];
    for (const { id, version } of bulk.reports) {
      try {
        const change: StatusChange = { status, version };
        if (publicNote !== undefined) change.publicNote = publicNote;
        if (internalNote !== undefined) change.internalNote = internalNote;
        const after = await this.changeStatus(staff, id.toUpperCase(), change, now);
        results.push({ id: after.id, changed: true as const, status: after.status, version: after.version });
      } catch (error) {
        if (!(error instanceof ProductError)) throw error;
        results.push({ id, changed: false as const, code: error.code, message: error.message });
      }
    }
    const changed = results.filter((r) => r.changed).length;
    return { changed, refused: results.length - changed, results };
  }

  /** Hides `id` as a duplicate of `original` (both in scope); its confirmations move to the original. */
  async linkDuplicate(staff: StaffPrincipal, id: string, original: string, version: number, publicNote: string | undefined, now = new Date()): Promise<ReportChanged> {
    const { store, audit } = this.deps;
    const at = now.toISOString();
    return store.unit(async (tx) => {
      const before = await this.inScope(staff.scope, tx.staffReports, id);
      const target = await this.inScope(staff.scope, tx.staffReports, original);
      if (before.version !== version) throw stale(id);
      if (id === original || target.status === 'hidden' || target.duplicateOf !== null || before.status === 'hidden') {
        throw new ProductError(ErrorCode.invalidDuplicate, `Report ${id} cannot be marked as a duplicate of ${original}.`);
      }
      const note = `Duplicate of ${original}`;
      if (!(await tx.staffReports.linkDuplicate(id, version, original, before.confirmations, at, staff.id, publicNote, note))) throw stale(id);
      await tx.audit.append(audit.entry({
        at, staffId: staff.id, action: 'report.duplicate', targetType: 'report', targetId: id, unitId: before.unit,
        before: { status: before.status, version, confirmations: before.confirmations },
        after: { status: 'hidden', version: version + 1, duplicateOf: original, movedConfirmations: before.confirmations },
      }));
      await this.deps.mailer?.statusChanged(tx, id, 'hidden', publicNote ?? null, now);
      return { id, status: 'hidden' as const, version: version + 1, updatedAt: at };
    });
  }

  /** The report, read through `reports` (a unit's, inside one), 404 outside the staff member's scope. */
  private async inScope(scope: StaffPrincipal['scope'], reports: Pick<Store['staffReports'], 'find'>, id: string): Promise<StaffReportRow> {
    return requireReportInScope({ scope }, id, await reports.find(id));
  }
}

function stale(id: string): ProductError {
  return new ProductError(ErrorCode.staleReport, `Report ${id} was changed meanwhile; reload it and try again.`);
}
