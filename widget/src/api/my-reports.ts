/** Local storage key of the reports sent from this browser (ids with their tracking tokens). */
export const MY_REPORTS_KEY = 'kmzb:reports';

/** How many of the newest reports the device remembers. */
const KEEP = 20;

/** A report sent from this device: enough to ask the API for its status. */
export interface MyReport {
  id: string;
  /** The private tracking token from the 201 answer; shown nowhere, sent only to the API. */
  token: string;
  /** ISO time of creation. */
  createdAt: string;
  /** The status this device last showed in the tracking view; a different one is marked as new. */
  seenStatus?: string;
}

let memory: MyReport[] = [];

/** The reports sent from this device, newest first. */
export function loadMyReports(): MyReport[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(MY_REPORTS_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isMyReport) : [];
  } catch {
    return memory;
  }
}

/** Remembers a new report (at the top of the list). */
export function rememberReport(report: MyReport): void {
  const list = [report, ...loadMyReports().filter((r) => r.id !== report.id)].slice(0, KEEP);
  try {
    localStorage.setItem(MY_REPORTS_KEY, JSON.stringify(list));
  } catch {
    memory = list;
  }
}

/** Records that this device showed the report at `status` (the tracking view did). */
export function markSeen(id: string, status: string): void {
  const list = loadMyReports();
  const report = list.find((r) => r.id === id);
  if (!report || report.seenStatus === status) return;
  report.seenStatus = status;
  try {
    localStorage.setItem(MY_REPORTS_KEY, JSON.stringify(list));
  } catch {
    memory = list;
  }
}

/** Whether the report's status changed since this device last showed it (new reports start as seen `new`). */
export function statusChanged(report: MyReport, status: string): boolean {
  return status !== (report.seenStatus ?? 'new');
}

function isMyReport(value: unknown): value is MyReport {
  const r = value as Partial<MyReport> | null;
  return typeof r?.id === 'string' && typeof r.token === 'string' && typeof r.createdAt === 'string';
}
