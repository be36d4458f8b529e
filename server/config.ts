import { resolve } from 'node:path';
import { defaultDbPath } from './paths.js';

/** Settings of the process, read from the environment once at start. */
export interface Config {
  port: number;
  host: string;
  /** Absolute path of the SQLite file; its directory is created when missing. */
  dbPath: string;
  logLevel: LogLevel;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A setting has a value the server cannot use; the message names the variable and the fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from environment variables. This is the only place that reads
 * `process.env`, so every setting is documented here:
 *
 * - `PORT`: TCP port, default 3000 (0 picks a free port).
 * - `HOST`: interface to listen on, default `localhost`, so a developer's `npm start` is not
 *   reachable from the network by accident; containers and hosts behind a proxy set
 *   `HOST=0.0.0.0`.
 * - `KMZB_DB`: the SQLite file, default `<project root>/var/kmzb.sqlite`; a relative path is
 *   taken from the current directory.
 * - `LOG_LEVEL`: one of fatal, error, warn, info (default), debug, trace, silent.
 *
 * @throws ConfigError when a value is present but unusable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: parsePort(env.PORT),
    host: nonEmpty(env.HOST) ?? 'localhost',
    dbPath: resolve(nonEmpty(env.KMZB_DB) ?? defaultDbPath),
    logLevel: parseLogLevel(env.LOG_LEVEL),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(value: string | undefined): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${raw}".`);
  }
  return port;
}

function parseLogLevel(value: string | undefined): LogLevel {
  const raw = nonEmpty(value)?.toLowerCase();
  if (raw === undefined) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}".`);
  }
  return raw as LogLevel;
}
