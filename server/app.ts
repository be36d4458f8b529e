import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { defaultDemoDir, defaultDistDir } from './paths.js';
import dbPlugin from './plugins/db.js';
import errorsPlugin from './plugins/errors.js';
import locatorPlugin from './plugins/locator.js';
import staticPlugin from './plugins/static.js';
import apiRoutes from './routes/api.js';
import healthRoutes from './routes/health.js';

export interface AppOptions {
  /** SQLite file; created, migrated and seeded on first use. */
  dbPath: string;
  /** Fastify logger setting; off by default (tests), server.ts passes the level. */
  logger?: FastifyServerOptions['logger'];
  /** Built widget (`npm run build:widget`), served at /widget/; default `<project root>/dist`. */
  distDir?: string;
  /** Host pages served at /; default `<project root>/demo`. */
  demoDir?: string;
}

/** The whole application as one plugin: resources first, then routes. */
export const kmzbApp = fp<Required<Omit<AppOptions, 'logger'>>>(
  async (app, options) => {
    await app.register(errorsPlugin);
    await app.register(dbPlugin, { dbPath: options.dbPath });
    await app.register(locatorPlugin);
    await app.register(staticPlugin, { distDir: options.distDir, demoDir: options.demoDir });
    await app.register(healthRoutes);
    await app.register(apiRoutes);
  },
  { name: 'kmzb-app', fastify: '5.x' },
);

/**
 * Builds the app without listening (server.ts listens; tests use `app.inject`). The caller
 * owns the result and must `close()` it, which also closes the database.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Strip properties the schemas do not declare, whether or not they set additionalProperties.
    ajv: { customOptions: { removeAdditional: 'all' } },
  });
  try {
    await app.register(kmzbApp, {
      dbPath: options.dbPath,
      distDir: options.distDir ?? defaultDistDir,
      demoDir: options.demoDir ?? defaultDemoDir,
    });
    await app.ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
