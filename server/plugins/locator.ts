import fp from 'fastify-plugin';
import { PowiatLocator } from '../geo/locator.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Point-in-powiat routing, built once from the powiat boundaries in the store. */
    locator: PowiatLocator;
  }
}

/** Builds the powiat locator at start (about 30 ms) so requests only query it. */
export default fp(
  async (app) => {
    app.decorate('locator', new PowiatLocator(app.powiats.shapes()));
  },
  { name: 'kmzb-locator', fastify: '5.x', dependencies: ['kmzb-db'] },
);
