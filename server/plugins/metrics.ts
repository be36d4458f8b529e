import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ApiPath, OPEN311_PREFIX } from '../../common/api.js';
import { SERVICE_TARGETS } from '../../common/staff.js';
import { LimitReachedError } from '../reports/daily-rule.js';
import { toErrorBody } from './errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Prometheus metrics of this app (only when KMZB_METRICS is set). */
    metrics: { registry: Registry; address(): AddressInfo | null };
  }
}

export interface MetricsOptions {
  /** Where `GET /metrics` is served: its own listener, never the public port. Omitted: none (tests read the registry). */
  listen?: { host: string; port: number } | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Overdue counts cost a query on the reports table: at most one per this many ms. */
const OVERDUE_EVERY_MS = 30_000;

/** The citizen write a route is, for the accepted/refused counters. */
function citizenWrite(request: FastifyRequest): 'report' | 'confirmation' | undefined {
  if (request.method !== 'POST') return undefined;
  const route = request.routeOptions.url;
  if (route === ApiPath.reports || route?.startsWith(`${OPEN311_PREFIX}/requests.`)) return 'report';
  if (route === ApiPath.reportConfirmations) return 'confirmation';
  return undefined;
}

/**
 * Registered before the routes, so its hooks see every request. Prometheus metrics: requests by route and status with their durations, citizens' reports and
 * confirmations accepted and refused (by error code), daily-rule refusals, the map answer
 * cache, overdue reports, the database and WAL sizes, and Node's own (event-loop delay, heap,
 * CPU, file descriptors). Served on a separate listener bound to the address of KMZB_METRICS,
 * so nothing a reverse proxy forwards can reach it.
 */
export default fp<MetricsOptions>(
  async (app, options) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
    // Gauges that prom-client names like counters: promtool's lint refuses them, and the same
    // counts are there per type without the suffix (nodejs_active_handles{type=...}).
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
      registry.removeSingleMetric(name);
    }

    const requests = new Histogram({
      name: 'kmzb_http_request_duration_seconds',
      help: 'Time from a request read to its answer sent, by route pattern (unmatched: no route) and status.',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    });
    const writes = new Counter({
      name: 'kmzb_citizen_writes_total',
      help: "Citizens' reports (widget, API, Open311) and confirmations, by outcome and, for refusals, error code.",
      labelNames: ['kind', 'outcome', 'code'] as const,
      registers: [registry],
    });
    const dailyRule = new Counter({
      name: 'kmzb_daily_rule_refusals_total',
      help: 'Reports and confirmations refused by the daily rule, by the cap that refused (device or network).',
      labelNames: ['kind', 'scope'] as const,
      registers: [registry],
    });
    new Counter({
      name: 'kmzb_map_answer_cache_lookups_total',
      help: 'Public map answers looked up in the answer cache, by result (hit or miss).',
      labelNames: ['result'] as const,
      registers: [registry],
      collect() {
        const { hits, misses } = app.reportMap.cacheStats();
        this.reset();
        this.inc({ result: 'hit' }, hits);
        this.inc({ result: 'miss' }, misses);
      },
    });
    new Gauge({
      name: 'kmzb_database_size_bytes',
      help: 'Size of the database on disk: the SQLite file and its write-ahead log (file main, wal), or the PostgreSQL database (file database).',
      labelNames: ['file'] as const,
      registers: [registry],
      async collect() {
        // Read on scrape: this plugin is registered before the store is opened.
        for (const { part, bytes } of await app.store.operations.sizes()) this.set({ file: part }, bytes);
      },
    });
    let overdueAt = 0;
    let overdueCounts = { read: 0, verify: 0 };
    new Gauge({
      name: 'kmzb_reports_overdue',
      help: `Real reports past a service target: not read (still new) after ${SERVICE_TARGETS.readWithinDays} days, not verified (new or verifying) after ${SERVICE_TARGETS.verifyWithinDays} days.`,
      labelNames: ['target'] as const,
      registers: [registry],
      async collect() {
        const now = Date.now();
        if (now - overdueAt >= OVERDUE_EVERY_MS) {
          overdueCounts = await app.store.operations.overdue(
            new Date(now - SERVICE_TARGETS.readWithinDays * DAY_MS).toISOString(),
            new Date(now - SERVICE_TARGETS.verifyWithinDays * DAY_MS).toISOString(),
          );
          overdueAt = now;
        }
        this.set({ target: 'read' }, overdueCounts.read);
        this.set({ target: 'verify' }, overdueCounts.verify);
      },
    });

    // The mail queue (issue 14): waiting (incl. being retried) and given up. Read on scrape; the
    // queue table is small (sent mails are kept, but these counts use the unsent ones' columns).
    new Gauge({
      name: 'kmzb_mail_queue',
      help: 'Mails not sent: waiting (retrying ones included), retrying (refused at least once), failed (retries used up; admins see them in the console).',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        const queue = await app.store.operations.mailQueue();
        this.set({ state: 'waiting' }, queue.waiting);
        this.set({ state: 'retrying' }, queue.retrying);
        this.set({ state: 'failed' }, queue.failed);
      },
    });

    // The error code of a refused request, noted before the error handler turns it into a body.
    const refusals = new WeakMap<FastifyRequest, string>();
    app.addHook('onError', (request, _reply, error, done) => {
      const kind = citizenWrite(request);
      if (kind) {
        refusals.set(request, toErrorBody(error, request).code);
        if (error instanceof LimitReachedError) dailyRule.inc({ kind, scope: error.scope });
      }
      done();
    });
    app.addHook('onResponse', (request, reply, done) => {
      const status = reply.statusCode;
      requests.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(status) },
        reply.elapsedTime / 1000,
      );
      const kind = citizenWrite(request);
      if (kind) {
        const refused = status >= 400;
        writes.inc({ kind, outcome: refused ? 'refused' : 'accepted', code: refused ? (refusals.get(request) ?? `HTTP_${status}`) : '' });
      }
      done();
    });

    let server: Server | undefined;
    if (options.listen) {
      server = createServer((request, response) => {
        if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
          response.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics here.\n');
          return;
        }
        registry.metrics().then(
          (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
          (error: unknown) => {
            app.log.error({ err: error }, 'collecting metrics failed');
            response.writeHead(500, { 'content-type': 'text/plain' }).end('Collecting metrics failed; see the log.\n');
          },
        );
      });
      const { host, port } = options.listen;
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve());
      });
      app.log.info(`metrics at http://${host}:${(server.address() as AddressInfo).port}/metrics`);
      app.addHook('onClose', (_app, done) => {
        server!.close(() => done());
        server!.closeAllConnections();
      });
    }
    app.decorate('metrics', { registry, address: () => (server?.address() as AddressInfo | null) ?? null });
  },
  { name: 'kmzb-metrics', fastify: '5.x' },
);
