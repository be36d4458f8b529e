// The HTTP side of Open311: sending answers in the asked format and errors in the spec's shape.
import type { FastifyReply } from 'fastify';
import { ErrorCode, type ErrorBody } from '../../common/errors.js';
import type { Open311Error } from '../../common/schemas/open311.js';
import { fromValue, xmlDocument, type Plain } from '../open-data/xml.js';
import { ITEM_NAMES, type Open311Format } from '../open311/formats.js';

export { OPEN311_FORMATS, type Open311Format } from '../open311/formats.js';

/**
 * Sends an Open311 answer: JSON as is, or XML with `root` as the document element (arrays of
 * services, requests and errors become `<services><service>`, `<service_requests><request>`,
 * `<errors><error>`). The JSON goes through the route's response schema; XML is a string.
 */
export function sendOpen311(reply: FastifyReply, format: Open311Format, root: string, value: Plain): FastifyReply {
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(value);
  return reply.type('text/xml; charset=utf-8').send(xmlDocument(fromValue(root, value, ITEM_NAMES)));
}

/**
 * Our ErrorBody in the spec's error format: a list of `{code, description}` where `code` is the
 * HTTP status (as in the spec's examples) and the description starts with our stable code, so
 * clients that know it can still tell, say, UNKNOWN_CATEGORY from DESCRIPTION_TOO_LONG.
 */
export function open311Errors(body: ErrorBody): Open311Error[] {
  // The spec's `code` is the HTTP status: the one this answer goes out with.
  body = { ...body, statusCode: specStatus(body) };
  return [{ code: body.statusCode, description: `${body.code}: ${body.message}` }];
}

/**
 * The spec's HTTP status for a refusal: 404 for an unknown service_code (our UNKNOWN_CATEGORY,
 * 422 elsewhere in the API), 400 ("basically anything") where the rest of the API says 422
 * (OUTSIDE_POLAND, OUTSIDE_UNIT_AREA, CATEGORY_DISABLED …). The description keeps our code.
 */
export function specStatus(body: ErrorBody): number {
  if (body.code === ErrorCode.unknownCategory) return 404;
  return body.statusCode === 422 ? 400 : body.statusCode;
}

/** The format a path asks for by its extension (`/services.xml`); JSON otherwise. */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0]!;
  return path.endsWith('.xml') ? 'xml' : 'json';
}
