import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '../../common/errors.js';
import { ApiError } from '../http/api-error.js';
import { isSameOrigin } from '../http/origin.js';
import { SESSION_COOKIE } from '../staff/sessions.js';
import staffAccountRoutes from './staff-accounts.js';
import staffAuditRoutes from './staff-audit.js';
import staffCrimeImportRoutes from './staff-crime-import.js';
import staffMailRoutes from './staff-mail.js';
import staffReportRoutes from './staff-reports.js';
import staffSessionRoutes from './staff-session.js';
import staffUnitRoutes from './staff-units.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `public`: a staff route reachable without a session (only the login). Default: session required. */
    staffAccess?: 'public';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The staff API. Registered outside the public API plugin, so its CORS hook never adds
 * Access-Control-Allow-Origin here: browsers keep other sites from reading staff answers.
 * Every request runs two checks before anything else (even before the body is parsed):
 * - CSRF: a state-changing request must name this server as its Origin (or Referer), since
 *   the session cookie would otherwise ride along on a form posted from another site;
 * - the session: a live session cookie, else 401 SESSION_REQUIRED (except the login).
 * Scope and role are checked by the services, next to the data they protect.
 */
export default async function staffRoutes(app: FastifyInstance): Promise<void> {
  // Cookies only here: the public API has none, and its hot routes skip the parsing hook.
  await app.register(cookie);
  app.addHook('onRequest', async (request) => {
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
      throw new ApiError(403, ErrorCode.csrfRejected, 'Staff changes must come from the console on this site.');
    }
    if (request.routeOptions.config.staffAccess === 'public') return;
    const staff = await app.staffAuth.resolve(request.cookies[SESSION_COOKIE]);
    if (!staff) throw new ApiError(401, ErrorCode.sessionRequired, 'Log in first (no session, or it has ended).');
    request.staff = staff;
  });
  // Staff answers are personal: never stored by a browser or a proxy.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(staffSessionRoutes);
  await app.register(staffReportRoutes);
  await app.register(staffUnitRoutes);
  await app.register(staffAccountRoutes);
  await app.register(staffAuditRoutes);
  await app.register(staffCrimeImportRoutes);
  await app.register(staffMailRoutes);
}
