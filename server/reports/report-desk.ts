import { REPORT_LIMITS } from '../../common/catalogue.js';
import { ErrorCode } from '../../common/errors.js';
import type { ReportAllowance } from '../../common/schemas/allowance.js';
import type { UnitRef } from '../../common/schemas/unit.js';
import type {
  ConfirmationCreated,
  NearbyReport,
  NewReport,
  ReportCreated,
  ReportView,
} from '../../common/schemas/report.js';
import type { CategoryCatalogue } from '../catalogue/category-catalogue.js';
import type { Store } from '../store/store.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { metresBetween } from '../geo/distance.js';
import { degreesAround } from '../geo/flat-polygon.js';
import { SNAP_DISTANCE_METRES, type PowiatLocator } from '../geo/locator.js';
import { ProductError } from '../../common/product-error.js';
import type { CleanPhoto } from '../photos/clean-photo.js';
import { allowanceOf, type AllowanceFacts } from './allowance.js';
import type { DailyRule } from './daily-rule.js';
import { newReportId, newTrackingToken, trackingTokenMatches } from './ids.js';
import { isPubliclyVisible } from '../../common/visibility.js';

/** What the desk answers to a stored report; the route adds the tracking link (it knows the server's URL). */
export type ReportReceipt = Omit<ReportCreated, 'trackingUrl'>;

/** Who is acting: the widget's device token and the client's IP (both only ever hashed). */
export interface Actor {
  deviceToken: string;
  ip: string;
}

export interface ReportDeskDeps {
  /** Reports and the daily rule's log; writes go in units, which concurrent requests share (group commit). */
  store: Pick<Store, 'unit' | 'reports' | 'dailyActions'>;
  categories: CategoryCatalogue;
  units: UnitDirectory;
  locator: PowiatLocator;
  rule: DailyRule;
}

/**
 * The citizen-facing report workflow: routing a new report to its unit, the daily rule,
 * confirmations, the duplicate offer and the tracking view. Routes stay thin; every write
 * happens in one transaction so a refusal leaves nothing behind.
 */
export class ReportDesk {
  constructor(private readonly deps: ReportDeskDeps) {}

  /** Refuses early (before photos are read) when the daily rule would refuse anyway. */
  async precheck(actor: Actor, now = new Date()): Promise<void> {
    await this.deps.rule.admit(this.deps.store.dailyActions, actor.deviceToken, actor.ip, now);
  }

  /** Whether the actor may report or confirm now (GET /api/v1/reports/allowance); records nothing. */
  allowance(actor: Actor, facts: AllowanceFacts, now = new Date()): Promise<ReportAllowance> {
    return allowanceOf(this.deps.rule, this.deps.store.dailyActions, actor, facts, now);
  }

  /**
   * Stores a validated report with its cleaned photos, routed to the deepest unit. Resolves
   * once the report is committed to disk; the daily rule is checked inside the same write.
   */
  async submit(report: NewReport, photos: readonly CleanPhoto[], actor: Actor, now = new Date()): Promise<ReportReceipt> {
    const { store, categories, rule } = this.deps;
    if (!categories.visibilityOf(report.category)) {
      throw new ProductError(ErrorCode.unknownCategory, `There is no category "${report.category}".`);
    }
    const unit = this.unitAt(report.lon, report.lat);
    const createdAt = now.toISOString();
    const tracking = newTrackingToken();
    const id = await store.unit(async (tx) => {
      const insert = async (): Promise<string> => {
        let fresh: string;
        do fresh = newReportId();
        while (!(await tx.reports.insertUnlessTaken({ ...report, id: fresh, unitId: unit.id, trackingHash: tracking.hash, createdAt, photos })));
        return fresh;
      };
      // The daily rule (checked and logged in one call) and the insert are asked for together:
      // on PostgreSQL they go out as one round trip, run in this order. A refusal (or any
      // failure) rolls the whole unit back, the report with it.
      const [, fresh] = await Promise.all([rule.admitAndRecord(tx.dailyActions, actor.deviceToken, actor.ip, now, 'report'), insert()]);
      return fresh;
      // The photos' size, so that a commit never carries many large uploads at once.
    }, { bytes: photos.reduce((sum, photo) => sum + photo.bytes.length, 0), oneRoundTrip: true });
    return { id, trackingToken: tracking.token, status: 'new', unit, createdAt };
  }

  /** "I see it too": counted under the same daily rule as reports; resolves once committed. */
  confirm(id: string, actor: Actor, now = new Date()): Promise<ConfirmationCreated> {
    const { store, rule } = this.deps;
    return store.unit(async (tx) => {
      const report = await tx.reports.find(id);
      if (!report || !isPubliclyVisible(report.visibility, report.status, report.updatedAt, now)) throw notFound(id);
      if (!report.open) throw new ProductError(ErrorCode.reportNotOpen, `Report ${id} is closed (${report.status}).`);
      const admission = await rule.admitAndRecord(tx.dailyActions, actor.deviceToken, actor.ip, now, 'confirmation');
      const confirmations = await tx.reports.confirm(id, now.toISOString(), admission.device);
      return { id, confirmations };
    });
  }

  /** The reporter's view with the right token; otherwise only a publicly visible report. */
  async view(id: string, token: string | undefined, now = new Date()): Promise<ReportView> {
    const { store, units } = this.deps;
    const report = await store.reports.find(id);
    if (!report) throw notFound(id);
    const own = token !== undefined && trackingTokenMatches(token, report.trackingHash);
    if (!own && !isPubliclyVisible(report.visibility, report.status, report.updatedAt, now)) throw notFound(id);
    const unit = units.ref(report.unitId);
    if (!unit) throw new Error(`Report ${id} belongs to a missing unit ${report.unitId}`);
    return {
      id: report.id,
      category: report.category,
      status: report.status,
      createdAt: report.createdAt,
      updatedAt: report.updatedAt,
      unit,
      lon: report.lon,
      lat: report.lat,
      confirmations: report.confirmations,
      history: await store.reports.history(id),
    };
  }

  /** Open, publicly visible reports of a category within 250 m, nearest first, at most 5. */
  async nearby(lon: number, lat: number, category: string, now = new Date()): Promise<NearbyReport[]> {
    const { store, categories } = this.deps;
    const visibility = categories.visibilityOf(category);
    if (!visibility) throw new ProductError(ErrorCode.unknownCategory, `There is no category "${category}".`);
    const radius = REPORT_LIMITS.nearbyRadius;
    // A little over the radius: the R*Tree stores float32 boxes, rounded by up to ~1 m here.
    const { dLon, dLat } = degreesAround(radius + 5, lat);
    return (await store.reports.openInBox(lon - dLon, lat - dLat, lon + dLon, lat + dLat, category))
      .filter((r) => isPubliclyVisible(visibility, r.status, r.updatedAt, now))
      .map((r) => ({ ...r, distance: metresBetween(lon, lat, r.lon, r.lat) }))
      .filter((r) => r.distance <= radius)
      .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
      .slice(0, REPORT_LIMITS.nearbyMax)
      .map(({ id, category: code, status, createdAt, distance, confirmations }) => ({
        id, category: code, status, createdAt, distance: Math.round(distance), confirmations,
      }));
  }

  /** The deepest unit responsible for a point (the locate route's logic). */
  unitAt(lon: number, lat: number): UnitRef {
    const hit = this.deps.locator.locate(lon, lat);
    if (!hit) {
      throw new ProductError(ErrorCode.outsidePoland, `The point ${lon}, ${lat} is more than ${SNAP_DISTANCE_METRES} m from Poland.`);
    }
    const unit = this.deps.units.responsibleFor(hit.teryt)[0];
    if (!unit) throw new Error(`Powiat ${hit.teryt} has no county unit`);
    return unit;
  }
}

function notFound(id: string): ProductError {
  return new ProductError(ErrorCode.reportNotFound, `No report ${id} is visible.`);
}
