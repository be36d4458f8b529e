/**
 * A SQLite database filled through the real app, for the store-migration tests: citizen
 * reports (photos, a contact address, event times and recurrences, confirmations), staff and
 * their sessions, failed logins, status changes with public and internal notes, a duplicate,
 * a hidden report, a report entered by staff, widget configs, a crime-statistics import, mails
 * sent, failed and waiting, and everything the app writes on the way (history, the daily rule's
 * log, its secret, audit entries, aggregates). The app is closed afterwards: the file is at rest.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiPath, DEVICE_HEADER, StaffPath } from '../../common/api.js';
import { buildApp } from '../app.js';
import { seededTemplate } from './helpers.js';
import { startSmtp } from './mail-helpers.js';
import { twoColourJpeg, twoColourPng } from './photo-fixtures.js';
import { newDevice, OLSZTYN, postReport, postReportWithPhotos } from './report-helpers.js';
import { addStaff, logIn, loginRequest, staffInject } from './staff-helpers.js';

export interface AppFilledDatabase {
  /** The SQLite file (its folder is the caller's to remove). */
  path: string;
  dir: string;
  /** The photos as the app stored them, by report id. */
  photoReport: string;
}

/** Places in distinct units, so the aggregates span several subtrees. */
const PLACES = [
  OLSZTYN,
  { lon: 21.0122, lat: 52.2297 }, // Warsaw
  { lon: 18.6466, lat: 54.352 }, // Gdańsk
  { lon: 19.945, lat: 50.0647 }, // Kraków
  { lon: 20.49, lat: 53.78 }, // Olsztyn again, nearby
];

async function ok(response: Promise<{ statusCode: number; body: string }>, status = 200): Promise<string> {
  const answer = await response;
  assert.equal(answer.statusCode, status, answer.body);
  return answer.body;
}

async function report(app: FastifyInstance, body: Record<string, unknown>): Promise<string> {
  return JSON.parse(await ok(postReport(app, body), 201)).id as string;
}

/** Fills a copy of the seeded template through the app's HTTP API and closes the app. */
export async function appFilledDatabase(): Promise<AppFilledDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'kmzb-migrate-'));
  const path = join(dir, 'kmzb.sqlite');
  copyFileSync(seededTemplate(), path);
  const smtp = await startSmtp();
  const app = await buildApp({
    dbPath: path, distDir: join(dir, 'no-dist'), demoDir: join(dir, 'no-demo'),
    reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 },
    mail: { smtpUrl: smtp.url, from: 'KMZB <kmzb@example.pl>', publicUrl: 'https://kmzb.example.pl' },
    mailer: { intervalMs: 0, digestHourUtc: 0 },
  });
  try {
    await addStaff(app, 'boss', 'admin', 'pl');
    await addStaff(app, 'admin-ol', 'admin', 'kwp-olsztyn');
    await addStaff(app, 'officer-ol', 'officer', 'kmp-olsztyn');
    const boss = await logIn(app, 'boss');
    const admin = await logIn(app, 'admin-ol');
    const officer = await logIn(app, 'officer-ol');
    // A failed login: login_failures and an audit entry.
    assert.equal((await loginRequest(app, 'officer-ol', 'wrong password')).statusCode, 401);
    await ok(staffInject(app, officer, { method: 'PUT', url: StaffPath.notifications, payload: { email: 'officer@policja.example.pl', newReports: true, digest: true, lang: 'en' } }));

    const ids: string[] = [];
    for (const [i, place] of PLACES.entries()) {
      ids.push(await report(app, {
        ...place, category: ['illegal_parking', 'vandalism', 'speeding', 'illegal_dump', 'stray_dogs'][i],
        // What COPY's text format escapes (backslash, tab, newline, carriage return), and what it does not.
        description: `Zgłoszenie ${i}: „żółta ławka” \\ "cudzysłów" 'apostrof'\tkolumna\r\nLinia 2 \\N`,
        ...(i % 2 ? { eventAt: '2025-04-30T18:30:00.000Z', recurrence: { days: ['mon', 'fri'], times: ['evening'] } } : {}),
      }));
    }
    const withContact = await report(app, { ...OLSZTYN, category: 'public_drinking', email: 'ewa@example.pl', lang: 'uk' });
    const photos = await postReportWithPhotos(app, { ...OLSZTYN, category: 'illegal_dump' }, [await twoColourJpeg(64, 48), await twoColourPng(40, 30)]);
    assert.equal(photos.statusCode, 201, photos.body);
    const photoReport = photos.json<{ id: string }>().id;
    const hiddenOne = await report(app, { ...OLSZTYN, category: 'begging' });
    for (let i = 0; i < 3; i++) {
      await ok(app.inject({ method: 'POST', url: `/api/v1/reports/${ids[0]}/confirmations`, headers: { [DEVICE_HEADER]: newDevice() }, remoteAddress: `192.0.2.${10 + i}` }), 201);
    }

    const status = (cookie: string, id: string, payload: Record<string, unknown>) =>
      ok(staffInject(app, cookie, { method: 'POST', url: `/api/v1/staff/reports/${id}/status`, payload }));
    await status(officer, ids[0]!, { status: 'verifying', version: 1, publicNote: 'Patrol w drodze.', internalNote: 'Kierowca znany.' });
    await status(officer, ids[0]!, { status: 'confirmed', version: 2, publicNote: 'Potwierdzone.' });
    await status(officer, ids[0]!, { status: 'eliminated', version: 3 });
    await status(officer, withContact, { status: 'verifying', version: 1, publicNote: 'Sprawdzamy.' });
    await status(boss, ids[1]!, { status: 'verifying', version: 1 });
    await status(boss, ids[1]!, { status: 'not_confirmed', version: 2, internalNote: 'Nic nie znaleziono.' });
    await status(boss, ids[2]!, { status: 'verifying', version: 1 });
    await status(boss, ids[2]!, { status: 'confirmed', version: 2 });
    await status(boss, ids[2]!, { status: 'forwarded', version: 3, publicNote: 'Przekazane zarządcy drogi.' });
    await status(officer, hiddenOne, { status: 'hidden', version: 1, internalNote: 'Dane osobowe.' });
    await ok(staffInject(app, officer, { method: 'POST', url: `/api/v1/staff/reports/${ids[4]}/duplicate-of`, payload: { original: photoReport, version: 1 } }));
    await ok(staffInject(app, officer, {
      method: 'POST', url: StaffPath.reports,
      payload: { lon: 20.47, lat: 53.77, category: 'speeding', source: 'debate', description: 'Z debaty społecznej.' },
    }), 201);

    await ok(staffInject(app, boss, { method: 'PUT', url: '/api/v1/staff/units/pl/config', payload: { defaultLang: 'en' } }));
    await ok(staffInject(app, admin, {
      method: 'PUT', url: '/api/v1/staff/units/kmp-olsztyn/config',
      payload: { timeWindowDays: 90, enabledCategories: ['illegal_parking', 'vandalism'], accentColor: '#aa0000', allowedOrigins: ['https://olsztyn.policja.gov.pl'] },
    }));
    await ok(staffInject(app, admin, {
      method: 'POST', url: `${StaffPath.crimeStatsImport}?dryRun=false`, headers: { 'content-type': 'text/csv; charset=utf-8' },
      payload: 'teryt,year,month,category,count\n2862,2025,1,theft,120\n2862,2025,1,burglary,14\n2814,2025,01,brawl,3\n',
    }));

    // Mail: the new-report mails and the citizen's status mail go out; one more is refused (retried later) and stays queued.
    await app.mailer.tick();
    await status(officer, withContact, { status: 'confirmed', version: 2, publicNote: 'Potwierdzone, dziękujemy.' });
    smtp.refuseNext(1);
    await app.mailer.tick();
    await report(app, { ...OLSZTYN, category: 'vandalism' });
    await app.mailer.tick().catch(() => undefined);
    await ok(app.inject({ method: 'GET', url: `${ApiPath.reportMap}?unit=pl` }));
    return { path, dir, photoReport };
  } finally {
    await app.close();
    await smtp.close();
  }
}
