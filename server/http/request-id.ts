import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header that carries a request's id: read from a proxy that set one, always answered. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What an id handed in by a proxy may look like (nginx's $request_id, a UUID, a trace id). */
const ACCEPTED = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Fastify's genReqId: the id a reverse proxy put in X-Request-Id when it looks like one (so
 * nginx's access log and ours share it), else a random UUID. Anything else a client sends in
 * that header is ignored, so it cannot put arbitrary text into every log line.
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
}
