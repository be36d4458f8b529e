import { createHmac } from 'node:crypto';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { ThrottleStore } from '../store/throttle.js';

/** What @fastify/rate-limit calls back with: the hits in the window and the ms left of it. */
type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/** The plugin's options for a route's child store carry the route. */
type WithRoute = FastifyRateLimitOptions & { routeInfo?: { method?: string | string[]; url?: string } };

/** How often ended windows are deleted (by whichever instance counts a hit after this long). */
const PRUNE_EVERY_MS = 60_000;

/**
 * A @fastify/rate-limit store over the store port's shared counters (server/store/throttle.ts),
 * so instances behind one proxy throttle a client together instead of each allowing the full
 * rate. Like the plugin's own LocalStore, each route counts apart (a child per route). Client
 * addresses are keyed by an HMAC with a server secret: the table never holds an address.
 */
export function sharedThrottleStore(counters: ThrottleStore, secret: Buffer): FastifyRateLimitStoreCtor {
  let prunedAt = 0;
  return class SharedThrottleStore implements FastifyRateLimitStore {
    private readonly route: string;

    constructor(options: WithRoute) {
      const { method, url } = options.routeInfo ?? {};
      this.route = `${[method ?? ''].flat().join(',')} ${url ?? ''}`;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      const hashed = createHmac('sha256', secret).update(`${this.route}\n${key}`).digest('base64url');
      counters.hit(hashed, timeWindow, now).then(
        ({ count, windowStart }) => callback(null, { current: count, ttl: Math.max(0, windowStart + timeWindow - now) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
      if (now - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = now;
        // Best effort: a failed prune is retried a minute later, and old rows only take room.
        counters.prune(now - 2 * timeWindow).catch(() => undefined);
      }
    }

    child(routeOptions: WithRoute): FastifyRateLimitStore {
      return new SharedThrottleStore(routeOptions);
    }
  };
}
