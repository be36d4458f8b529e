import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { OPEN311_PREFIX } from '../common/api.js';
import { seedDemoReports } from './demo/seed-demo-reports.js';
import { serializeRequest } from './http/log-serializers.js';
import { defaultDemoDir, defaultDistDir } from './paths.js';
import dbPlugin from './plugins/db.js';
import compressionPlugin from './plugins/compression.js';
import errorsPlugin, { frameworkError } from './plugins/errors.js';
import locatorPlugin from './plugins/locator.js';
import metricsPlugin, { type MetricsOptions } from './plugins/metrics.js';
import mailPlugin from './plugins/mail.js';
import openapiPlugin from './plugins/openapi.js';
import publicUrlPlugin from './plugins/public-url.js';
import { usePasswordCost } from './staff/passwords.js';
import reportMapPlugin from './plugins/report-map.js';
import reportsPlugin from './plugins/reports.js';
import requestLogPlugin from './plugins/request-log.js';
import staffPlugin from './plugins/staff.js';
import statsPlugin from './plugins/stats.js';
import staticPlugin from './plugins/static.js';
import throttlePlugin from './plugins/throttle.js';
import { requestId } from './http/request-id.js';
import { RequestLog } from './http/request-log.js';
import { DEFAULT_DAILY_LIMITS, type DailyLimits } from './reports/daily-rule.js';
import { DEFAULT_REPORT_MAP_OPTIONS, type ReportMapOptions } from './reports/report-map.js';
import apiRoutes from './routes/api.js';
import healthRoutes from './routes/health.js';
import open311Routes from './routes/open311.js';
import staffRoutes from './routes/staff.js';
import trackingPageRoutes from './routes/tracking-page.js';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './staff/login-throttle.js';
import type { MailerOptions, MailSettings } from './mail/mailer.js';

/** Limits on citizens' writes (reports and confirmations). */
export interface ReportLimits extends DailyLimits {
  /** General throttle: write requests per client IP per minute (in memory). */
  writesPerMinute: number;
}

export const DEFAULT_REPORT_LIMITS: ReportLimits = { ...DEFAULT_DAILY_LIMITS, writesPerMinute: 60 };

export interface AppOptions {
  /** SQLite file; created, migrated and seeded on first use. */
  dbPath: string;
  /**
   * postgres://… (KMZB_DATABASE_URL): the PostgreSQL store instead of the SQLite file; migrated
   * and seeded on first use as the file is.
   */
  databaseUrl?: string | undefined;
  /** Fastify logger setting; off by default (tests), server.ts passes the level. */
  logger?: FastifyServerOptions['logger'];
  /** Built widget (`npm run build:widget`), served at /widget/; default `<project root>/dist`. */
  distDir?: string;
  /** Host pages served at /; default `<project root>/demo`. */
  demoDir?: string;
  /** Daily rule and throttle; defaults DEFAULT_REPORT_LIMITS (1 per device, 30 per network, 60/min). */
  reportLimits?: Partial<ReportLimits>;
  /** Secret of the daily-rule hash keys (KMZB_SECRET); default: generated once, kept in the database. */
  secret?: string;
  /** Seed this many synthetic demo reports when the database has no reports; default 0 (never). */
  demoReports?: number;
  /**
   * Fastify's trustProxy (true, a hop count, or proxy addresses): set behind a reverse proxy
   * so the client IP, which the per-network cap hashes, comes from X-Forwarded-For.
   */
  trustProxy?: boolean | number | string;
  /** The public map: point limit before clustering (2,000) and answer cache lifetime (60 s). */
  reportMap?: Partial<ReportMapOptions>;
  /** Staff login throttling: failures per account and network (5), per account from untrusted networks (10), per network (20) in a window (15 min). */
  loginLimits?: Partial<LoginLimits>;
  /** Base of absolute links (KMZB_PUBLIC_URL); default the listening address, never the Host header. */
  publicUrl?: string | undefined;
  /** scrypt cost of new staff password hashes as log2 N (KMZB_PASSWORD_COST); default 17. */
  passwordCostLog2?: number;
  /** Prometheus metrics (KMZB_METRICS): collected only when given, served on `listen` if set. */
  metrics?: MetricsOptions | undefined;
  /** E-mail notifications (KMZB_SMTP_URL, KMZB_MAIL_FROM); absent: no mail is sent. */
  mail?: MailSettings;
  /** The mail worker's timing (interval 30 s, 8 attempts, backoff from 1 min, digest hour); tests set interval 0. */
  mailer?: Partial<MailerOptions>;
}

type PluginOptions = Required<Pick<AppOptions, 'dbPath' | 'distDir' | 'demoDir' | 'demoReports'>> & {
  databaseUrl?: string | undefined;
  limits: ReportLimits;
  reportMap: ReportMapOptions;
  secret?: string | undefined;
  loginLimits: LoginLimits;
  publicUrl?: string | undefined;
  metrics?: MetricsOptions | undefined;
  mail?: MailSettings | undefined;
  mailer?: Partial<MailerOptions> | undefined;
};

/** The whole application as one plugin: resources first, then routes. */
export const kmzbApp = fp<PluginOptions>(
  async (app, options) => {
    await app.register(errorsPlugin);
    // Before any route: it appends its hook to every route's own onSend hooks, to run last.
    await app.register(compressionPlugin);
    await app.register(publicUrlPlugin, { publicUrl: options.publicUrl });
    await app.register(requestLogPlugin);
    if (options.metrics) await app.register(metricsPlugin, options.metrics);
    // Before any route: it collects the routes registered after it into the OpenAPI document.
    await app.register(openapiPlugin);
    await app.register(dbPlugin, { dbPath: options.dbPath, databaseUrl: options.databaseUrl });
    await app.register(locatorPlugin);
    await app.register(reportsPlugin, { limits: options.limits, secret: options.secret });
    if (options.demoReports > 0 && (await app.store.reports.count()) === 0) {
      const seeded = await seedDemoReports(app, { count: options.demoReports });
      app.log.info({ reports: seeded }, 'seeded synthetic demo reports (KMZB_DEMO=0 turns this off)');
    }
    await app.register(reportMapPlugin, options.reportMap);
    await app.register(throttlePlugin, { writesPerMinute: options.limits.writesPerMinute });
    await app.register(staticPlugin, { distDir: options.distDir, demoDir: options.demoDir });
    await app.register(healthRoutes);
    // Before the staff plugin: status changes queue the citizen's update mails.
    await app.register(mailPlugin, { settings: options.mail, options: options.mailer });
    await app.register(staffPlugin, { loginLimits: options.loginLimits });
    await app.register(statsPlugin);
    await app.register(apiRoutes);
    await app.register(staffRoutes);
    // The page behind a report's tracking link (/r/:id#token=…).
    await app.register(trackingPageRoutes);
    // Its own error format and form parser: encapsulated under its prefix.
    await app.register(open311Routes, { prefix: OPEN311_PREFIX });
  },
  { name: 'kmzb-app', fastify: '5.x' },
);

/**
 * Passwords and session cookies never reach the log, whatever a serializer or a debug line
 * includes (pino replaces them with "[Redacted]"); nor do raw client addresses or tracking tokens.
 */
function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === false || logger === undefined) return logger;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    redact: ['body.password', 'req.body.password', 'password', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    // No raw client address and no query secrets (tracking tokens) in request lines.
    serializers: { ...base.serializers, req: serializeRequest },
  };
}

/**
 * Builds the app without listening (server.ts listens; tests use `app.inject`). The caller
 * owns the result and must `close()` it, which also closes the database.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  if (options.passwordCostLog2 !== undefined) usePasswordCost(options.passwordCostLog2);
  const app = Fastify({
    logger: withRedaction(options.logger ?? false),
    // Fastify accepts a hop count at run time although its type omits numbers.
    trustProxy: (options.trustProxy ?? false) as FastifyServerOptions['trustProxy'],
    // Strip properties the schemas do not declare, whether or not they set additionalProperties.
    ajv: { customOptions: { removeAdditional: 'all' } },
    // Routing errors (an over-long path parameter, a bad URL) in the product's error format.
    frameworkErrors: frameworkError,
    // One log line per request, with an id that the answer returns (http/request-log.ts).
    genReqId: requestId,
    logController: new RequestLog(),
    // The app plugin opens, migrates and seeds the database (5,000 demo reports on a first
    // `npm start`), which on a busy 2-core machine outlasted Fastify's default 10 s and failed
    // the start. Every plugin here is async, so the timeout's purpose (a forgotten `done`) does
    // not apply; a generous bound still reports a start that truly hangs.
    pluginTimeout: 120_000,
  });
  try {
    await app.register(kmzbApp, {
      dbPath: options.dbPath,
      databaseUrl: options.databaseUrl,
      distDir: options.distDir ?? defaultDistDir,
      demoDir: options.demoDir ?? defaultDemoDir,
      demoReports: options.demoReports ?? 0,
      limits: { ...DEFAULT_REPORT_LIMITS, ...options.reportLimits },
      secret: options.secret,
      reportMap: { ...DEFAULT_REPORT_MAP_OPTIONS, ...options.reportMap },
      loginLimits: { ...DEFAULT_LOGIN_LIMITS, ...options.loginLimits },
      publicUrl: options.publicUrl,
      metrics: options.metrics,
      mail: options.mail,
      mailer: options.mailer,
    });
    await app.ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
