import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { SchemaTooNewError } from './db/migrate.js';
import { StoreOpenError } from './open-store.js';

/**
 * Errors of the file system or of SQLite that mean the database file cannot be opened or
 * written at all (a read-only file or file system, a folder that cannot be created, a path
 * that is a folder, a file that is not a database, a full disk), as opposed to a bug.
 */
const SQLITE_OPEN = /^SQLITE_(CANTOPEN|READONLY|NOTADB|CORRUPT|IOERR|FULL|PERM|AUTH|BUSY|LOCKED)(_|$)/;
const FILE_SYSTEM = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'ENOENT', 'ENOSPC', 'EDQUOT', 'EIO', 'ELOOP', 'ENAMETOOLONG']);

function isDatabaseOpenFailure(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && (SQLITE_OPEN.test(code) || FILE_SYSTEM.has(code));
}

/** The reason in words, with the code (SQLITE_READONLY, ENOTDIR …) for a search. */
function describe(error: Error & { code: string }): string {
  const message = error.message.replace(/\s+/g, ' ').trim();
  return message.includes(error.code) ? message : `${message} (${error.code})`;
}

/** The only file that listens: reads the config, starts the app, stops it on a signal. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A wrong setting is the operator's to fix: say which one, without a stack trace.
    console.error(`kmzb: ${error.message}`);
    process.exit(1);
  }

  let app: FastifyInstance;
  try {
    app = await buildApp({
      dbPath: config.dbPath,
      databaseUrl: config.databaseUrl,
      logger: { level: config.logLevel },
      reportLimits: config.reportLimits,
      ...(config.secret ? { secret: config.secret } : {}),
      demoReports: config.demoReports,
      trustProxy: config.trustProxy,
      publicUrl: config.publicUrl,
      passwordCostLog2: config.passwordCostLog2,
      ...(config.metrics ? { metrics: { listen: config.metrics } } : {}),
      ...(config.mail ? { mail: { ...config.mail, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) } } : {}),
      // The national map's default answer is built (in a worker) at start, not by its first visitor.
      reportMap: { warmNational: true, ...(config.mapWorkers ? { workers: config.mapWorkers } : {}) },
    });
  } catch (error) {
    if (error instanceof StoreOpenError) {
      // PostgreSQL unreachable or refusing the login: the message names it, without the password.
      console.error(`kmzb: ${error.message}`);
      process.exit(1);
    }
    if (!isDatabaseOpenFailure(error)) throw error;
    // The file or its folder is the operator's to fix: name it, without a stack trace.
    console.error(`kmzb: cannot open the database ${config.dbPath} (KMZB_DB): ${describe(error)}`);
    process.exit(1);
  }

  let closing = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Fastify stops accepting connections, lets requests in flight finish, then onClose closes the db.
    const forced = setTimeout(() => {
      app.log.error('shutdown took more than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    forced.unref();
    // Node closes the keep-alive connections that are idle when the server closes, not those
    // that become idle later (a request still in flight then): without this sweep they would
    // hold the process until their keep-alive timeout (72 s) and the 10 s limit kills it.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
    sweep.unref();
    await app.close();
    app.log.info('stopped: requests in flight answered, writes committed, database closed');
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void shutdown(signal));
  process.once('SIGTERM', (signal) => void shutdown(signal));

  try {
    await app.listen({ port: config.port, host: config.host });
    if (config.publicUrl === undefined) {
      app.log.info({ publicUrl: app.publicUrl() }, 'KMZB_PUBLIC_URL is not set: feeds and Open311 links use the listening address');
    }
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`kmzb: port ${config.port} on ${config.host} is in use; set PORT to a free port.`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  if (error instanceof SchemaTooNewError) {
    // A downgrade: the operator's to resolve, and the message says how; no stack trace.
    console.error(`kmzb: ${error.message}`);
    process.exit(1);
  }
  console.error('kmzb: failed to start:', error);
  process.exit(1);
});
