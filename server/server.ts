import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';

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

  const app = await buildApp({
    dbPath: config.dbPath,
    logger: { level: config.logLevel },
    reportLimits: config.reportLimits,
    ...(config.secret ? { secret: config.secret } : {}),
    demoReports: config.demoReports,
    trustProxy: config.trustProxy,
    ...(config.mail ? { mail: config.mail } : {}),
    // The national map's default answer is built (in a worker) at start, not by its first visitor.
    reportMap: { warmNational: true },
  });

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
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void shutdown(signal));
  process.once('SIGTERM', (signal) => void shutdown(signal));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`kmzb: port ${config.port} on ${config.host} is in use; set PORT to a free port.`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error('kmzb: failed to start:', error);
  process.exit(1);
});
