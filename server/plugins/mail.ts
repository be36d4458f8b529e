import fp from 'fastify-plugin';
import { Mailer, type MailerOptions, type MailSettings } from '../mail/mailer.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** E-mail notifications: the queue, its worker, and the citizen's address for updates. */
    mailer: Mailer;
  }
}

export interface MailPluginOptions {
  settings?: MailSettings | undefined;
  options?: Partial<MailerOptions> | undefined;
}

/** Starts the mail worker (when SMTP is configured) and stops it, waiting for a round under way, on close. */
export default fp<MailPluginOptions>(
  async (app, { settings, options }) => {
    const mailer = new Mailer({ store: app.store, categories: app.categories, units: app.units, log: app.log }, settings, options);
    app.decorate('mailer', mailer);
    // Links in mails start with the server's public URL (KMZB_PUBLIC_URL, else the listening
    // address: server/plugins/public-url.ts), never with a Host header a client chose.
    app.addHook('onReady', async () => {
      mailer.noteOrigin(app.publicUrl());
      mailer.start();
    });
    app.addHook('onListen', async () => mailer.noteOrigin(app.publicUrl()));
    app.addHook('onClose', async () => mailer.close());
  },
  { name: 'kmzb-mail', fastify: '5.x', dependencies: ['kmzb-db', 'kmzb-reports', 'kmzb-public-url'] },
);
