/** The store port's contract, part 2: staff, sessions and login failures, unit configs, staff reports and mail, on both stores. (Harness and helpers: store-contract-harness.ts.) */
import assert from 'node:assert/strict';
import { after } from 'node:test';
import type { Status } from '../../common/catalogue.js';
import type { ReportInsert } from '../store/reports.js';
import type { StoreUnit } from '../store/store.js';
import { type Harness, contract, NOW, ago, reportId, report, insert, changeStatus, hash, mail } from './store-contract-harness.js';

// --- Staff ------------------------------------------------------------------------------------------------

const account = (id: string, login: string, unitId: string, over: Partial<Parameters<StoreUnit['staff']['insert']>[0]> = {}) => ({
  id, login, displayName: `Name ${id}`, role: 'officer' as const, unitId, passwordHash: `hash-${id}`, createdAt: '2026-01-02T00:00:00.000Z', ...over,
});

contract('staff: insert, find, findByLogin case-insensitively, listIn and listAll by login, the updates', async (h) => {
  await h.store.unit(async (tx) => {
    await tx.staff.insert(account('s1', 'Zofia', 'kmp-legnica', { email: 'zofia@example.org' }));
    await tx.staff.insert(account('s2', 'bartek', 'kmp-walbrzych'));
    await tx.staff.insert(account('s3', 'Celina', 'kwp-wroclaw', { role: 'admin', email: null }));
  });
  assert.deepEqual(await h.store.staff.find('s1'), {
    id: 's1', login: 'Zofia', displayName: 'Name s1', role: 'officer', unitId: 'kmp-legnica', createdAt: '2026-01-02T00:00:00.000Z',
    disabledAt: null, email: 'zofia@example.org', mailLang: 'pl', notifyNewReports: false, notifyDigest: false,
  });
  assert.equal(await h.store.staff.find('nobody'), undefined);
  const byLogin = await h.store.staff.findByLogin('ZOFIA');
  assert.equal(byLogin!.id, 's1');
  assert.equal(byLogin!.login, 'Zofia', 'as written');
  assert.equal(byLogin!.passwordHash, 'hash-s1');
  assert.equal((await h.store.staff.findByLogin('celina'))!.role, 'admin');
  assert.equal(await h.store.staff.findByLogin('zofi'), undefined);
  assert.deepEqual((await h.store.staff.listAll()).map((s) => s.login), ['admin', 'bartek', 'Celina', 'Zofia'], 'by login, case ignored');
  assert.deepEqual((await h.store.staff.listIn(['kmp-legnica', 'kwp-wroclaw'])).map((s) => s.id), ['s3', 's1']);
  assert.deepEqual(await h.store.staff.listIn([]), []);
  // A login taken in another case is refused.
  await assert.rejects(h.store.unit((tx) => tx.staff.insert(account('s4', 'BARTEK', 'pl'))));
  assert.equal(await h.store.staff.find('s4'), undefined);

  await h.store.unit((tx) => tx.staff.updateEmail('s2', 'bartek@example.org'));
  assert.equal((await h.store.staff.find('s2'))!.email, 'bartek@example.org');
  await h.store.staff.updateEmail('s2', null);
  assert.equal((await h.store.staff.find('s2'))!.email, null);
  await h.store.unit((tx) => tx.staff.updateMail('s2', { email: 'b@example.org', mailLang: 'uk', notifyNewReports: true, notifyDigest: false }));
  assert.deepEqual(await h.store.staff.find('s2').then((s) => s && [s.email, s.mailLang, s.notifyNewReports, s.notifyDigest]),
    ['b@example.org', 'uk', true, false]);
  await h.store.staff.updateMail('s2', { email: null, mailLang: 'en', notifyNewReports: false, notifyDigest: true });
  assert.deepEqual(await h.store.staff.find('s2').then((s) => s && [s.email, s.mailLang, s.notifyNewReports, s.notifyDigest]),
    [null, 'en', false, true]);

  const before = (await h.store.staff.findByLogin('zofia'))!;
  await h.store.unit((tx) => tx.staff.update('s1', { displayName: 'Zofia K.', disabledAt: '2026-01-03T00:00:00.000Z' }));
  assert.deepEqual(await h.store.staff.findByLogin('zofia'), { ...before, displayName: 'Zofia K.', disabledAt: '2026-01-03T00:00:00.000Z' });
  await h.store.staff.update('s1', {});
  assert.equal((await h.store.staff.find('s1'))!.disabledAt, '2026-01-03T00:00:00.000Z', 'undefined leaves a field alone');
  await h.store.staff.update('s1', { role: 'admin', unitId: 'kwp-wroclaw', passwordHash: 'new-hash', disabledAt: null });
  assert.deepEqual(await h.store.staff.findByLogin('zofia'), {
    ...before, displayName: 'Zofia K.', role: 'admin', unitId: 'kwp-wroclaw', passwordHash: 'new-hash', disabledAt: null,
  });
});

// --- Staff sessions and login failures ---------------------------------------------------------------------

contract('staff sessions: create, find with the account, touch, revoke, revoke all, remove expired', async (h) => {
  await h.store.unit((tx) => tx.staff.insert(account('s1', 'zofia', 'kmp-legnica')));
  const t = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();
  await h.store.unit(async (tx) => {
    await tx.staffSessions.create(hash(1), 'x', t(0), t(1), t(12));
    await tx.staffSessions.create(hash(2), 'x', t(0), t(2), t(3));
    await tx.staffSessions.create(hash(3), 's1', t(0), t(1), t(12));
  });
  await h.store.staffSessions.create(hash(4), 's1', t(0), t(5), t(12));
  assert.deepEqual(await h.store.staffSessions.find(hash(1)), {
    staffId: 'x', createdAt: t(0), idleExpiresAt: t(1), absoluteExpiresAt: t(12), disabledAt: null,
  });
  assert.equal(await h.store.staffSessions.find(hash(9)), undefined);
  await h.store.staff.update('s1', { disabledAt: t(0.5) });
  assert.equal((await h.store.staffSessions.find(hash(3)))!.disabledAt, t(0.5), "the account's state comes with the session");
  await h.store.unit((tx) => tx.staffSessions.touch(hash(1), t(4)));
  assert.equal((await h.store.staffSessions.find(hash(1)))!.idleExpiresAt, t(4));
  await h.store.staffSessions.touch(hash(9), t(4));
  await h.store.unit((tx) => tx.staffSessions.revoke(hash(1)));
  assert.equal(await h.store.staffSessions.find(hash(1)), undefined);
  assert.ok(await h.store.staffSessions.find(hash(2)));
  await h.store.staffSessions.revokeAllOf('s1');
  assert.equal(await h.store.staffSessions.find(hash(3)), undefined);
  assert.equal(await h.store.staffSessions.find(hash(4)), undefined);
  await h.store.unit(async (tx) => {
    await tx.staffSessions.create(hash(5), 'x', t(0), t(6), t(7)); // idle expiry at the instant
    await tx.staffSessions.create(hash(6), 'x', t(0), t(8), t(6)); // absolute expiry at the instant
    await tx.staffSessions.create(hash(7), 'x', t(0), t(7), t(8));
    await tx.staffSessions.removeExpired(t(6));
  });
  assert.deepEqual(await Promise.all([2, 5, 6, 7].map(async (n) => (await h.store.staffSessions.find(hash(n))) !== undefined)),
    [false, false, false, true], 'at or before either expiry');
  await h.store.staffSessions.removeExpired(t(100));
  assert.equal(await h.store.staffSessions.find(hash(7)), undefined);
});

contract('login failures: record (with its id), take back, list newest first, clear, prune apart from trusted networks', async (h) => {
  const key = 'login:zofia';
  const ids = await h.store.unit(async (tx) => [
    await tx.staffSessions.recordFailure(key, ago(3)),
    await tx.staffSessions.recordFailure(key, ago(2)),
    await tx.staffSessions.recordFailure(key, ago(1)),
    await tx.staffSessions.recordFailure('ip:10.0.0.1', ago(1)),
  ]);
  assert.ok(ids.every((id) => typeof id === 'number'));
  assert.equal(new Set(ids).size, 4);
  const trusted = await h.store.staffSessions.recordFailure('trusted:x:10.0.0', ago(10));
  assert.ok(typeof trusted === 'number' && !ids.includes(trusted));
  await h.store.staffSessions.recordFailure('trusted:x:10.0.1', ago(0.5));
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(4)), [ago(1), ago(2), ago(3)]);
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(2)), [ago(1)], '`since` is exclusive');
  assert.deepEqual(await h.store.staffSessions.failures('login:nobody', ago(4)), []);
  await h.store.unit((tx) => tx.staffSessions.removeFailure(ids[1]!));
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(4)), [ago(1), ago(3)]);
  await h.store.staffSessions.removeFailure(ids[1]!);
  await h.store.unit((tx) => tx.staffSessions.pruneFailuresBefore(ago(1)));
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(4)), [], 'at or before');
  assert.deepEqual(await h.store.staffSessions.failures('ip:10.0.0.1', ago(4)), []);
  assert.deepEqual(await h.store.staffSessions.failures('trusted:x:10.0.0', ago(30)), [ago(10)], 'trusted networks outlive the window');
  await h.store.staffSessions.recordFailure(key, ago(0.2));
  await h.store.staffSessions.recordFailure('ip:10.0.0.1', ago(0.2));
  await h.store.unit((tx) => tx.staffSessions.pruneTrustedBefore(ago(0.5)));
  assert.deepEqual(await h.store.staffSessions.failures('trusted:x:10.0.0', ago(30)), []);
  assert.deepEqual(await h.store.staffSessions.failures('trusted:x:10.0.1', ago(30)), [], 'at or before');
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(30)), [ago(0.2)], 'failures are not trusted networks');
  await h.store.unit((tx) => tx.staffSessions.clearFailures(key));
  assert.deepEqual(await h.store.staffSessions.failures(key, ago(30)), []);
  assert.deepEqual(await h.store.staffSessions.failures('ip:10.0.0.1', ago(30)), [ago(0.2)]);
  await h.store.staffSessions.clearFailures('ip:10.0.0.1');
  assert.equal(await h.value('SELECT count(*) FROM login_failures'), 0);
});

// --- Unit configs --------------------------------------------------------------------------------------------

contract('unit configs: all, save (insert or replace), JSON and flags read back as written', async (h) => {
  assert.deepEqual(await h.store.unitConfigs.all(), new Map());
  const legnica = {
    enabledCategories: ['vandalism', 'speeding'], defaultView: 'map' as const, timeWindowDays: 30 as const, defaultLang: 'en' as const,
    accentColor: '#12ab34', photosEnabled: false, allowedOrigins: ['https://legnica.example.org'],
  };
  const inherit = {
    enabledCategories: null, defaultView: null, timeWindowDays: null, defaultLang: null, accentColor: null, photosEnabled: null, allowedOrigins: null,
  };
  await h.store.unit(async (tx) => {
    await tx.unitConfigs.save('kmp-legnica', legnica, '2026-01-01T00:00:00.000Z');
    await tx.unitConfigs.save('kwp-wroclaw', inherit, '2026-01-01T00:00:00.000Z');
  });
  assert.deepEqual(await h.store.unitConfigs.all(), new Map<string, unknown>([['kmp-legnica', legnica], ['kwp-wroclaw', inherit]]));
  assert.equal(await h.value("SELECT enabled_categories FROM unit_configs WHERE unit_id = 'kmp-legnica'"), '["vandalism","speeding"]');
  const changed = { ...inherit, photosEnabled: true, enabledCategories: [] };
  await h.store.unitConfigs.save('kmp-legnica', changed, '2026-01-02T00:00:00.000Z');
  assert.deepEqual((await h.store.unitConfigs.all()).get('kmp-legnica'), changed);
  assert.equal(await h.value("SELECT updated_at FROM unit_configs WHERE unit_id = 'kmp-legnica'"), '2026-01-02T00:00:00.000Z');
  assert.equal(await h.value('SELECT count(*) FROM unit_configs'), 2);
  // A value the schema refuses leaves the unit's other writes out.
  await assert.rejects(h.store.unit(async (tx) => {
    await tx.unitConfigs.save('kmp-walbrzych', legnica, '2026-01-03T00:00:00.000Z');
    await tx.unitConfigs.save('kmp-legnica', { ...legnica, accentColor: 'red' }, '2026-01-03T00:00:00.000Z');
  }));
  assert.equal((await h.store.unitConfigs.all()).size, 2);
});

// --- Staff reports -------------------------------------------------------------------------------------------

/** Reports around the queue's overdue thresholds (read by ago(2), verified by ago(7)), in Legnica unless said. */
async function queueFixture(h: Harness) {
  const r = {
    fresh: report({ createdAt: ago(1) }),
    lateRead: report({ createdAt: ago(3) }),
    lateVerify: report({ createdAt: ago(8) }),
    lateBoth: report({ createdAt: ago(10) }),
    done: report({ createdAt: ago(20) }),
    elsewhere: report({ createdAt: ago(0.5), unitId: 'kmp-walbrzych' }),
    police: report({ createdAt: ago(4), category: 'speeding', source: 'police' }),
    sameTime: report({ createdAt: ago(1) }),
  };
  await insert(h, ...Object.values(r));
  await changeStatus(h, r.lateVerify.id, 'verifying', ago(7.5));
  await changeStatus(h, r.done.id, 'confirmed', ago(19));
  await changeStatus(h, r.sameTime.id, 'confirmed', ago(0.9));
  return r;
}

contract('staff reports: the queue, overdue first (oldest first), then newest first; filters, paging and total', async (h) => {
  const r = await queueFixture(h);
  const base = { units: ['kmp-legnica'], overdueOnly: false, readBy: ago(2), verifyBy: ago(7), limit: 50, offset: 0 };
  const ids = async (over: Partial<typeof base> & Partial<Parameters<StoreUnit['staffReports']['list']>[0]> = {}) => {
    const { total, rows } = await h.store.staffReports.list({ ...base, ...over });
    return { total, ids: rows.map((row) => row.id) };
  };
  const all = await h.store.staffReports.list(base);
  assert.equal(all.total, 7);
  assert.deepEqual(all.rows.map((row) => row.id),
    [r.lateBoth, r.lateVerify, r.police, r.lateRead, r.fresh, r.sameTime, r.done].map((x) => x.id));
  const flags = (x: { id: string }) => all.rows.filter((row) => row.id === x.id).map((row) => [row.overdueRead, row.overdueVerify])[0];
  assert.deepEqual([r.lateBoth, r.lateVerify, r.lateRead, r.fresh, r.done].map(flags),
    [[true, true], [false, true], [true, false], [false, false], [false, false]]);
  assert.deepEqual(all.rows.find((row) => row.id === r.lateVerify.id), {
    id: r.lateVerify.id, category: 'vandalism', status: 'verifying', unit: 'kmp-legnica', source: 'citizen',
    createdAt: ago(8), updatedAt: ago(7.5), confirmations: 0, lon: 16.16, lat: 51.21, version: 1, overdueRead: false, overdueVerify: true,
  });
  assert.deepEqual(await ids({ status: 'new' }), { total: 4, ids: [r.lateBoth, r.police, r.lateRead, r.fresh].map((x) => x.id) });
  assert.deepEqual(await ids({ category: 'speeding' }), { total: 1, ids: [r.police.id] });
  assert.deepEqual(await ids({ source: 'police' }), { total: 1, ids: [r.police.id] });
  assert.deepEqual(await ids({ source: 'citizen', category: 'vandalism', status: 'confirmed' }), { total: 2, ids: [r.sameTime.id, r.done.id] });
  assert.deepEqual(await ids({ since: ago(4) }), { total: 4, ids: [r.police, r.lateRead, r.fresh, r.sameTime].map((x) => x.id) }, 'since inclusive');
  assert.deepEqual(await ids({ until: ago(8) }), { total: 3, ids: [r.lateBoth, r.lateVerify, r.done].map((x) => x.id) }, 'until inclusive');
  assert.deepEqual(await ids({ overdueOnly: true }), { total: 4, ids: [r.lateBoth, r.lateVerify, r.police, r.lateRead].map((x) => x.id) });
  assert.deepEqual(await ids({ limit: 2, offset: 1 }), { total: 7, ids: [r.lateVerify.id, r.police.id] });
  assert.deepEqual(await ids({ offset: 10 }), { total: 7, ids: [] });
  assert.deepEqual(await ids({ units: ['kmp-legnica', 'kmp-walbrzych'], since: ago(1) }), { total: 3, ids: [r.elsewhere, r.fresh, r.sameTime].map((x) => x.id) });
  assert.deepEqual(await ids({ units: [] }), { total: 0, ids: [] });
  // Later thresholds: nothing is late, newest first throughout.
  assert.deepEqual((await ids({ readBy: ago(100), verifyBy: ago(100) })).ids,
    [r.fresh, r.sameTime, r.lateRead, r.police, r.lateVerify, r.lateBoth, r.done].map((x) => x.id));
});

contract('staff reports: find, photos, photo bytes, history with staff names', async (h) => {
  const a = report({
    description: 'Opis', eventAt: ago(6), recurrence: { days: ['fri'] } as ReportInsert['recurrence'],
    photos: [{ mime: 'image/jpeg', bytes: Buffer.from([1, 2, 3]) }, { mime: 'image/png', bytes: Buffer.from([4, 5]) }],
  });
  const b = report({ source: 'police', staffId: 'x' });
  await insert(h, a, b);
  assert.deepEqual(await h.store.staffReports.find(a.id), {
    id: a.id, category: 'vandalism', status: 'new', unit: 'kmp-legnica', source: 'citizen', createdAt: a.createdAt, updatedAt: a.createdAt,
    confirmations: 0, lon: 16.16, lat: 51.21, version: 1, description: 'Opis', eventAt: ago(6), recurrence: '{"days":["fri"]}', duplicateOf: null,
  });
  assert.equal(await h.store.staffReports.find('zzzzzzzzzz'), undefined);
  assert.deepEqual(await h.store.staffReports.photos(a.id), [{ n: 1, mime: 'image/jpeg', bytes: 3 }, { n: 2, mime: 'image/png', bytes: 2 }]);
  assert.deepEqual(await h.store.staffReports.photos(b.id), []);
  assert.deepEqual(await h.store.staffReports.photoBytes(a.id, 2), { mime: 'image/png', bytes: Buffer.from([4, 5]) });
  assert.equal(await h.store.staffReports.photoBytes(a.id, 3), undefined);
  assert.deepEqual(await h.store.staffReports.history(b.id), [
    { at: b.createdAt, status: 'new', publicNote: null, internalNote: null, staffId: 'x', staffName: 'Admin' },
  ]);
  await changeStatus(h, a.id, 'verifying', ago(4), 'Sprawdzamy');
  assert.deepEqual(await h.store.staffReports.history(a.id), [
    { at: a.createdAt, status: 'new', publicNote: null, internalNote: null, staffId: null, staffName: null },
    { at: ago(4), status: 'verifying', publicNote: 'Sprawdzamy', internalNote: 'internal', staffId: null, staffName: null },
  ]);
  assert.deepEqual(await h.store.staffReports.history('zzzzzzzzzz'), []);
});

contract('staff reports: changeStatus and linkDuplicate check the version (false: stale, nothing written); confirmedAt', async (h) => {
  const original = report({ createdAt: ago(3) });
  const duplicate = report({ createdAt: ago(2), lon: 16.1601 });
  await insert(h, original, duplicate);
  assert.equal(await h.store.unit((tx) => tx.staffReports.changeStatus(original.id, 1, 'verifying', ago(1), 'x', 'Jedziemy', 'patrol 7')), true);
  assert.equal(await h.store.unit((tx) => tx.staffReports.changeStatus(original.id, 1, 'confirmed', ago(0.5), 'x')), false, 'stale');
  const found = (await h.store.staffReports.find(original.id))!;
  assert.deepEqual([found.status, found.version, found.updatedAt], ['verifying', 2, ago(1)]);
  assert.deepEqual((await h.store.staffReports.history(original.id)).slice(1), [
    { at: ago(1), status: 'verifying', publicNote: 'Jedziemy', internalNote: 'patrol 7', staffId: 'x', staffName: 'Admin' },
  ]);
  assert.equal(await h.store.staffReports.changeStatus(original.id, 2, 'confirmed', ago(0.5), 'x'), true);
  assert.deepEqual((await h.store.staffReports.history(original.id)).at(-1),
    { at: ago(0.5), status: 'confirmed', publicNote: null, internalNote: null, staffId: 'x', staffName: 'Admin' });
  assert.equal(await h.store.staffReports.changeStatus('zzzzzzzzzz', 1, 'confirmed', ago(0.5), 'x'), false);

  await h.store.unit((tx) => tx.reports.confirm(original.id, ago(2.5), hash(1)));
  await h.store.unit(async (tx) => {
    await tx.reports.confirm(duplicate.id, ago(1.5), hash(2));
    await tx.reports.confirm(duplicate.id, ago(0.2), hash(3));
  });
  assert.deepEqual(await h.store.staffReports.confirmedAt(duplicate.id), [ago(1.5), ago(0.2)]);
  assert.equal(await h.store.unit((tx) => tx.staffReports.linkDuplicate(duplicate.id, 2, original.id, 2, ago(0.1), 'x', undefined, 'same bench')), false, 'stale');
  assert.equal((await h.store.staffReports.find(duplicate.id))!.confirmations, 2);
  assert.equal(await h.store.unit((tx) => tx.staffReports.linkDuplicate(duplicate.id, 1, original.id, 2, ago(0.1), 'x', 'Duplikat', 'same bench')), true);
  const dup = (await h.store.staffReports.find(duplicate.id))!;
  assert.deepEqual([dup.status, dup.confirmations, dup.duplicateOf, dup.version, dup.updatedAt], ['hidden', 0, original.id, 2, ago(0.1)]);
  const orig = (await h.store.staffReports.find(original.id))!;
  assert.deepEqual([orig.status, orig.confirmations, orig.version, orig.duplicateOf], ['confirmed', 3, 4, null]);
  assert.deepEqual(await h.store.staffReports.confirmedAt(original.id), [ago(2.5), ago(1.5), ago(0.2)], 'moved, oldest first');
  assert.deepEqual(await h.store.staffReports.confirmedAt(duplicate.id), []);
  assert.deepEqual((await h.store.staffReports.history(duplicate.id)).at(-1),
    { at: ago(0.1), status: 'hidden', publicNote: 'Duplikat', internalNote: 'same bench', staffId: 'x', staffName: 'Admin' });
  assert.equal(await h.store.staffReports.linkDuplicate(duplicate.id, 1, original.id, 0, ago(0.05), 'x', undefined, 'again'), false);
  assert.equal((await h.store.staffReports.history(duplicate.id)).length, 2);
});

contract('staff reports: openNear finds open reports in the box and the units, other than the report itself', async (h) => {
  const self = report({ lon: 16.1600, lat: 51.2100 });
  const near = report({ lon: 16.1605, lat: 51.2102 });
  const edge = report({ lon: 16.1700, lat: 51.2000, category: 'speeding' });
  const far = report({ lon: 16.1900, lat: 51.2100 });
  const closed = report({ lon: 16.1610, lat: 51.2090 });
  const otherUnit = report({ lon: 16.1620, lat: 51.2095, unitId: 'kmp-walbrzych' });
  await insert(h, self, near, edge, far, closed, otherUnit);
  await changeStatus(h, closed.id, 'eliminated', ago(1));
  await changeStatus(h, near.id, 'verifying', ago(1));
  const box = { minLon: 16.15, minLat: 51.20, maxLon: 16.17, maxLat: 51.22 };
  const found = await h.store.staffReports.openNear(self.id, box, ['kmp-legnica']);
  assert.deepEqual(found.map((x) => x.id).sort(), [near.id, edge.id].sort());
  assert.deepEqual(found.find((x) => x.id === near.id), { id: near.id, category: 'vandalism', status: 'verifying', lon: 16.1605, lat: 51.2102, createdAt: near.createdAt });
  assert.deepEqual((await h.store.staffReports.openNear(self.id, box, ['kmp-legnica', 'kmp-walbrzych'])).map((x) => x.id).sort(),
    [near.id, edge.id, otherUnit.id].sort());
  assert.deepEqual(await h.store.staffReports.openNear(self.id, box, []), []);
  assert.deepEqual(await h.store.staffReports.openNear(self.id, { minLon: 20, minLat: 50, maxLon: 21, maxLat: 51 }, ['kmp-legnica']), []);
});

// --- Mail ------------------------------------------------------------------------------------------------------

contract('mail queue: enqueue, claimDue (oldest due first, leased), sent, retryAt, givenUp, problems', async (h) => {
  const r = report();
  await insert(h, r);
  const citizen = mail({ kind: 'status_change', recipient: 'citizen@example.org', staffId: null, reportId: r.id, createdAt: ago(0.8), subject: 'Status' });
  await h.store.unit(async (tx) => {
    await tx.mail.enqueue(mail({ createdAt: ago(0.5), subject: 'second' }));
    await tx.mail.enqueue(mail({ createdAt: ago(1), subject: 'first' }));
    await tx.mail.enqueue(citizen);
  });
  await h.store.mail.enqueue(mail({ kind: 'digest', createdAt: ago(0.1), subject: 'digest' }));
  assert.deepEqual(await h.store.mail.claimDue(ago(2), ago(-1), 10), [], 'nothing due yet');
  const one = await h.store.unit((tx) => tx.mail.claimDue(ago(0.3), ago(0.2), 1));
  assert.deepEqual(one.map((m) => m.subject), ['first'], 'oldest due first');
  const { id: firstId, ...first } = one[0]!;
  assert.equal(typeof firstId, 'number');
  assert.deepEqual(first, { ...mail({ subject: 'first' }), attempts: 0 });
  const claimed = await h.store.mail.claimDue(ago(0.3), ago(0.2), 10);
  assert.deepEqual(claimed.map((m) => m.subject), ['second', 'Status'], 'by id');
  assert.ok(claimed[0]!.id < claimed[1]!.id);
  assert.deepEqual(claimed.find((m) => m.subject === 'Status'), { ...citizen, id: claimed[1]!.id, attempts: 0 });
  assert.deepEqual(await h.store.mail.claimDue(ago(0.3), ago(0.2), 10), [], 'leased');
  const statusId = claimed[1]!.id;
  const secondId = claimed[0]!.id;
  // The lease has run out (the sender died): due again, with the digest now.
  assert.deepEqual((await h.store.mail.claimDue(ago(0.05), ago(-1), 10)).map((m) => m.subject), ['second', 'first', 'Status', 'digest']);

  await h.store.unit((tx) => tx.mail.retryAt(firstId, ago(-2), 'timeout'));
  await h.store.mail.retryAt(statusId, ago(-2), 'refused');
  await h.store.unit((tx) => tx.mail.givenUp(statusId, ago(0.01), 'refused again'));
  await h.store.mail.sent(secondId, ago(0.01));
  assert.equal(await h.value('SELECT recipient FROM mail_queue WHERE id = ?', [statusId]), '', "a citizen's address is blanked when given up");
  assert.equal(await h.value('SELECT recipient FROM mail_queue WHERE id = ?', [secondId]), 'admin@example.org', "a staff address is kept");
  assert.deepEqual(await h.store.mail.problems(ago(1)), [
    { id: statusId, unitId: 'kmp-legnica', kind: 'status_change', recipient: '', staffId: null, subject: 'Status', attempts: 2,
      lastError: 'refused again', nextAttemptAt: ago(-2), failedAt: ago(0.01) },
    { id: firstId, unitId: 'pl', kind: 'new_report', recipient: 'admin@example.org', staffId: 'x', subject: 'first', attempts: 1,
      lastError: 'timeout', nextAttemptAt: ago(-2), failedAt: null },
  ], 'newest first; the unit of the account or of the report');
  assert.deepEqual((await h.store.mail.problems(ago(0.005))).map((m) => m.id), [firstId], 'given up on before `since`: left out');
  assert.deepEqual((await h.store.mail.problems(ago(1), 1)).map((m) => m.id), [statusId]);
  // Sent after a failure: no longer a problem, and its error is cleared.
  await h.store.mail.sent(firstId, ago(0.001));
  assert.deepEqual((await h.store.mail.problems(ago(1))).map((m) => m.id), [statusId]);
  assert.equal(await h.value('SELECT attempts FROM mail_queue WHERE id = ?', [firstId]), 2);
  assert.equal(await h.value('SELECT last_error FROM mail_queue WHERE id = ?', [firstId]), null);
  // Sent or given up on: never claimed again.
  assert.deepEqual((await h.store.mail.claimDue(ago(-3), ago(-4), 10)).map((m) => m.subject), ['digest']);
  // A citizen's mail sent: its address is blanked too.
  await h.store.mail.enqueue({ ...citizen, subject: 'Status 2' });
  const [statusTwo] = await h.store.mail.claimDue(ago(-3), ago(-5), 1);
  assert.equal(statusTwo!.subject, 'Status 2');
  await h.store.mail.sent(statusTwo!.id, ago(0));
  assert.equal(await h.value('SELECT recipient FROM mail_queue WHERE id = ?', [statusTwo!.id]), '');
});

contract('mail worker: watermark, reports since it, subscribers, digests claimed once, digest candidates', async (h) => {
  assert.equal(await h.store.mail.watermarkOf('reports'), 0);
  await h.store.unit((tx) => tx.mail.moveWatermark('reports', 5));
  assert.equal(await h.store.mail.watermarkOf('reports'), 5);
  await h.store.mail.moveWatermark('reports', 0);
  assert.equal(await h.store.mail.watermarkOf('reports'), 0);

  const r = {
    lateBoth: report({ createdAt: ago(10), category: 'speeding', source: 'police' }),
    demo: report({ createdAt: ago(9), demo: true }),
    lateVerify: report({ createdAt: ago(8) }),
    lateRead: report({ createdAt: ago(3) }),
    fresh: report({ createdAt: ago(1) }),
    done: report({ createdAt: ago(20) }),
    elsewhere: report({ createdAt: ago(12), unitId: 'kmp-walbrzych' }),
  };
  await insert(h, r.lateBoth, r.demo, r.lateVerify);
  await insert(h, r.lateRead, r.fresh, r.done, r.elsewhere);
  await changeStatus(h, r.lateVerify.id, 'verifying', ago(7.5));
  await changeStatus(h, r.done.id, 'confirmed', ago(19));
  const since = await h.store.mail.reportsSince(0, 50);
  assert.deepEqual(since.map((x) => x.id), [r.lateBoth, r.lateVerify, r.lateRead, r.fresh, r.done, r.elsewhere].map((x) => x.id), 'creation order, no demo');
  assert.ok(since.every((x, i) => typeof x.seq === 'number' && (i === 0 || x.seq > since[i - 1]!.seq)));
  const { seq, ...rest } = since[0]!;
  assert.deepEqual(rest, { id: r.lateBoth.id, unitId: 'kmp-legnica', category: 'speeding', source: 'police', createdAt: ago(10) });
  assert.deepEqual((await h.store.mail.reportsSince(seq, 2)).map((x) => x.id), [r.lateVerify.id, r.lateRead.id]);
  assert.deepEqual(await h.store.mail.reportsSince(since.at(-1)!.seq, 50), []);

  assert.deepEqual(await h.store.mail.digestCandidates(['kmp-legnica'], ago(2), ago(7)), [
    { id: r.lateBoth.id, unitId: 'kmp-legnica', category: 'speeding', status: 'new', createdAt: ago(10) },
    { id: r.lateVerify.id, unitId: 'kmp-legnica', category: 'vandalism', status: 'verifying', createdAt: ago(8) },
    { id: r.lateRead.id, unitId: 'kmp-legnica', category: 'vandalism', status: 'new', createdAt: ago(3) },
  ]);
  assert.deepEqual((await h.store.mail.digestCandidates(['kmp-legnica', 'kmp-walbrzych'], ago(100), ago(9))).map((x) => x.id),
    [r.elsewhere.id, r.lateBoth.id]);
  assert.deepEqual(await h.store.mail.digestCandidates([], ago(0), ago(0)), []);

  await h.store.unit(async (tx) => {
    await tx.staff.insert(account('s3', 'celina', 'kwp-wroclaw', { email: 'c@example.org' }));
    await tx.staff.insert(account('s1', 'zofia', 'kmp-legnica', { email: 'z@example.org' }));
    await tx.staff.insert(account('s2', 'bartek', 'kmp-walbrzych'));
    await tx.staff.insert(account('s4', 'dawid', 'pl', { email: 'd@example.org' }));
    await tx.staff.updateMail('s1', { email: 'z@example.org', mailLang: 'en', notifyNewReports: true, notifyDigest: true });
    await tx.staff.updateMail('s2', { email: null, mailLang: 'pl', notifyNewReports: true, notifyDigest: true });
    await tx.staff.updateMail('s3', { email: 'c@example.org', mailLang: 'uk', notifyNewReports: true, notifyDigest: false });
    await tx.staff.updateMail('s4', { email: 'd@example.org', mailLang: 'pl', notifyNewReports: true, notifyDigest: true });
    await tx.staff.update('s4', { disabledAt: ago(1) });
  });
  assert.deepEqual(await h.store.mail.newReportSubscribersList(), [
    { id: 's1', email: 'z@example.org', lang: 'en', unitId: 'kmp-legnica' },
    { id: 's3', email: 'c@example.org', lang: 'uk', unitId: 'kwp-wroclaw' },
  ], 'with an address, not disabled, by id');
  assert.deepEqual(await h.store.mail.digestSubscribersList(), [{ id: 's1', email: 'z@example.org', lang: 'en', unitId: 'kmp-legnica' }]);

  assert.equal(await h.store.unit((tx) => tx.mail.claimDigest('s1', '2026-01-15')), true);
  assert.equal(await h.store.unit((tx) => tx.mail.claimDigest('s1', '2026-01-15')), false, 'already sent');
  assert.equal(await h.store.mail.claimDigest('s1', '2026-01-16'), true);
  assert.equal(await h.store.mail.claimDigest('s3', '2026-01-15'), true);
  assert.equal(await h.store.mail.claimDigest('s3', '2026-01-15'), false);
  assert.equal(await h.value('SELECT count(*) FROM mail_digests'), 3);
});

contract("mail: citizens' addresses kept per report (replaced whole), read, forgotten", async (h) => {
  const [a, b] = [report(), report()];
  await insert(h, a, b);
  assert.equal(await h.store.mail.contact(a.id), undefined);
  await h.store.unit((tx) => tx.mail.keepContact(a.id, { email: 'a@example.org', lang: 'en', trackingUrl: 'https://x/t/1' }, ago(1)));
  await h.store.mail.keepContact(b.id, { email: 'b@example.org', lang: 'pl', trackingUrl: 'https://x/t/2' }, ago(1));
  assert.deepEqual(await h.store.mail.contact(a.id), { email: 'a@example.org', lang: 'en', trackingUrl: 'https://x/t/1' });
  await h.store.unit((tx) => tx.mail.keepContact(a.id, { email: 'a2@example.org', lang: 'uk', trackingUrl: 'https://x/t/3' }, ago(0.5)));
  assert.deepEqual(await h.store.mail.contact(a.id), { email: 'a2@example.org', lang: 'uk', trackingUrl: 'https://x/t/3' });
  assert.equal(await h.value('SELECT created_at FROM report_contacts WHERE report_id = ?', [a.id]), ago(0.5));
  assert.equal(await h.value('SELECT count(*) FROM report_contacts'), 2);
  await h.store.unit((tx) => tx.mail.forgetContact(a.id));
  assert.equal(await h.store.mail.contact(a.id), undefined);
  await h.store.mail.forgetContact(b.id);
  await h.store.mail.forgetContact(b.id);
  assert.equal(await h.store.mail.contact(b.id), undefined);
  // The address of no report is refused.
  await assert.rejects(h.store.unit((tx) => tx.mail.keepContact('zzzzzzzzzz', { email: 'z@example.org', lang: 'pl', trackingUrl: 'u' }, ago(0))));
});
