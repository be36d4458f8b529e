import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { ErrorCode } from '../../common/errors.js';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../http/api-error.js';
import { sharedThrottleStore } from '../http/shared-throttle.js';

export interface ThrottlePluginOptions {
  /** Write requests per client IP per minute. */
  writesPerMinute: number;
}

/**
 * General throttling of the write routes, per IP: a burst guard, separate from the daily rule
 * (which lives in the store and survives restarts). Counted in memory on a SQLite file (one
 * process owns it), in the database on PostgreSQL (instances behind one proxy share the
 * counts). Not global: routes opt in with `config: { rateLimit: {} }`, so reads and static
 * files are never throttled.
 */
export default fp<ThrottlePluginOptions>(
  async (app, { writesPerMinute }) => {
    const counters = app.store.throttle;
    await app.register(rateLimit, {
      global: false,
      ...(counters ? {
        store: sharedThrottleStore(counters, await app.store.secrets.stored('write-throttle', () => randomBytes(32))),
        // The database unreachable: the write itself meets it and answers 503; the guard lets it through.
        skipOnError: true,
      } : {}),
      max: writesPerMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        new ApiError(429, ErrorCode.rateLimited, `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s.`),
    });
  },
  { name: 'kmzb-throttle', fastify: '5.x', dependencies: ['kmzb-db'] },
);
