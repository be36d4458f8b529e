import type { FastifyInstance } from 'fastify';
import { StaffPath } from '../../common/api.js';
import { ErrorBodySchema } from '../../common/schemas/error.js';
import {
  MailStatusSchema, StaffNotificationsInputSchema, StaffNotificationsSchema, type StaffNotificationsInput,
} from '../../common/schemas/staff.js';
import { staffOf } from '../http/staff.js';
import { StaffNotificationsService } from '../staff/notifications.js';

/** The signed-in account's e-mail choices, and (admins) the state of the mail. */
export default async function staffMailRoutes(app: FastifyInstance): Promise<void> {
  const service = new StaffNotificationsService(app.store, app.mailer, app.audit);
  const errors = { '4xx': ErrorBodySchema };
  app.get(StaffPath.notifications, { schema: { summary: "The caller's e-mail notification choices", operationId: 'getStaffNotifications', response: { 200: StaffNotificationsSchema, ...errors } } }, async (request) => service.get(staffOf(request)));
  app.put<{ Body: StaffNotificationsInput }>(
    StaffPath.notifications,
    { schema: { summary: "Set the caller's e-mail notification choices", operationId: 'setStaffNotifications', body: StaffNotificationsInputSchema, response: { 200: StaffNotificationsSchema, ...errors } } },
    async (request) => service.set(staffOf(request), request.body),
  );
  app.get(StaffPath.mail, { schema: { summary: 'Whether mail is configured, and failed deliveries in the caller\'s units (admins)', operationId: 'getStaffMailStatus', response: { 200: MailStatusSchema, ...errors } } }, async (request) => service.status(staffOf(request)));
}
