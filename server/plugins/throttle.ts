import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { ErrorCode } from '../../common/errors.js';
import { ApiError } from '../http/api-error.js';

export interface ThrottlePluginOptions {
  /** Write requests per client IP per minute. */
  writesPerMinute: number;
}

/**
 * General throttling of the write routes, per IP, in memory: a burst guard, separate from
 * the daily rule (which lives in SQLite and survives restarts). Not global: routes opt in
 * with `config: { rateLimit: {} }`, so reads and static files are never throttled.
 */
export default fp<ThrottlePluginOptions>(
  async (app, { writesPerMinute }) => {
    await app.register(rateLimit, {
      global: false,
      max: writesPerMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        new ApiError(429, ErrorCode.rateLimited, `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s.`),
    });
  },
  { name: 'kmzb-throttle', fastify: '5.x' },
);
