import { ErrorCode } from '../../common/errors.js';
import type { StaffNewReport, StaffReportCreated } from '../../common/schemas/staff.js';
import type { CategoryCatalogue } from '../catalogue/category-catalogue.js';
import type { Store } from '../store/store.js';
import { ProductError } from '../../common/product-error.js';
import type { ReportDesk } from '../reports/report-desk.js';
import { newReportId, newTrackingToken } from '../reports/ids.js';
import { parseNewReport } from '../reports/new-report.js';
import type { Audit } from './audit.js';
import { requireUnitInScope, type StaffPrincipal } from './scope.js';

export interface ReportEntryDeps {
  store: Pick<Store, 'unit'>;
  categories: CategoryCatalogue;
  reportDesk: ReportDesk;
  audit: Audit;
}

/**
 * A report staff enter from a public debate, a direct contact or their own observation:
 * validated with the citizen's rules and codes, routed to the deepest unit of the point like
 * a citizen's report, but with no daily rule and with the staff account in its first history
 * entry. Nobody tracks it with a token, so the token is thrown away and only its hash kept.
 */
export async function enterReport(deps: ReportEntryDeps, staff: StaffPrincipal, body: StaffNewReport, now = new Date()): Promise<StaffReportCreated> {
  const report = parseNewReport(body, now);
  if (!deps.categories.visibilityOf(report.category)) {
    throw new ProductError(ErrorCode.unknownCategory, `There is no category "${report.category}".`);
  }
  const unit = deps.reportDesk.unitAt(report.lon, report.lat);
  requireUnitInScope(staff, unit.id);
  const createdAt = now.toISOString();
  const id = await deps.store.unit(async (tx) => {
    let fresh: string;
    do fresh = newReportId();
    while (!(await tx.reports.insertUnlessTaken({
      ...report, id: fresh, unitId: unit.id, source: body.source, trackingHash: newTrackingToken().hash, createdAt, staffId: staff.id,
    })));
    await tx.audit.append(deps.audit.entry({
      at: createdAt, staffId: staff.id, action: 'report.create', targetType: 'report', targetId: fresh, unitId: unit.id,
      after: { source: body.source, category: report.category, lon: report.lon, lat: report.lat },
    }));
    return fresh;
  });
  return { id, status: 'new', unit, createdAt, version: 1 };
}
