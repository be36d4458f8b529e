import { resolve } from 'node:path';
import type { ReportLimits } from './app.js';
import { defaultDbPath } from './paths.js';

/** Settings of the process, read from the environment once at start. */
export interface Config {
  port: number;
  host: string;
  /** Absolute path of the SQLite file; its directory is created when missing. */
  dbPath: string;
  /** KMZB_DATABASE_URL (postgres://…): the PostgreSQL store instead of the SQLite file. */
  databaseUrl?: string;
  logLevel: LogLevel;
  /** Daily rule and write throttle. */
  reportLimits: ReportLimits;
  /** Secret of the daily-rule hash keys; undefined: generated once and kept in the database. */
  secret: string | undefined;
  /** Synthetic demo reports to seed into a database without reports (0: none). */
  demoReports: number;
  /** Fastify trustProxy: false, true, a hop count, or a comma list of proxy addresses/CIDRs. */
  trustProxy: boolean | number | string;
  /** KMZB_PUBLIC_URL without a trailing slash; absent: links use the listening address. */
  publicUrl?: string;
  /** KMZB_PASSWORD_COST: scrypt's N = 2^this for new staff password hashes. */
  passwordCostLog2: number;
  /** Where Prometheus metrics are served (KMZB_METRICS); undefined: off. */
  metrics?: { host: string; port: number };
  /** Outgoing e-mail (KMZB_SMTP_URL and KMZB_MAIL_FROM); undefined: no mail is sent. */
  mail: MailConfig | undefined;
  /** KMZB_MAP_WORKERS: worker threads answering uncached map questions; absent: the default (2). */
  mapWorkers?: number;
}

/** Where notifications are sent through, and who they come from. */
export interface MailConfig {
  /** nodemailer's connection URL: `smtp://user:pass@host:587`, `smtps://…:465`. */
  smtpUrl: string;
  /** The From address: `kmzb@policja.example.pl` or `KMZB <kmzb@policja.example.pl>`. */
  from: string;
}

/** How many demo reports `npm start` seeds into an empty database. */
export const DEFAULT_DEMO_REPORTS = 5000;

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
 * - `KMZB_DATABASE_URL`: `postgres://user:password@host:5432/kmzb` (or `postgresql://`, with
 *   libpq's query options such as `?sslmode=require`): run on PostgreSQL 15+ with PostGIS
 *   instead of the SQLite file (README "Storage"); KMZB_DB is then not used.
 * - `LOG_LEVEL`: one of fatal, error, warn, info (default), debug, trace, silent.
 * - `KMZB_SECRET`: secret (at least 16 characters) from which the daily keys hashing device
 *   tokens and IPs are derived; default: a random one generated on first start and kept in
 *   the database. Set it when several processes share the rule or the file is restored elsewhere.
 * - `KMZB_REPORTS_PER_DEVICE`: reports plus confirmations per device per 24 h, default 1.
 * - `KMZB_REPORTS_PER_NETWORK`: the same per IPv4 address or IPv6 /64, default 30.
 * - `KMZB_WRITES_PER_MINUTE`: write requests per IP per minute (burst throttle), default 60.
 * - `KMZB_DEMO`: `0` turns off seeding 5,000 synthetic demo reports into a database that
 *   has no reports (default on, so `npm start` shows a living map).
 * - `KMZB_TRUST_PROXY`: behind a reverse proxy, `true`, a hop count, or the proxy addresses,
 *   so the client IP is read from X-Forwarded-For; default off (the socket's address). Without
 *   it behind a proxy every citizen shares one network and hits the per-network cap.
 * - `KMZB_PUBLIC_URL`: the address citizens and clients reach the server at, e.g.
 *   `https://kmzb.policja.gov.pl` (http or https, an optional path prefix, no query): the base
 *   of every absolute link the server writes (Atom feeds, Open311 discovery and tracking
 *   links). Default: the listening address. Links never come from the Host or
 *   X-Forwarded-Host headers, which any client can set.
 * - `KMZB_PASSWORD_COST`: scrypt cost of staff password hashes as log2 N, 14-20, default 17
 *   (128 MiB and ~0.6 s per hash on 2 cores). Older, cheaper hashes are rehashed at login.
 * - `KMZB_METRICS`: `host:port` (or a port, on 127.0.0.1) of a separate listener serving
 *   Prometheus metrics at `/metrics`; default off. Never the public port, so a reverse proxy
 *   cannot expose it by accident.
 * - `KMZB_SMTP_URL`, `KMZB_MAIL_FROM`: e-mail notifications through this SMTP server (a URL
 *   `smtp://user:pass@host:587` or `smtps://…`), from this address. Both or neither: without
 *   them no mail is sent (nor queued) and the console says so.
 * - `KMZB_MAP_WORKERS`: worker threads that answer uncached public map questions, 1-16,
 *   default 2 (two uncached questions do not wait for each other; each holds a read-only
 *   connection and its page cache).
 *
 * @throws ConfigError when a value is present but unusable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = parseDatabaseUrl(env.KMZB_DATABASE_URL);
  const metrics = parseMetrics(env.KMZB_METRICS);
  return {
    port: parsePort(env.PORT),
    host: nonEmpty(env.HOST) ?? 'localhost',
    dbPath: resolve(nonEmpty(env.KMZB_DB) ?? defaultDbPath),
    ...(databaseUrl ? { databaseUrl } : {}),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    reportLimits: {
      perDevice: parseCount('KMZB_REPORTS_PER_DEVICE', env.KMZB_REPORTS_PER_DEVICE, 1),
      perNetwork: parseCount('KMZB_REPORTS_PER_NETWORK', env.KMZB_REPORTS_PER_NETWORK, 30),
      writesPerMinute: parseCount('KMZB_WRITES_PER_MINUTE', env.KMZB_WRITES_PER_MINUTE, 60),
    },
    secret: parseSecret(env.KMZB_SECRET),
    demoReports: parseFlag('KMZB_DEMO', env.KMZB_DEMO, true) ? DEFAULT_DEMO_REPORTS : 0,
    trustProxy: parseTrustProxy(env.KMZB_TRUST_PROXY),
    ...optionalPublicUrl(env.KMZB_PUBLIC_URL),
    passwordCostLog2: parsePasswordCost(env.KMZB_PASSWORD_COST),
    ...(metrics ? { metrics } : {}),
    mail: parseMail(env.KMZB_SMTP_URL, env.KMZB_MAIL_FROM),
    ...optionalMapWorkers(env.KMZB_MAP_WORKERS),
  };
}

function optionalMapWorkers(value: string | undefined): { mapWorkers?: number } {
  if (nonEmpty(value) === undefined) return {};
  const workers = parseCount('KMZB_MAP_WORKERS', value, 2);
  if (workers > 16) throw new ConfigError(`KMZB_MAP_WORKERS must be a whole number from 1 to 16 (default 2), got "${value}".`);
  return { mapWorkers: workers };
}

/** log2 of scrypt's N: 14 (the minimum worth having) to 20 (1 GiB per hash); default 17. */
function parsePasswordCost(value: string | undefined): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return 17;
  const log2 = Number(raw);
  if (!Number.isInteger(log2) || log2 < 14 || log2 > 20) {
    throw new ConfigError(`KMZB_PASSWORD_COST must be a whole number from 14 to 20 (scrypt N = 2^value; default 17), got "${raw}".`);
  }
  return log2;
}

function optionalPublicUrl(value: string | undefined): { publicUrl?: string } {
  const raw = nonEmpty(value);
  if (raw === undefined) return {};
  const fail = (why: string): never => {
    throw new ConfigError(`KMZB_PUBLIC_URL must be an http(s) URL such as https://kmzb.example.pl (${why}), got "${raw}".`);
  };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('http or https');
  if (url.username || url.password) fail('no user or password');
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) fail('no query or fragment');
  return { publicUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

function parseMail(url: string | undefined, from: string | undefined): MailConfig | undefined {
  const smtpUrl = nonEmpty(url);
  const sender = nonEmpty(from);
  if (smtpUrl === undefined && sender === undefined) return undefined;
  if (smtpUrl === undefined || sender === undefined) {
    throw new ConfigError('KMZB_SMTP_URL and KMZB_MAIL_FROM go together: set both to send e-mail, or neither.');
  }
  let parsed: URL;
  try {
    parsed = new URL(smtpUrl);
  } catch {
    throw new ConfigError('KMZB_SMTP_URL must be a URL like smtp://user:pass@host:587 or smtps://user:pass@host:465.');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new ConfigError(`KMZB_SMTP_URL must start with smtp:// or smtps://, got "${parsed.protocol}".`);
  }
  if (!/^(?:[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+|[^<>]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>)$/.test(sender)) {
    throw new ConfigError('KMZB_MAIL_FROM must be an address (kmzb@example.pl) or a name and address (KMZB <kmzb@example.pl>).');
  }
  return { smtpUrl, from: sender };
}

function parseCount(name: string, value: string | undefined, fallback: number): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return fallback;
  const count = Number(raw);
  if (!/^\d+$/.test(raw) || count < 1 || count > 1_000_000_000) {
    throw new ConfigError(`${name} must be a whole number of at least 1, got "${raw}".`);
  }
  return count;
}

function parseFlag(name: string, value: string | undefined, fallback: boolean): boolean {
  const raw = nonEmpty(value)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be 1 or 0, got "${raw}".`);
}

function parseSecret(value: string | undefined): string | undefined {
  const raw = nonEmpty(value);
  if (raw !== undefined && raw.length < 16) {
    throw new ConfigError('KMZB_SECRET must have at least 16 characters (e.g. `openssl rand -hex 32`).');
  }
  return raw;
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  const raw = nonEmpty(value);
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
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

function parseMetrics(value: string | undefined): { host: string; port: number } | undefined {
  const raw = nonEmpty(value);
  if (raw === undefined || raw === '0' || raw === 'off') return undefined;
  // host:port, [ipv6]:port, or a bare port (loopback).
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(raw);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) {
    throw new ConfigError(`KMZB_METRICS must be host:port or a port (e.g. 127.0.0.1:9464), got "${raw}".`);
  }
  return { host: match[1]?.replace(/^\[|\]$/g, '') ?? '127.0.0.1', port };
}

/**
 * A PostgreSQL connection URL. Only its shape is checked here (reaching the server is the
 * start's job, with its own message); the URL itself is never echoed: it may carry a password.
 */
function parseDatabaseUrl(raw: string | undefined): string | undefined {
  const value = nonEmpty(raw);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('KMZB_DATABASE_URL must be a URL like postgres://user:password@host:5432/kmzb (the value given is not a URL).');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`KMZB_DATABASE_URL must start with postgres:// or postgresql://, not ${url.protocol}//.`);
  }
  if (!url.hostname && !url.searchParams.has('host')) {
    throw new ConfigError('KMZB_DATABASE_URL names no host: postgres://user:password@host:5432/kmzb.');
  }
  return value;
}
