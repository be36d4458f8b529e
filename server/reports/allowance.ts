import { ErrorCode } from '../../common/errors.js';
import type { ActionAllowance, ReportAllowance } from '../../common/schemas/allowance.js';
import type { DailyActionsStore } from '../store/daily-actions.js';
import type { DailyRule } from './daily-rule.js';
import type { Actor } from './report-desk.js';

/** What the allowance depends on besides the daily rule, decided by the caller (it has the request). */
export interface AllowanceFacts {
  unitId: string;
  /** The page's origin may send reports and confirmations to the unit (the embedding rule). */
  originAllowed: boolean;
  /** The unit takes at least one category (its widget config may enable none). */
  anyCategory: boolean;
}

/**
 * The answer of GET /api/v1/reports/allowance: the refusals the POSTs would give now, found
 * without recording anything, so asking never uses up the day. A refusal that lasts longer
 * wins over a shorter one: the origin (until an admin changes it), then a unit without
 * categories, then the daily rule (until retryAt).
 */
export async function allowanceOf(
  rule: DailyRule, actions: DailyActionsStore, actor: Actor, facts: AllowanceFacts, now = new Date(),
): Promise<ReportAllowance> {
  const limit = await rule.refusal(actions, actor.deviceToken, actor.ip, now);
  const limited: ActionAllowance | undefined = limit && {
    allowed: false, code: ErrorCode.reportLimitReached, retryAt: limit.retryAt.toISOString(),
  };
  const origin: ActionAllowance | undefined = facts.originAllowed ? undefined : { allowed: false, code: ErrorCode.originNotAllowed };
  const noCategory: ActionAllowance | undefined = facts.anyCategory ? undefined : { allowed: false, code: ErrorCode.categoryDisabled };
  return {
    unit: facts.unitId,
    report: origin ?? noCategory ?? limited ?? { allowed: true },
    confirmation: origin ?? limited ?? { allowed: true },
  };
}
