import fp from 'fastify-plugin';
import { STAFF_PREFIX } from '../../common/api.js';
import { MailRepository } from '../db/mail-repository.js';
import { ownOrigin } from '../http/origin.js';
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
    const mailer = new Mailer({ db: app.db, mail: new MailRepository(app.db), categories: app.categories, units: app.units, log: app.log }, settings, options);
    app.decorate('mailer', mailer);
    // Staff reach the console at its public origin: the links in their mails point there.
    app.addHook('onRequest', async (request) => {
      if (request.url.startsWith(STAFF_PREFIX)) mailer.noteOrigin(ownOrigin(request));
    });
    app.addHook('onReady', async () => mailer.start());
    app.addHook('onClose', async () => mailer.close());
  },
  { name: 'kmzb-mail', fastify: '5.x', dependencies: ['kmzb-db', 'kmzb-reports'] },
);
