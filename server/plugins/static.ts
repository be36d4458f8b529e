import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export interface StaticPluginOptions {
  /** Output of `npm run build:widget`; the bundle is expected in `<distDir>/widget/`. */
  distDir: string;
  /** Host pages served at `/`. */
  demoDir: string;
}

/**
 * Serves the widget bundle at /widget/ (open to every origin: police sites embed it) and the
 * demo pages at /. Missing folders are logged, not fatal, so the API runs without a build.
 */
export default fp<StaticPluginOptions>(
  async (app, { distDir, demoDir }) => {
    const widgetDir = join(distDir, 'widget');
    if (existsSync(widgetDir)) {
      await app.register(fastifyStatic, {
        root: widgetDir,
        prefix: '/widget/',
        setHeaders: (reply) => reply.header('access-control-allow-origin', '*'),
      });
    } else {
      app.log.warn(`No widget bundle in ${widgetDir}: run \`npm run build\` to serve /widget/`);
    }

    if (existsSync(demoDir)) {
      await app.register(fastifyStatic, {
        root: demoDir,
        prefix: '/',
        // The first registration owns reply.sendFile; a second decoration would throw.
        decorateReply: !existsSync(widgetDir),
      });
    } else {
      app.log.warn(`No demo pages in ${demoDir}: / will answer 404`);
    }
  },
  { name: 'kmzb-static', fastify: '5.x' },
);
