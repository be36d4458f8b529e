import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { StaffPath } from '../../common/api.js';
import type { StaffRole } from '../../common/staff.js';
import { newStaffId } from '../staff/accounts.js';
import { hashPassword } from '../staff/passwords.js';
import './helpers.js'; // the suite's password cost, before the first hash
import { OLSZTYN, postReport } from './report-helpers.js';

/** app.inject's default Host is localhost:80, so this is the app's own origin. */
export const SAME_ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery';

let hashed: Promise<string> | undefined;

/** Creates an account straight in the database (one scrypt hash shared by all test accounts). */
export async function addStaff(app: FastifyInstance, login: string, role: StaffRole, unit: string): Promise<string> {
  hashed ??= hashPassword(PASSWORD);
  const id = newStaffId();
  const passwordHash = await hashed;
  await app.store.unit((tx) => tx.staff.insert({
    id, login, displayName: `Name of ${login}`, role, unitId: unit, passwordHash, createdAt: new Date().toISOString(),
  }));
  return id;
}

export function loginRequest(app: FastifyInstance, login: string, password = PASSWORD, ip = '198.51.100.7'): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST', url: StaffPath.session, headers: { origin: SAME_ORIGIN }, remoteAddress: ip, payload: { login, password },
  });
}

/** Logs in and returns the Cookie header value for later requests. */
export async function logIn(app: FastifyInstance, login: string): Promise<string> {
  const response = await loginRequest(app, login);
  if (response.statusCode !== 200) throw new Error(`login ${login} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'kmzb_staff');
  return `kmzb_staff=${cookie!.value}`;
}

/** A staff request from the console: same Origin, the session cookie (if any). */
export function staffInject(app: FastifyInstance, cookie: string | undefined, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject({
    ...options,
    headers: { origin: SAME_ORIGIN, ...(cookie ? { cookie } : {}), ...(options.headers as Record<string, string> | undefined) },
  });
}

/** A citizen report in kmp-olsztyn (under kwp-olsztyn under pl); returns its id. */
export async function olsztynReport(app: FastifyInstance, category = 'illegal_parking'): Promise<string> {
  const response = await postReport(app, { ...OLSZTYN, category, description: 'Car on the pavement' });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json<{ id: string }>().id;
}
