import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { TRACKING_PAGE_PATH } from '../../common/api.js';

/** Report ids are Crockford base32, which readers may retype in lower case. */
const REPORT_ID = /^[0-9A-HJKMNP-TV-Z]{10}$/i;

/**
 * No inline script or style: the page only loads the widget from this server. The widget
 * styles itself inside its shadow root through the CSSOM (allowed), the OSM basemap draws
 * tiles from tile.openstreetmap.org, and the API is this origin.
 */
export const TRACKING_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https://tile.openstreetmap.org",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The page behind a tracking link, `/r/:id#token=…`: a plain HTML shell holding the widget in
 * its tracking view, which reads the token from the fragment and asks the API for the report's
 * status, public history and unit. The server never sees the token here and looks nothing up:
 * every well-formed id gets the same page, so the page says nothing about which reports exist.
 * It is private to whoever holds the link: not stored by any cache, not indexed, and it sends
 * no Referer (the path names the report) to the widget's server or anywhere else.
 */
export default async function trackingPageRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>(
    TRACKING_PAGE_PATH,
    { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
    async (request, reply) => {
      const { id } = request.params;
      if (!REPORT_ID.test(id)) return privatePage(reply.code(404)).send(notFoundPage());
      return privatePage(reply).send(trackingPage(id.toUpperCase()));
    },
  );
}

function privatePage(reply: FastifyReply): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', TRACKING_PAGE_CSP);
}

/** `id` is a validated report id (Crockford base32 only), safe in HTML as it is. */
export function trackingPage(id: string): string {
  return `<!doctype html>
<html lang="pl">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex, nofollow" />
    <meta name="referrer" content="no-referrer" />
    <title>Zgłoszenie ${id} · KMZB</title>
    <script type="module" src="/widget/kmzb-map.js"></script>
  </head>
  <body>
    <main>
      <kmzb-map view="track" report="${id}"></kmzb-map>
      <noscript>Status zgłoszenia wymaga JavaScriptu. / Showing the report's status needs JavaScript.</noscript>
    </main>
  </body>
</html>
`;
}

function notFoundPage(): string {
  return `<!doctype html>
<html lang="pl">
  <head>
    <meta charset="utf-8" />
    <meta name="robots" content="noindex, nofollow" />
    <title>Nie ma takiego zgłoszenia · KMZB</title>
  </head>
  <body>
    <main>
      <h1>Nie ma takiego zgłoszenia</h1>
      <p>Sprawdź, czy link do śledzenia został skopiowany w całości. / Check that the tracking link was copied in full.</p>
    </main>
  </body>
</html>
`;
}
