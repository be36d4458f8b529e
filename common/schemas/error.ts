import { Type } from '@sinclair/typebox';
import { ErrorCode } from '../errors.js';

/** Schema of ErrorBody (common/errors.ts) for route responses and OpenAPI. */
export const ErrorBodySchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.Union(Object.values(ErrorCode).map((c) => Type.Literal(c))),
    error: Type.String(),
    message: Type.String(),
    /** Only on REPORT_LIMIT_REACHED (LimitErrorBody): when the next action is accepted. */
    retryAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'ErrorBody' },
);
