import type { FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '../staff/scope.js';

/** The staff member of a request that passed the session check (staff routes only). */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new Error('staffOf() called on a route without the session check');
  return request.staff;
}
