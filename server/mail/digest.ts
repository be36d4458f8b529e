import { SERVICE_TARGETS } from '../../common/staff.js';
import type { DigestRow, MailStore } from '../store/mail.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Near" a deadline: it passes within this long. */
export const DIGEST_NEAR_MS = DAY_MS;

/** The digest's reports, each in one group, the most late first within each. */
export interface DigestSelection {
  /** Still new or verifying more than 5 days after creation. */
  overdueVerify: DigestRow[];
  /** Still new more than 2 days after creation (and not yet past the verify deadline). */
  overdueRead: DigestRow[];
  /** Passing the read or the verify deadline within a day. */
  dueSoon: DigestRow[];
}

/**
 * The reports of a staff member's units that the daily digest lists: open reports past the
 * read (2 days, still new) or verify (5 days, new or verifying) deadline, or within a day of
 * one. Reports in other statuses, and those far from both deadlines, are left out.
 */
export async function digestSelection(mail: Pick<MailStore, 'digestCandidates'>, units: readonly string[], now: Date): Promise<DigestSelection> {
  const t = now.getTime();
  const readDeadline = SERVICE_TARGETS.readWithinDays * DAY_MS;
  const verifyDeadline = SERVICE_TARGETS.verifyWithinDays * DAY_MS;
  const candidates = await mail.digestCandidates(
    units,
    new Date(t - readDeadline + DIGEST_NEAR_MS).toISOString(),
    new Date(t - verifyDeadline + DIGEST_NEAR_MS).toISOString(),
  );
  const selection: DigestSelection = { overdueVerify: [], overdueRead: [], dueSoon: [] };
  for (const row of candidates) {
    const age = t - Date.parse(row.createdAt);
    if (age > verifyDeadline) selection.overdueVerify.push(row);
    else if (row.status === 'new' && age > readDeadline) selection.overdueRead.push(row);
    else selection.dueSoon.push(row);
  }
  return selection;
}
