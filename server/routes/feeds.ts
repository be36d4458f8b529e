import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiPath, apiPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { FeedParamsSchema, type FeedParams } from '../../common/schemas/open-data.js';
import type { PublicReport } from '../store/public-reports.js';
import { atomDocument, type AtomEntry } from '../open-data/atom.js';
import { PUBLIC_CACHE_CONTROL, etagOnSendWith } from '../http/etag.js';
import { publicScope } from '../open-data/scope.js';

/** Feeds are polled: as the unit data, reused for 5 minutes, then revalidated. */
const FEED_CACHE_CONTROL = PUBLIC_CACHE_CONTROL;

/**
 * Sets Last-Modified from the newest entry's `updated`. An empty feed gets none: its own
 * `updated` is the time of the request, so it has no date to revalidate against.
 */
function withLastModified(reply: FastifyReply, entries: readonly AtomEntry[]): FastifyReply {
  const newest = Math.max(0, ...entries.map((e) => Date.parse(e.updated)).filter(Number.isFinite));
  return newest > 0 ? reply.header('last-modified', new Date(newest).toUTCString()) : reply;
}

/** Entries per feed: what aggregators poll for, not an archive (the exports are). */
export const FEED_LENGTH = 50;

/**
 * Atom feeds per unit subtree, for subscribers and aggregators: the newest public reports
 * (`new.atom`) and the reports most recently confirmed (`confirmed.atom`). Public fields and
 * visibility as on the map; each entry links to the report's public JSON.
 */
export default async function feedRoutes(app: FastifyInstance): Promise<void> {
  const repository = app.store.publicReports;

  async function context(request: FastifyRequest<{ Params: FeedParams }>) {
    const scope = publicScope(app.units, request.params.unit);
    const origin = app.publicUrl();
    const categories = new Map(app.categories.list().map((c) => [c.code, c.names.pl]));
    const labels = await repository.statusLabels();
    const describe = (r: PublicReport, unitName: string): string =>
      `Kategoria: ${categories.get(r.category) ?? r.category}. Status: ${labels.get(r.status) ?? r.status}. ` +
      `Jednostka: ${unitName}. Zgłoszono: ${r.createdAt}. Położenie (WGS84): ${r.lat}, ${r.lon}. ` +
      `Potwierdzenia: ${r.confirmations}.`;
    const unitNames = new Map(app.units.list().map((u) => [u.id, u.name]));
    const entry = (r: PublicReport, key: string, title: string, published: string, updated: string): AtomEntry => ({
      key, title, published, updated,
      summary: describe(r, unitNames.get(r.unit) ?? r.unit),
      link: `${origin}${apiPath(ApiPath.report, { id: r.id })}`,
      linkType: 'application/json',
    });
    return { scope, origin, categories, labels, entry, selection: { units: scope.units, categories: app.categories.list(), now: new Date() } };
  }

  // An ETag from the feed's bytes (it changes exactly when the feed does) and Last-Modified from
  // the newest entry, so aggregators polling every few minutes mostly get a 304.
  const feedCaching = etagOnSendWith(FEED_CACHE_CONTROL);

  /** The feed is a string, documented apart from the JSON errors (Fastify serialises neither). */
  const schema = (operationId: string) => ({
    operationId,
    params: FeedParamsSchema,
    response: { '4xx': ErrorBodySchema },
    documented: {
      responses: {
        200: {
          description: `An Atom 1.0 feed (RFC 4287), at most ${FEED_LENGTH} entries, each linking to the report's public JSON`,
          content: { 'application/atom+xml': { schema: { type: 'string' } } },
        },
      },
    },
  });

  app.get<{ Params: FeedParams }>(
    ApiPath.feedNew,
    { schema: { ...schema('getNewReportsFeed'), summary: `Atom: the ${FEED_LENGTH} newest public reports of a unit and its subtree` }, onSend: feedCaching },
    async (request, reply) => {
      const { scope, origin, categories, labels, entry, selection } = await context(request);
      const entries = (await repository.newest(selection, FEED_LENGTH)).map((r) => entry(
        r, `report:${r.id}`,
        `${categories.get(r.category) ?? r.category} — ${labels.get(r.status) ?? r.status}`,
        r.createdAt, r.updatedAt,
      ));
      return withLastModified(reply, entries).type('application/atom+xml; charset=utf-8').send(atomDocument({
        key: `feed:${scope.unit.id}:new`,
        title: `Nowe zgłoszenia — ${scope.unit.shortName}`,
        subtitle: `Najnowsze publiczne zgłoszenia zagrożeń (Krajowa Mapa Zagrożeń Bezpieczeństwa): ${scope.unit.name} i jednostki podległe.`,
        self: `${origin}${apiPath(ApiPath.feedNew, { unit: scope.unit.id })}`,
        author: scope.unit.name,
        emptyUpdated: selection.now.toISOString(),
        entries,
      }));
    },
  );

  app.get<{ Params: FeedParams }>(
    ApiPath.feedConfirmed,
    { schema: { ...schema('getConfirmedReportsFeed'), summary: `Atom: the ${FEED_LENGTH} reports of a unit and its subtree most recently confirmed` }, onSend: feedCaching },
    async (request, reply) => {
      const { scope, origin, categories, labels, entry, selection } = await context(request);
      const entries = (await repository.recentlyConfirmed(selection, FEED_LENGTH)).map((r) => entry(
        r, `report:${r.id}:confirmed`,
        `${labels.get('confirmed')}: ${categories.get(r.category) ?? r.category}`,
        r.confirmedAt, r.confirmedAt,
      ));
      return withLastModified(reply, entries).type('application/atom+xml; charset=utf-8').send(atomDocument({
        key: `feed:${scope.unit.id}:confirmed`,
        title: `Potwierdzone zagrożenia — ${scope.unit.shortName}`,
        subtitle: `Zgłoszenia potwierdzone przez Policję (Krajowa Mapa Zagrożeń Bezpieczeństwa): ${scope.unit.name} i jednostki podległe.`,
        self: `${origin}${apiPath(ApiPath.feedConfirmed, { unit: scope.unit.id })}`,
        author: scope.unit.name,
        emptyUpdated: selection.now.toISOString(),
        entries,
      }));
    },
  );
}
