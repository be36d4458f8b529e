import { ApiPath, StaffPath, apiPath } from '../../../../common/api.js';
import { ErrorCode } from '../../../../common/errors.js';
import type { CategoryList } from '../../../../common/schemas/category.js';
import type { CrimeImportLineError, CrimeImportResult } from '../../../../common/schemas/crime-stats.js';
import type {
  AuditPage, AuditQuery, BulkStatusChange, BulkStatusResult, DuplicateOf, MailStatus, StaffNotifications, StaffNotificationsInput, NewStaffAccount, Queue, QueueQuery, ReportChanged, StaffAccount, StaffAccountPatch, StaffMe,
  StaffNewReport, StaffReport, StaffReportCreated, StaffUnitConfig, StatusChange, UnitConfigInput,
} from '../../../../common/schemas/staff.js';
import type { UnitList } from '../../../../common/schemas/unit.js';
import { ApiError, apiErrorOf, requestJson } from '../../api/client.js';

/**
 * The staff API as typed functions. The console is served by the API's own server, so paths stay
 * relative: the session cookie is first-party, and the browser adds the same-origin `Origin`
 * header the server's CSRF check wants on every POST, PUT, PATCH and DELETE.
 */
const send = (method: string, body: unknown): RequestInit => ({
  method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});

/** `?a=1&b=x` from the defined, non-empty values. */
function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** 422 CRIME_IMPORT_INVALID: the CSV was refused as a whole; `lines` says what is wrong where. */
export class CrimeImportRefused extends ApiError {
  /** `lines` are the first problems the server lists; `moreErrors` counts those past them. */
  constructor(status: number, message: string, readonly lines: readonly CrimeImportLineError[], readonly moreErrors = 0) {
    super(ErrorCode.crimeImportInvalid, status, message);
  }
}

/**
 * POST crime-stats/import: the CSV's bytes as they are (not decoded text, so the server sees bad
 * UTF-8 and reports it as a line error), checked only with `dryRun`. Not requestJson: a refusal's
 * body carries the per-line errors, which an ApiError alone would drop.
 */
async function importCrimeStats(csv: Blob, dryRun: boolean): Promise<CrimeImportResult> {
  let response: Response;
  try {
    response = await fetch(StaffPath.crimeStatsImport + query({ dryRun }), {
      method: 'POST', headers: { accept: 'application/json', 'content-type': 'text/csv' }, body: csv,
    });
  } catch (error) {
    throw new ApiError('NETWORK_ERROR', 0, String(error));
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && body !== undefined) return body as CrimeImportResult;
  if (response.ok) throw new ApiError('BAD_RESPONSE', response.status, 'response is not JSON');
  const error = apiErrorOf(response.status, body);
  const { errors: lines, moreErrors } = (body ?? {}) as { errors?: unknown; moreErrors?: unknown };
  if (error.code === ErrorCode.crimeImportInvalid && Array.isArray(lines)) {
    throw new CrimeImportRefused(error.status, error.message, lines as CrimeImportLineError[], typeof moreErrors === 'number' ? moreErrors : 0);
  }
  throw error;
}

export const staffApi = {
  login: (login: string, password: string) => requestJson<StaffMe>(StaffPath.session, send('POST', { login, password })),
  /** 204 without a body, which requestJson would call a bad response. */
  async logout(): Promise<void> {
    const response = await fetch(StaffPath.session, { method: 'DELETE' });
    if (!response.ok && response.status !== 401) throw new ApiError('BAD_RESPONSE', response.status, `HTTP ${response.status}`);
  },
  me: () => requestJson<StaffMe>(StaffPath.me),
  queue: (filter: QueueQuery) => requestJson<Queue>(StaffPath.reports + query(filter)),
  report: (id: string) => requestJson<StaffReport>(apiPath(StaffPath.report, { id })),
  photoUrl: (id: string, n: number) => apiPath(StaffPath.reportPhoto, { id, n: String(n) }),
  changeStatus: (id: string, change: StatusChange) =>
    requestJson<ReportChanged>(apiPath(StaffPath.reportStatus, { id }), send('POST', change)),
  bulkStatus: (change: BulkStatusChange) => requestJson<BulkStatusResult>(StaffPath.reportsBulkStatus, send('POST', change)),
  duplicateOf: (id: string, link: DuplicateOf) =>
    requestJson<ReportChanged>(apiPath(StaffPath.reportDuplicateOf, { id }), send('POST', link)),
  enterReport: (report: StaffNewReport) => requestJson<StaffReportCreated>(StaffPath.reports, send('POST', report)),
  unitConfig: (id: string) => requestJson<StaffUnitConfig>(apiPath(StaffPath.unitConfig, { id })),
  saveUnitConfig: (id: string, own: UnitConfigInput) =>
    requestJson<StaffUnitConfig>(apiPath(StaffPath.unitConfig, { id }), send('PUT', own)),
  accounts: () => requestJson<{ accounts: StaffAccount[] }>(StaffPath.accounts),
  createAccount: (account: NewStaffAccount) => requestJson<StaffAccount>(StaffPath.accounts, send('POST', account)),
  patchAccount: (id: string, patch: StaffAccountPatch) =>
    requestJson<StaffAccount>(apiPath(StaffPath.account, { id }), send('PATCH', patch)),
  audit: (page: number, filter: Omit<AuditQuery, 'page'> = {}) => requestJson<AuditPage>(StaffPath.audit + query({ ...filter, page })),
  importCrimeStats,
  notifications: () => requestJson<StaffNotifications>(StaffPath.notifications),
  saveNotifications: (input: StaffNotificationsInput) => requestJson<StaffNotifications>(StaffPath.notifications, send('PUT', input)),
  mailStatus: () => requestJson<MailStatus>(StaffPath.mail),
  /** Public reads the console needs too: the unit tree and the category names. */
  units: () => requestJson<UnitList>(ApiPath.units),
  categories: () => requestJson<CategoryList>(ApiPath.categories),
};
