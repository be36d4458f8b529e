import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { projectRoot } from '../paths.js';

export interface StaticPluginOptions {
  /** Output of `npm run build:widget`; the bundle is expected in `<distDir>/widget/`. */
  distDir: string;
  /** Host pages served at `/`. */
  demoDir: string;
}

/**
 * Serves the widget bundle at /widget/ (open to every origin: police sites embed it), with its
 * versioned copies under /widget/v/ and their names and SRI hashes in /widget/manifest.json (for
 * the console's snippet), and the demo pages at /. Missing folders are logged, not fatal, so the
 * API runs without a build.
 */
export default fp<StaticPluginOptions>(
  async (app, { distDir, demoDir }) => {
    const widgetDir = join(distDir, 'widget');
    if (existsSync(widgetDir)) {
      await app.register(fastifyStatic, {
        root: widgetDir,
        prefix: '/widget/',
        setHeaders: (reply, path) => {
          reply.header('access-control-allow-origin', '*');
          // v/ holds content-hashed files (build/widget-versions.mjs): a name never changes its
          // bytes, so caches keep them a year. manifest.json names the current ones: revalidated.
          const file = relative(widgetDir, path).split(sep);
          if (file[0] === 'v') reply.header('cache-control', 'public, max-age=31536000, immutable');
          else if (file.join('/') === 'manifest.json') reply.header('cache-control', 'no-cache');
        },
      });
    } else {
      app.log.warn(`No widget bundle in ${widgetDir}: run \`npm run build\` to serve /widget/`);
    }

    // The staff console: its page at /admin (same origin as the staff API, so the session cookie
    // is first-party) and its bundle at /admin/. Never framed by another site (clickjacking).
    const adminPage = readFileSync(join(projectRoot, 'server', 'admin', 'index.html'));
    app.get('/admin', (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('content-security-policy', "frame-ancestors 'none'").header('cache-control', 'no-cache').send(adminPage),
    );
    const adminDir = join(distDir, 'admin');
    if (existsSync(adminDir)) {
      await app.register(fastifyStatic, { root: adminDir, prefix: '/admin/', decorateReply: false });
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
