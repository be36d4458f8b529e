import { Type, type Static } from '@sinclair/typebox';
import { ErrorCode } from '../errors.js';
import { UnitIdSchema } from './unit.js';

/** GET /api/v1/reports/allowance query: the widget's unit (default `pl`). */
export const AllowanceQuerySchema = Type.Object({ unit: Type.Optional(UnitIdSchema) });
export type AllowanceQuery = Static<typeof AllowanceQuerySchema>;

/** Whether one kind of civic action would be accepted now, and if not why and until when. */
export const ActionAllowanceSchema = Type.Object({
  allowed: Type.Boolean(),
  /**
   * Why not (absent when allowed), the code the POST would refuse with: ORIGIN_NOT_ALLOWED
   * (this page may not send to the unit, until an admin changes its origins), CATEGORY_DISABLED
   * (reports only: the unit takes no category at all), REPORT_LIMIT_REACHED (the daily rule,
   * see retryAt). When several apply, the one that lasts longest, in that order.
   */
  code: Type.Optional(
    Type.Union([
      Type.Literal(ErrorCode.originNotAllowed),
      Type.Literal(ErrorCode.categoryDisabled),
      Type.Literal(ErrorCode.reportLimitReached),
    ]),
  ),
  /** With REPORT_LIMIT_REACHED: when it opens again (ISO 8601, UTC), as the POST's retryAt. */
  retryAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export type ActionAllowance = Static<typeof ActionAllowanceSchema>;

/**
 * GET /api/v1/reports/allowance (header KMZB-Device; `Cache-Control: no-store`): whether this
 * device, its network and the page's origin may send a new report, or an "I see it too", to the
 * unit now. Read-only: asking counts nothing. The same rules as the POSTs decide, so a yes here
 * is a yes there unless something changes in between (another tab sends first). Reports and
 * confirmations draw on one daily allowance today, so both usually agree; read each anyway.
 */
export const ReportAllowanceSchema = Type.Object({
  unit: UnitIdSchema,
  report: ActionAllowanceSchema,
  confirmation: ActionAllowanceSchema,
});
export type ReportAllowance = Static<typeof ReportAllowanceSchema>;
