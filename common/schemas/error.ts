import { Type } from '@sinclair/typebox';
import { ErrorCode } from '../errors.js';

/** Schema of ErrorBody (common/errors.ts) for route responses and OpenAPI. */
export const ErrorBodySchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.Union(Object.values(ErrorCode).map((c) => Type.Literal(c))),
    error: Type.String(),
    message: Type.String(),
  },
  { $id: 'ErrorBody' },
);
