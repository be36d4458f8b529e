import swagger, { type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TSchema } from '@sinclair/typebox';
import fp from 'fastify-plugin';
import { API_PREFIX, STAFF_PREFIX } from '../../common/api.js';
import { SESSION_COOKIE } from '../staff/sessions.js';
import { toJsonSchema2020 } from './openapi-tuples.js';

/** Where the browsable documentation lives; the document itself is at `${DOCS_PATH}/json`. */
export const DOCS_PATH = '/docs';

/** Path prefixes that are part of the documented interface; anything else (static files) is left out. */
const DOCUMENTED = [API_PREFIX, '/open311/', '/healthz'];

/** The security scheme of the staff API (components.securitySchemes). */
const STAFF_SESSION = 'staffSession';

/** A documented answer that Fastify neither checks nor serialises: a stream, a string, another media type. */
export interface DocumentedResponse {
  description: string;
  content: Record<string, { schema: TSchema | Record<string, unknown> }>;
}

/**
 * What the OpenAPI document tells about a route and Fastify does not check: bodies a handler
 * reads itself (a multipart stream, the Open311 form, a CSV upload), headers it reads itself
 * (KMZB-Device, KMZB-Tracking-Token), and answers that are not JSON. Kept apart from `body`,
 * `headers` and `response`, which Fastify would validate or serialise with.
 */
export interface Documented {
  /** The request body by media type; `required` defaults to true. */
  body?: Record<string, TSchema | Record<string, unknown>>;
  /** Request headers the handler reads (an object schema, one property per header). */
  headers?: TSchema;
  /** Answers by status ('200', '4xx'), replacing what `response` would document. */
  responses?: Record<string, DocumentedResponse>;
}

declare module 'fastify' {
  interface FastifySchema {
    /** OpenAPI only: see Documented. */
    documented?: Documented;
  }
}

/** The tag of a route, by its path: the doc groups routes by audience. */
function tagOf(url: string): string {
  if (url.startsWith(`${STAFF_PREFIX}/`)) return 'staff';
  if (url.startsWith('/open311/')) return 'open311';
  if (url.startsWith(`${API_PREFIX}/exports/`) || url.startsWith(`${API_PREFIX}/feeds/`)) return 'open data';
  if (url === '/healthz') return 'operations';
  return 'public';
}

/**
 * OpenAPI 3.1 generated from the routes' TypeBox schemas (@fastify/swagger, dynamic mode: it
 * collects every route registered after it, so app.ts registers it before the routes), and
 * the Swagger UI at /docs, whose assets @fastify/swagger-ui serves from its own package
 * folder: no CDN, the page works offline and under a strict CSP. Staff routes stay in the
 * document, tagged `staff`: they are guarded by the session and CSRF checks, not by
 * obscurity, and the console's developers need them described too. 3.1, not 3.0: its schemas
 * are JSON Schema 2020-12, which can say what TypeBox tuples (bbox, coordinates) mean.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'KMZB map API',
          version: '1',
          license: { name: 'MIT', identifier: 'MIT' },
          description:
            'Public API of the safety threat map (Krajowa Mapa Zagrożeń Bezpieczeństwa): units, categories, ' +
            'reports, the public map, exports, Atom feeds and Open311 GeoReport v2. Error bodies carry a stable ' +
            '`code` (Open311 routes use the GeoReport error format instead).',
        },
        // Relative: the document describes the server that serves it, whatever its public name.
        servers: [{ url: '/', description: 'This server' }],
        components: {
          securitySchemes: {
            [STAFF_SESSION]: {
              type: 'apiKey',
              in: 'cookie',
              name: SESSION_COOKIE,
              description:
                'The staff session, set by POST /api/v1/staff/session (HttpOnly). Writes must also come from ' +
                'this site (Origin or Referer of the same origin): the CSRF check.',
            },
          },
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
        const shown = !preflight && DOCUMENTED.some((prefix) => url.startsWith(prefix));
        const { documented, ...base } = (schema ?? {}) as Record<string, unknown> & { documented?: Documented };
        if (!shown || base.hide === true) return { schema: { ...base, hide: true } as typeof schema, url };
        const tag = tagOf(url);
        const open = tag !== 'staff' || route.config?.staffAccess === 'public';
        const doc: Record<string, unknown> = { ...base, tags: [tag], security: open ? [] : [{ [STAFF_SESSION]: [] }] };
        if (documented?.headers) doc.headers = documented.headers;
        if (documented?.body) {
          doc.body = { content: Object.fromEntries(Object.entries(documented.body).map(([type, s]) => [type, { schema: s }])) };
        }
        if (documented?.responses) doc.response = { ...(base.response as object | undefined), ...documented.responses };
        return { schema: doc as typeof schema, url };
      },
      // TypeBox writes tuples in draft-07 words; the document speaks 2020-12.
      transformObject: (document) =>
        ('openapiObject' in document ? toJsonSchema2020(document.openapiObject) : document.swaggerObject) as ReturnType<SwaggerTransformObject>,
    });
    await app.register(swaggerUi, { routePrefix: DOCS_PATH, staticCSP: true });
  },
  { name: 'kmzb-openapi', fastify: '5.x' },
);
