import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { StaffPath } from '../../common/api.js';
import { ErrorCode } from '../../common/errors.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import { LoginBodySchema, StaffMeSchema, type LoginBody, type StaffMe } from '../../common/schemas/staff.js';
import { errorBody } from '../plugins/errors.js';
import { staffOf } from '../http/staff.js';
import { LoginLockedError } from '../staff/login-throttle.js';
import type { StaffPrincipal } from '../staff/scope.js';
import { SESSION_COOKIE } from '../staff/sessions.js';

/** POST/DELETE /api/v1/staff/session (login, logout) and GET /api/v1/staff/me. */
export default async function staffSessionRoutes(app: FastifyInstance): Promise<void> {
  const me = (staff: StaffPrincipal): StaffMe => ({
    id: staff.id, login: staff.login, displayName: staff.displayName, role: staff.role, unit: app.units.ref(staff.unitId)!,
  });

  app.post<{ Body: LoginBody }>(
    StaffPath.session,
    { schema: { summary: 'Log in: sets the session cookie', operationId: 'logIn', body: LoginBodySchema, response: { 200: StaffMeSchema, '4xx': ErrorBodySchema } }, config: { staffAccess: 'public' } },
    async (request, reply) => {
      try {
        const { staff, token, expiresAt } = await app.staffAuth.login(request.body.login, request.body.password, request.ip);
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https', expires: expiresAt,
        });
        return { ...me(staff), sessionExpiresAt: expiresAt.toISOString() };
      } catch (error) {
        if (!(error instanceof LoginLockedError)) throw error;
        const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000));
        return reply.code(429).header('retry-after', String(seconds))
          .send({ ...errorBody(429, ErrorCode.loginLocked, error.message), retryAt: error.retryAt.toISOString() });
      }
    },
  );

  app.delete(
    StaffPath.session,
    { schema: { summary: 'Log out: ends the session', operationId: 'logOut', response: { 204: Type.Null(), '4xx': ErrorBodySchema } } },
    async (request, reply) => {
      await app.staffAuth.logout(request.cookies[SESSION_COOKIE], staffOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
      return reply.code(204).send();
    },
  );

  app.get(
    StaffPath.me,
    { schema: { summary: 'The logged-in staff member', operationId: 'getStaffMe', response: { 200: StaffMeSchema, '4xx': ErrorBodySchema } } },
    async (request) => me(staffOf(request)),
  );
}
