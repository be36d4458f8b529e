import type { Sync } from '../store/sync.js';

/**
 * The asynchronous port interface over a synchronous repository: every method call returns a
 * promise of what the repository returned (or a rejected one for what it threw), so domain code
 * awaits SQLite and PostgreSQL alike. SQLite answers at once; the promise costs a microtask.
 * `guard` runs before each call and may refuse it by throwing (a unit's repositories outside it).
 */
export function promised<T extends object>(repository: Sync<T>, guard?: () => void): T {
  // One wrapper per method, made on first use: a call costs the promise, not a new closure.
  const wrappers = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy(repository as object, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(key);
      if (!wrapper) {
        const method = value as (...a: unknown[]) => unknown;
        wrapper = (...args: unknown[]) => {
          try {
            guard?.();
            return Promise.resolve(method.apply(target, args));
          } catch (error) {
            return Promise.reject(error);
          }
        };
        wrappers.set(key, wrapper);
      }
      return wrapper;
    },
  }) as T;
}
