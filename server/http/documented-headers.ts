import { Type } from '@sinclair/typebox';
import { DEVICE_HEADER, DEVICE_TOKEN_PATTERN, TRACKING_TOKEN_HEADER } from '../../common/api.js';
import { TrackingTokenSchema } from '../../common/schemas/report.js';

/**
 * Headers that handlers read themselves (http/actor.ts, report-reads.ts), as OpenAPI header
 * parameters (`documented.headers`): Fastify does not validate them by schema, so a bad one
 * keeps its own error code (DEVICE_TOKEN_REQUIRED) rather than a generic validation error.
 */
const DeviceToken = Type.String({
  pattern: DEVICE_TOKEN_PATTERN,
  description: 'The device token of the daily rule: a random value the client keeps (16-128 characters [A-Za-z0-9_-]).',
});

/** Civic actions (report, confirm, allowance): the device header is required. */
export const DeviceHeaderDoc = Type.Object({ [DEVICE_HEADER]: DeviceToken });

/** Open311 POST: the device header stands in for a missing `device_id` form field. */
export const OptionalDeviceHeaderDoc = Type.Object({ [DEVICE_HEADER]: Type.Optional(DeviceToken) });

/** GET a report: the tracking token, which turns the public view into the reporter's own. */
export const TrackingTokenHeaderDoc = Type.Object({
  [TRACKING_TOKEN_HEADER]: Type.Optional(Type.String({ pattern: TrackingTokenSchema.pattern!, description: 'The tracking token from the 201 answer to the report (preferred over ?token=: headers stay out of access logs).' })),
});
