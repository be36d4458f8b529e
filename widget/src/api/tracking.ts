import { TRACKING_PAGE_PATH, apiPath } from '../../../common/api.js';
import { apiRoot } from './client.js';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The tracking token in a tracking link's fragment (`#token=…`, as the server's `trackingUrl`
 * and the /r/:id page carry it), or undefined when there is none or it is malformed.
 */
export function trackingTokenFromHash(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  return TOKEN.test(token) ? token : undefined;
}

/**
 * The private tracking link of a report on the widget's server: what the POST answered as
 * `trackingUrl`, rebuilt for reports remembered before it existed ("my reports").
 */
export function trackingUrlOf(base: string | undefined, id: string, token: string): string {
  return `${apiRoot(base)}${apiPath(TRACKING_PAGE_PATH, { id })}#token=${token}`;
}
