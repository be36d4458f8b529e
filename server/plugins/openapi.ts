import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { API_PREFIX, STAFF_PREFIX } from '../../common/api.js';

/** Where the browsable documentation lives; the document itself is at `${DOCS_PATH}/json`. */
export const DOCS_PATH = '/docs';

/** Path prefixes that are part of the documented interface; anything else (static files) is left out. */
const DOCUMENTED = [API_PREFIX, '/open311/', '/healthz'];

/** The tag of a route, by its path: the doc groups routes by audience. */
function tagOf(url: string): string {
  if (url.startsWith(`${STAFF_PREFIX}/`)) return 'staff';
  if (url.startsWith('/open311/')) return 'open311';
  if (url.startsWith(`${API_PREFIX}/exports/`) || url.startsWith(`${API_PREFIX}/feeds/`)) return 'open data';
  if (url === '/healthz') return 'operations';
  return 'public';
}

/**
 * OpenAPI 3 generated from the routes' TypeBox schemas (@fastify/swagger, dynamic mode: it
 * collects every route registered after it, so app.ts registers it before the routes), and
 * the Swagger UI at /docs, whose assets @fastify/swagger-ui serves from its own package
 * folder: no CDN, the page works offline and under a strict CSP. Staff routes stay in the
 * document, tagged `staff`: they are guarded by the session and CSRF checks, not by
 * obscurity, and the console's developers need them described too.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'KMZB map API',
          version: '1',
          description:
            'Public API of the safety threat map (Krajowa Mapa Zagrożeń Bezpieczeństwa): units, categories, ' +
            'reports, the public map, exports, Atom feeds and Open311 GeoReport v2. Error bodies carry a stable ' +
            '`code` (Open311 routes use the GeoReport error format instead).',
        },
        tags: [
          { name: 'public', description: 'The widget\'s API: open to every origin, no credentials.' },
          { name: 'open data', description: 'CSV/GeoJSON exports and Atom feeds of public data.' },
          { name: 'open311', description: 'Open311 GeoReport v2 (JSON and XML), for existing civic-report clients.' },
          { name: 'staff', description: 'The staff console\'s API: same origin only, session cookie, CSRF-checked.' },
          { name: 'operations', description: 'Health probe.' },
        ],
      },
      // Keep schema names as titles instead of turning `$id`s into unresolvable $refs.
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
      transform: ({ schema, url, route }) => {
        // CORS preflights are plumbing, not interface.
        const preflight = [route.method].flat().includes('OPTIONS');
        const documented = !preflight && DOCUMENTED.some((prefix) => url.startsWith(prefix));
        const base = (schema ?? {}) as Record<string, unknown>;
        return { schema: { ...base, hide: !documented || base.hide === true, tags: [tagOf(url)] } as typeof schema, url };
      },
    });
    await app.register(swaggerUi, { routePrefix: DOCS_PATH, staticCSP: true });
  },
  { name: 'kmzb-openapi', fastify: '5.x' },
);
