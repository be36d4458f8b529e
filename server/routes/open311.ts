import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { DEVICE_HEADER, DEVICE_TOKEN_PATTERN, OPEN311_PREFIX } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import {
  JurisdictionQuerySchema, Open311CreatedSchema, Open311DiscoverySchema, Open311ErrorSchema, Open311RequestSchema,
  Open311RequestsQuerySchema, Open311ServiceDefinitionSchema, Open311ServiceSchema, type Open311Request, type Open311RequestsQuery,
} from '../../common/schemas/open311.js';
import type { CategoryVisibility } from '../../common/catalogue.js';
import type { Category } from '../../common/schemas/category.js';
import type { NotedReport } from '../store/public-reports.js';
import { ApiError } from '../http/api-error.js';
import { OptionalDeviceHeaderDoc } from '../http/documented-headers.js';
import { PUBLIC_CACHE_CONTROL, REPORTS_CACHE_CONTROL, etagOnSendWith } from '../http/etag.js';
import { EXPOSED_HEADERS, sendPreflight } from '../http/preflight.js';
import { absoluteUrl } from '../http/public-url.js';
import { contactRequestOf } from '../mail/report-contact.js';
import { publicScope, type PublicScope } from '../open-data/scope.js';
import { Open311FormDoc, dropBlankFields, newReportInput, parseForm, single, type FormBody } from '../open311/form.js';
import { MAX_REQUESTS, parseRequestsQuery, toServiceRequest } from '../open311/requests.js';
import { OPEN311_FORMATS, formatOfUrl, open311Errors, sendOpen311, specStatus } from '../http/open311-respond.js';
import { langOf, serviceDefinition, serviceList } from '../open311/services.js';
import { xmlShaped } from '../open311/xml-schema.js';
import { applyErrorHeaders, logServerError, toErrorBody } from '../plugins/errors.js';
import { parseNewReport } from '../reports/new-report.js';
import { trackingUrl } from '../http/tracking-link.js';
import { ProductError } from '../../common/product-error.js';
import { assertUnitAccepts } from '../reports/unit-rules.js';
import { assertEmbeddingAllowed } from '../http/embedding.js';

/**
 * What service_notice says about finding the request again: GET requests serves public reports
 * only, so the id of a never-public category (or of one public only once confirmed) finds
 * nothing there; the tracking link is the reporter's way to follow it (the spec's deferred
 * `token` mode would not help: the request is not listed under any id).
 */
const UNLISTED_NOTICE: Record<CategoryVisibility, string> = {
  always: '',
  confirmed:
    'Zgłoszenia tej kategorii są publiczne dopiero po potwierdzeniu przez Policję: do tego czasu GET requests go nie zwraca. / ' +
    'Requests of this service are public only once the police confirm them: until then GET requests does not return this one. ',
  never:
    'Zgłoszenia tej kategorii nigdy nie są publiczne: GET requests go nie zwraca. / ' +
    'Requests of this service are never public: GET requests will not return this one. ',
};

/** When this interface last changed (discovery's `changeset`). */
const CHANGESET = '2025-06-01T00:00:00Z';
const DEVICE_TOKEN = new RegExp(DEVICE_TOKEN_PATTERN);
const Errors = Type.Array(Open311ErrorSchema);

/**
 * Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2), every resource
 * as `.json` and `.xml`, so existing civic-report clients can read and submit. A thin layer
 * over what the widget uses: the same public visibility rule and fields, the same validation
 * (parseNewReport) and daily rule (ReportDesk) for POST. Errors use the spec's format.
 */
export default async function open311Routes(app: FastifyInstance): Promise<void> {
  const repository = app.store.publicReports;
  // As the API's equivalents: the catalogue like categories (5 min), requests like the map (30 s);
  // each with an ETag from the body, so a poller revalidates for a 304.
  const catalogueCaching = etagOnSendWith(PUBLIC_CACHE_CONTROL);
  const requestsCaching = etagOnSendWith(REPORTS_CACHE_CONTROL);

  // The spec's POST body; parsed here only, so the rest of the API still refuses forms.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, parseForm(body as string));
  });

  // Open data for any client, browsers on other sites included (writes still follow the
  // embedding rule of the unit, checked on POST).
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    return payload;
  });

  // Before the query schema: an empty optional parameter is an absent one (the spec's rule).
  app.addHook('preValidation', (request, _reply, done) => {
    dropBlankFields(request.query);
    done();
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const body = toErrorBody(error, request);
    logServerError(error, body, request);
    applyErrorHeaders(error, request, reply);
    return sendOpen311(reply.code(specStatus(body)), formatOfUrl(request.url), 'errors', open311Errors(body));
  });

  // Unknown resources under the prefix get the spec's error format too. A catch-all route,
  // not setNotFoundHandler: the demo pages' static wildcard at / would otherwise answer first.
  // Its OPTIONS are CORS preflights of any resource here, answered like the API's.
  app.all('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.method === 'OPTIONS') return sendPreflight(reply);
    throw new ApiError(404, ErrorCode.routeNotFound, `No Open311 resource ${request.method} ${request.url.split('?')[0]}.`);
  });

  function jurisdiction(id: string | undefined): PublicScope | undefined {
    return id === undefined ? undefined : publicScope(app.units, id);
  }

  /**
   * The services a jurisdiction takes reports in: the categories enabled in its unit's widget
   * config (as GET /api/v1/categories?unit=); every category without a jurisdiction.
   */
  function offered(id: string | undefined): Category[] {
    const all = app.categories.list();
    const scope = jurisdiction(id);
    if (!scope) return all;
    const enabled = app.unitConfigs.effective(scope.unit.id)?.enabledCategories ?? [];
    return all.filter((c) => enabled.includes(c.code));
  }

  for (const format of OPEN311_FORMATS) {
    const produces = [format === 'json' ? 'application/json' : 'text/xml'];
    const tell = (what: string): string => `${what} (${format.toUpperCase()})`;
    /**
     * The operation id and answers of a route in this format: the JSON schemas serialise the
     * `.json` answers; the `.xml` ones are strings, documented with their XML shape.
     */
    const answers = (operation: string, root: string, ok: TSchema, status = 200) => ({
      operationId: `open311${operation}${format === 'json' ? 'Json' : 'Xml'}`,
      produces,
      response: { [status]: ok, '4xx': Errors },
      ...(format === 'xml' && {
        documented: {
          responses: {
            [status]: { description: `<${root}>`, content: { 'text/xml': { schema: xmlShaped(root, ok) } } },
            '4xx': { description: 'GeoReport errors: the HTTP status and our error code', content: { 'text/xml': { schema: xmlShaped('errors', Errors) } } },
          },
        },
      }),
    });

    app.get(`/discovery.${format}`, {
      schema: { summary: tell('Open311 discovery'), ...answers('Discovery', 'discovery', Open311DiscoverySchema) },
      onSend: catalogueCaching,
    }, async (request, reply) => {
      const url = absoluteUrl(request, OPEN311_PREFIX);
      return sendOpen311(reply, format, 'discovery', {
        changeset: CHANGESET,
        contact: 'Krajowa Mapa Zagrożeń Bezpieczeństwa. Sprawy pilne: 112 lub 997. / Urgent matters: call 112 or 997.',
        key_service: 'No API key is needed; api_key is ignored. POST needs device_id (16-128 characters [A-Za-z0-9_-]).',
        endpoints: [{
          specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: CHANGESET, type: 'production',
          formats: ['application/json', 'text/xml'],
        }],
      });
    });

    app.get<{ Querystring: { jurisdiction_id?: string; locale?: string } }>(`/services.${format}`, {
      schema: { summary: tell('Open311 service list: the 24 categories'), querystring: JurisdictionQuerySchema, ...answers('ListServices', 'services', Type.Array(Open311ServiceSchema)) },
      onSend: catalogueCaching,
    }, async (request, reply) => {
      return sendOpen311(reply, format, 'services', serviceList(offered(request.query.jurisdiction_id), langOf(request.query.locale)));
    });

    app.get<{ Params: { service_code: string }; Querystring: { jurisdiction_id?: string; locale?: string } }>(`/services/:service_code.${format}`, {
      schema: { summary: tell('Open311 service definition: event time and recurrence'), querystring: JurisdictionQuerySchema, ...answers('GetService', 'service_definition', Open311ServiceDefinitionSchema) },
      onSend: catalogueCaching,
    }, async (request, reply) => {
      const code = request.params.service_code;
      if (!offered(request.query.jurisdiction_id).some((c) => c.code === code)) {
        throw new ApiError(404, ErrorCode.unknownCategory, `There is no service_code "${code}"${request.query.jurisdiction_id ? ` in jurisdiction ${request.query.jurisdiction_id}` : ''}.`);
      }
      return sendOpen311(reply, format, 'service_definition', serviceDefinition(code, langOf(request.query.locale)));
    });

    app.get<{ Querystring: Open311RequestsQuery }>(`/requests.${format}`, {
      schema: { summary: tell(`Open311 service requests: public reports, newest first, at most ${MAX_REQUESTS}`), querystring: Open311RequestsQuerySchema, ...answers('ListRequests', 'service_requests', Type.Array(Open311RequestSchema)) },
      onSend: requestsCaching,
    }, async (request, reply) => {
      const scope = jurisdiction(request.query.jurisdiction_id);
      const now = new Date();
      const all = app.categories.list();
      const filter = parseRequestsQuery(request.query, new Set(all.map((c) => c.code)), now);
      const categories = filter.categories ? all.filter((c) => filter.categories!.includes(c.code)) : all;
      const rows = await repository.newest({ units: scope?.units, categories, statuses: filter.statuses, ids: filter.ids, since: filter.since, until: filter.until, now }, MAX_REQUESTS);
      return sendOpen311(reply, format, 'service_requests', serviceRequests(rows, request.query.locale));
    });

    app.get<{ Params: { id: string }; Querystring: { jurisdiction_id?: string; locale?: string } }>(`/requests/:id.${format}`, {
      schema: { summary: tell('Open311 one service request (a list of one)'), querystring: JurisdictionQuerySchema, ...answers('GetRequest', 'service_requests', Type.Array(Open311RequestSchema)) },
      onSend: requestsCaching,
    }, async (request, reply) => {
      const scope = jurisdiction(request.query.jurisdiction_id);
      const rows = await repository.newest({ units: scope?.units, categories: app.categories.list(), ids: [request.params.id], now: new Date() }, 1);
      if (rows.length === 0) throw new ApiError(404, ErrorCode.reportNotFound, `No service request ${request.params.id} is public.`);
      return sendOpen311(reply, format, 'service_requests', serviceRequests(rows, request.query.locale));
    });

    const created = answers('CreateRequest', 'service_requests', Type.Array(Open311CreatedSchema));
    app.post<{ Querystring: { jurisdiction_id?: string } }>(`/requests.${format}`, {
      schema: {
        summary: tell('Open311 new service request (application/x-www-form-urlencoded): the widget\'s validation and daily rule'),
        querystring: Type.Object({ jurisdiction_id: Type.Optional(Type.String({ maxLength: 64 })) }),
        ...created,
        documented: { ...created.documented, body: { 'application/x-www-form-urlencoded': Open311FormDoc }, headers: OptionalDeviceHeaderDoc },
      },
      config: { rateLimit: {} },
    }, async (request, reply) => {
      if (!(request.body instanceof Map)) {
        throw new ApiError(400, ErrorCode.invalidRequest, 'Send the request as application/x-www-form-urlencoded (Open311 GeoReport v2).');
      }
      const form = request.body as FormBody;
      const scope = jurisdiction(single(form, 'jurisdiction_id') ?? request.query.jurisdiction_id);
      const actor = { deviceToken: deviceOf(form, request), ip: request.ip };
      // The daily rule is checked by submit, in the same write as the report (the form is read
      // already, and it carries no photos to spare reading).
      const now = new Date();
      const input = newReportInput(form);
      const report = parseNewReport(input, now);
      // The spec's optional `email`, as the widget's: checked now, kept apart from the report.
      const contact = contactRequestOf(input);
      const unit = app.reportDesk.unitAt(report.lon, report.lat);
      if (scope?.units && !scope.units.includes(unit.id)) {
        throw new ApiError(422, ErrorCode.outsideUnitArea, `The point lies in the area of ${unit.id}, outside jurisdiction ${scope.unit.id}.`);
      }
      assertEmbeddingAllowed(request, app.unitConfigs, unit.id);
      // The spec's status for a request the server will not take is 400; the code says why.
      try {
        assertUnitAccepts(app.unitConfigs, unit.id, report.category, 0);
      } catch (error) {
        throw error instanceof ProductError ? new ApiError(400, error.code, error.message) : error;
      }
      const created = await app.reportDesk.submit(report, [], actor, now);
      request.log.info({ report: created.id, unit: created.unit.id, via: 'open311' }, 'report received');
      // The tracking link is the reporter's only way to follow a report that is not (yet)
      // public; the answer goes to the reporter alone, and service_notice is the field the
      // spec gives for what to tell them.
      const tracking = trackingUrl(request, created.id, created.trackingToken);
      if (contact) await app.mailer.keepContactOf(created.id, { ...contact, trackingUrl: tracking }, now, request.log);
      const visibility = app.categories.list().find((c) => c.code === report.category)?.visibility ?? 'never';
      return sendOpen311(reply, format, 'service_requests', [{
        service_request_id: created.id,
        service_notice: `Zgłoszenie przyjęte (${created.unit.name}). ${UNLISTED_NOTICE[visibility]}` +
          `Prywatny link do śledzenia / private tracking link: ${tracking}`,
      }]);
    });
  }

  /** Maps public reports to service requests, with names in the asked language. */
  function serviceRequests(rows: readonly NotedReport[], locale: string | undefined): Open311Request[] {
    const lang = langOf(locale);
    const names = new Map(app.categories.list().map((c) => [c.code, c.names[lang]]));
    const agencies = new Map(app.units.list().map((u) => [u.id, u.name]));
    return rows.map((r) => toServiceRequest(r, names.get(r.category) ?? r.category, agencies.get(r.unit) ?? r.unit));
  }
}

/** The spec's device_id (or the widget's KMZB-Device header): the daily rule's device token. */
function deviceOf(form: FormBody, request: FastifyRequest): string {
  const header = request.headers[DEVICE_HEADER.toLowerCase()];
  const token = single(form, 'device_id') ?? (typeof header === 'string' ? header : undefined);
  if (token === undefined || !DEVICE_TOKEN.test(token)) {
    throw new ApiError(400, ErrorCode.deviceTokenRequired, `device_id must be a device token of 16-128 characters [A-Za-z0-9_-].`);
  }
  return token;
}

