/**
 * The synchronous twin of an asynchronous port interface: what an adapter over a synchronous
 * driver (better-sqlite3) implements before `promised` (server/db/promised.ts) wraps it.
 */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};
