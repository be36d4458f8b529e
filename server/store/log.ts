/**
 * What domain code logs through: the subset of pino's (and so Fastify's) logger it calls, so
 * background work like the mail queue can log without depending on the web framework.
 */
export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
