import type { FastifyReply } from 'fastify';
import { DEVICE_HEADER, TRACKING_TOKEN_HEADER } from '../../common/api.js';

/** Answer headers a cross-origin page may read (rate-limit waits and cache validators). */
export const EXPOSED_HEADERS = 'Retry-After, ETag, Last-Modified';

/**
 * The answer to a CORS preflight of the public API and of Open311: a cross-origin POST with
 * JSON or a form and the device header asks first. Allow-Origin itself comes with every answer
 * of those routes (their onSend hooks), the preflight's included.
 */
export function sendPreflight(reply: FastifyReply): FastifyReply {
  return reply
    .code(204)
    .header('access-control-allow-methods', 'GET, POST, OPTIONS')
    .header('access-control-allow-headers', `Content-Type, ${DEVICE_HEADER}, ${TRACKING_TOKEN_HEADER}, If-None-Match, If-Modified-Since`)
    .header('access-control-max-age', '86400')
    .send();
}
