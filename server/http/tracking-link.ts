import type { FastifyRequest } from 'fastify';
import { TRACKING_PAGE_PATH, apiPath } from '../../common/api.js';
import { absoluteUrl } from './public-url.js';

/**
 * The reporter's private tracking link: the tracking page with the token in the fragment
 * (`https://host/r/7K3M9Q2XWD#token=…`). Browsers never send a fragment to the server, nor in a
 * Referer, so opening the link leaves the token out of access logs, proxies and other sites;
 * the page's script reads it from `location.hash`.
 */
export function trackingUrl(request: FastifyRequest, id: string, token: string): string {
  return `${absoluteUrl(request, apiPath(TRACKING_PAGE_PATH, { id }))}#token=${token}`;
}
