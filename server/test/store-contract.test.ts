/** The store port's contract, part 1: units, categories, reports, daily actions, statistics, crime statistics, audit and public reports, on both stores. (Harness and helpers: store-contract-harness.ts.) */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after } from 'node:test';
import { loadShippedData } from '../shipped-data.js';
import type { ReportInsert } from '../store/reports.js';
import type { PublicSelection } from '../store/public-reports.js';
import { type ContractStore, type Harness, contract, NOW, DAY, ago, reportId, report, insert, changeStatus, hash, selection } from './store-contract-harness.js';

// --- Units and categories --------------------------------------------------------------------------

contract('units: all with their powiats and boxes, areas one at a time', async (h) => {
  const units = await h.store.units.all();
  const data = loadShippedData();
  assert.equal(units.length, 1 + data.headquarters.length + data.units.length);
  const byId = new Map(units.map((u) => [u.id, u]));
  const pl = byId.get('pl')!;
  assert.equal(pl.kind, 'national');
  assert.equal(pl.parent, null);
  assert.equal(pl.acronym, 'KGP');
  assert.equal(pl.powiats.length, data.powiats.length);
  const legnica = byId.get('kmp-legnica')!;
  assert.deepEqual({ kind: legnica.kind, acronym: legnica.acronym, parent: legnica.parent }, { kind: 'county', acronym: 'KMP', parent: 'kwp-wroclaw' });
  assert.deepEqual(legnica.powiats.map((p) => p.teryt).sort(), ['0209', '0262']);
  assert.ok(legnica.powiats.every((p) => typeof p.name === 'string' && p.name.length > 0));
  const [minLon, minLat, maxLon, maxLat] = legnica.bbox;
  assert.ok(minLon < 16.16 && 16.16 < maxLon && minLat < 51.21 && 51.21 < maxLat, 'Legnica lies in its box');
  const area = await h.store.units.area('kmp-legnica');
  assert.ok(area && (area.type === 'Polygon' || area.type === 'MultiPolygon'));
  assert.equal(await h.store.units.area('no-such-unit'), undefined);
});

contract('categories: the 24 in their official order with names and visibility', async (h) => {
  const categories = await h.store.categories.all();
  assert.equal(categories.length, 24);
  assert.deepEqual(categories[0], {
    code: 'vandalism', domain: 'order', names: { pl: 'Akty wandalizmu', en: 'Acts of vandalism', uk: 'Акти вандалізму' }, visibility: 'always',
  });
  assert.equal(categories.at(-1)!.code, 'begging');
  assert.equal(categories.find((c) => c.code === 'drug_use')!.visibility, 'never');
  assert.equal(categories.find((c) => c.code === 'dangerous_entertainment')!.visibility, 'confirmed');
});

// --- Reports ------------------------------------------------------------------------------------------

contract('reports: insert, find, history, isIdTaken, count', async (h) => {
  assert.equal(await h.store.reports.count(), 0);
  const a = report({
    description: 'Zniszczona wiata', eventAt: ago(6), recurrence: { days: ['mon'], times: ['evening'] } as ReportInsert['recurrence'],
    photos: [{ mime: 'image/jpeg', bytes: Buffer.from([1, 2, 3]) }, { mime: 'image/png', bytes: Buffer.from([4, 5]) }],
    source: 'citizen', staffId: undefined,
  });
  const b = report({ category: 'speeding', status: 'verifying', source: 'police', staffId: 'x', demo: true });
  await insert(h, a, b);
  assert.equal(await h.store.reports.count(), 2);
  assert.equal(await h.store.reports.isIdTaken(a.id), true);
  assert.equal(await h.store.reports.isIdTaken('zzzzzzzzzz'), false);
  assert.deepEqual(await h.store.reports.find(a.id), {
    id: a.id, unitId: 'kmp-legnica', category: 'vandalism', visibility: 'always', status: 'new', open: true,
    lon: 16.16, lat: 51.21, createdAt: a.createdAt, updatedAt: a.createdAt, confirmations: 0, trackingHash: a.trackingHash,
  });
  const found = await h.store.reports.find(b.id);
  assert.equal(found!.status, 'verifying');
  assert.equal(found!.open, true);
  assert.equal(await h.store.reports.find('zzzzzzzzzz'), undefined);
  assert.deepEqual(await h.store.reports.history(a.id), [{ at: a.createdAt, status: 'new' }]);
  assert.deepEqual(await h.store.reports.history(b.id), [{ at: b.createdAt, status: 'new' }], 'the first entry is new whatever the status');
  assert.deepEqual(await h.store.reports.history('zzzzzzzzzz'), []);
  // What the port does not read back, the rows hold.
  assert.equal(await h.value('SELECT count(*) FROM report_photos WHERE report_id = ?', [a.id]), 2);
  assert.equal(await h.value('SELECT mime FROM report_photos WHERE report_id = ? AND ordinal = 2', [a.id]), 'image/png');
  assert.deepEqual(await h.value('SELECT bytes FROM report_photos WHERE report_id = ? AND ordinal = 1', [a.id]), Buffer.from([1, 2, 3]));
  assert.equal(await h.value('SELECT recurrence FROM reports WHERE id = ?', [a.id]), JSON.stringify(a.recurrence));
  assert.equal(await h.value('SELECT description FROM reports WHERE id = ?', [a.id]), 'Zniszczona wiata');
  assert.equal(await h.value('SELECT event_at FROM reports WHERE id = ?', [a.id]), a.eventAt);
  assert.equal(await h.value('SELECT demo FROM reports WHERE id = ?', [b.id]), 1);
  assert.equal(await h.value('SELECT source FROM reports WHERE id = ?', [b.id]), 'police');
  assert.equal(await h.value('SELECT staff_id FROM report_history WHERE report_id = ?', [b.id]), 'x');
  assert.equal(await h.value('SELECT recurrence FROM reports WHERE id = ?', [b.id]), null);
  // A taken id is refused, and the unit writes nothing of it.
  await assert.rejects(insert(h, report({ id: a.id })));
  assert.equal(await h.store.reports.count(), 2);
  // The history in time order, public notes only.
  await changeStatus(h, a.id, 'verifying', ago(4), 'Sprawdzamy');
  await changeStatus(h, a.id, 'confirmed', ago(3));
  assert.deepEqual(await h.store.reports.history(a.id), [
    { at: a.createdAt, status: 'new' }, { at: ago(4), status: 'verifying', note: 'Sprawdzamy' }, { at: ago(3), status: 'confirmed' },
  ]);
  await changeStatus(h, b.id, 'eliminated', ago(1));
  assert.equal((await h.store.reports.find(b.id))!.open, false);
});

contract('reports: insertUnlessTaken inserts as insert does, or writes nothing for a taken id', async (h) => {
  const a = report({ photos: [{ mime: 'image/png', bytes: Buffer.from([9]) }], staffId: 'x', status: 'verifying' });
  assert.equal(await h.store.unit((tx) => tx.reports.insertUnlessTaken(a)), true);
  assert.equal(await h.store.reports.count(), 1);
  assert.equal((await h.store.reports.find(a.id))!.status, 'verifying');
  assert.deepEqual(await h.store.reports.history(a.id), [{ at: a.createdAt, status: 'new' }]);
  assert.equal(await h.value('SELECT staff_id FROM report_history WHERE report_id = ?', [a.id]), 'x');
  assert.deepEqual(await h.value('SELECT bytes FROM report_photos WHERE report_id = ? AND ordinal = 1', [a.id]), Buffer.from([9]));
  const statuses = await h.value("SELECT sum(n) FROM stats_counts WHERE unit_id = 'pl' AND period LIKE 'M%' AND dim = 'status'");
  assert.equal(Number(statuses), 1);
  // The same id again: false, and nothing of the second report (history, photos, aggregates).
  const again = report({ id: a.id, category: 'speeding', photos: [{ mime: 'image/jpeg', bytes: Buffer.from([1]) }] });
  assert.equal(await h.store.unit((tx) => tx.reports.insertUnlessTaken(again)), false);
  assert.equal(await h.store.reports.count(), 1);
  assert.equal((await h.store.reports.find(a.id))!.category, 'vandalism');
  assert.equal(await h.value('SELECT count(*) FROM report_history WHERE report_id = ?', [a.id]), 1);
  assert.equal(await h.value('SELECT mime FROM report_photos WHERE report_id = ? AND ordinal = 1', [a.id]), 'image/png');
  assert.equal(Number(await h.value("SELECT sum(n) FROM stats_counts WHERE unit_id = 'pl' AND period LIKE 'M%' AND dim = 'status'")), 1);
  // As the report desk uses it: a fresh id after a taken one, in one unit.
  const fresh = reportId();
  const ids = [a.id, fresh];
  assert.equal(await h.store.unit(async (tx) => {
    let id: string;
    do id = ids.shift()!; while (!(await tx.reports.insertUnlessTaken(report({ id }))));
    return id;
  }), fresh);
  assert.equal(await h.store.reports.count(), 2);
});

contract('reports: confirm counts and returns the new number', async (h) => {
  const a = report();
  await insert(h, a);
  assert.equal(await h.store.unit((tx) => tx.reports.confirm(a.id, ago(1), hash(1))), 1);
  assert.equal(await h.store.unit((tx) => tx.reports.confirm(a.id, ago(0), hash(2))), 2);
  assert.equal((await h.store.reports.find(a.id))!.confirmations, 2);
  assert.equal(await h.value('SELECT count(*) FROM confirmations WHERE report_id = ?', [a.id]), 2);
  await assert.rejects(h.store.unit((tx) => tx.reports.confirm('zzzzzzzzzz', ago(0), hash(3))));
  assert.equal(await h.value('SELECT count(*) FROM confirmations'), 2);
});

contract('reports: openInBox finds the open reports of a category in the box', async (h) => {
  const inside = report({ lon: 16.1600, lat: 51.2100 });
  const edge = report({ lon: 16.1700, lat: 51.2000 });
  const outside = report({ lon: 16.1900, lat: 51.2100 });
  const other = report({ lon: 16.1610, lat: 51.2110, category: 'speeding' });
  const closed = report({ lon: 16.1620, lat: 51.2090 });
  const verifying = report({ lon: 16.1630, lat: 51.2080 });
  await insert(h, inside, edge, outside, other, closed, verifying);
  await changeStatus(h, closed.id, 'not_confirmed', ago(1));
  await changeStatus(h, verifying.id, 'verifying', ago(1));
  const found = await h.store.reports.openInBox(16.15, 51.20, 16.17, 51.22, 'vandalism');
  assert.deepEqual(found.map((r) => r.id).sort(), [inside.id, edge.id, verifying.id].sort());
  const one = found.find((r) => r.id === verifying.id)!;
  assert.deepEqual(one, {
    id: verifying.id, category: 'vandalism', status: 'verifying', lon: 16.163, lat: 51.208,
    createdAt: verifying.createdAt, updatedAt: ago(1), confirmations: 0,
  });
  assert.deepEqual(await h.store.reports.openInBox(16.15, 51.20, 16.17, 51.22, 'begging'), []);
  assert.deepEqual(await h.store.reports.openInBox(20, 50, 21, 51, 'vandalism'), []);
});

// --- Daily actions ------------------------------------------------------------------------------------

contract('daily actions: times since, oldest first, under either hash; pruning', async (h) => {
  const [today, yesterday, other] = [hash(1), hash(2), hash(3)];
  await h.store.unit(async (tx) => {
    await tx.dailyActions.record(today, 'device', 'report', ago(0.1));
    await tx.dailyActions.record(yesterday, 'device', 'confirmation', ago(0.9));
    await tx.dailyActions.record(today, 'network', 'report', ago(2));
    await tx.dailyActions.record(other, 'network', 'confirmation', ago(0.5));
  });
  assert.deepEqual(await h.store.dailyActions.timesSince([today, yesterday], ago(1)), [ago(0.9), ago(0.1)]);
  assert.deepEqual(await h.store.dailyActions.timesSince([today, yesterday], ago(0.9)), [ago(0.1)], '`after` is exclusive');
  assert.deepEqual(await h.store.dailyActions.timesSince([today, yesterday], ago(3)), [ago(2), ago(0.9), ago(0.1)]);
  assert.deepEqual(await h.store.dailyActions.timesSince([hash(9), hash(8)], ago(3)), []);
  assert.equal(await h.store.unit((tx) => tx.dailyActions.pruneBefore(ago(0.9))), 2, 'at or before');
  assert.deepEqual(await h.store.dailyActions.timesSince([today, yesterday], ago(3)), [ago(0.1)]);
  assert.equal(await h.store.dailyActions.pruneBefore(ago(5)), 0);
});

contract('daily actions: admitAndRecord reads the device\'s and the network\'s times, and records and prunes only when both are under their limits', async (h) => {
  const [device, deviceYesterday, network, networkYesterday] = [hash(11), hash(12), hash(13), hash(14)];
  await h.store.unit(async (tx) => {
    await tx.dailyActions.record(deviceYesterday, 'device', 'confirmation', ago(0.9));
    await tx.dailyActions.record(network, 'network', 'report', ago(0.5));
    await tx.dailyActions.record(networkYesterday, 'network', 'report', ago(0.7));
    await tx.dailyActions.record(hash(15), 'device', 'report', ago(1.5)); // out of the window: pruned when one is admitted
    await tx.dailyActions.record(hash(16), 'device', 'report', ago(1)); // exactly at the window's start: out, and pruned
  });
  const ask = (perDevice: number, perNetwork: number, at = ago(0.01)) => ({
    device: [device, deviceYesterday] as const, network: [network, networkYesterday] as const, after: ago(1), perDevice, perNetwork,
    action: 'report' as const, at,
  });
  const total = async () => Number(await h.value('SELECT count(*) FROM daily_actions'));
  // The device's limit used up: nothing written, nothing pruned.
  assert.deepEqual(await h.store.unit((tx) => tx.dailyActions.admitAndRecord(ask(1, 30))),
    { device: [ago(0.9)], network: [ago(0.7), ago(0.5)], recorded: false });
  // The network's.
  assert.deepEqual(await h.store.unit((tx) => tx.dailyActions.admitAndRecord(ask(2, 2))),
    { device: [ago(0.9)], network: [ago(0.7), ago(0.5)], recorded: false });
  assert.equal(await total(), 5);
  // Both under: recorded under today's hashes (the first of each pair), the window's old rows pruned.
  assert.deepEqual(await h.store.unit((tx) => tx.dailyActions.admitAndRecord(ask(2, 3))),
    { device: [ago(0.9)], network: [ago(0.7), ago(0.5)], recorded: true }, 'the times before this action');
  assert.equal(await total(), 5);
  assert.deepEqual(await h.store.dailyActions.timesSince([device, hash(99)], ago(1)), [ago(0.01)]);
  assert.deepEqual(await h.store.dailyActions.timesSince([network, hash(99)], ago(1)), [ago(0.5), ago(0.01)]);
  assert.equal(await h.value('SELECT kind FROM daily_actions WHERE key_hash = ?', [device]), 'device');
  assert.equal(await h.value('SELECT action FROM daily_actions WHERE key_hash = ? AND at = ?', [network, ago(0.01)]), 'report');
  assert.equal(await h.value('SELECT count(*) FROM daily_actions WHERE at <= ?', [ago(1)]), 0);
  // No rows at all for a new device and network.
  assert.deepEqual(await h.store.unit((tx) => tx.dailyActions.admitAndRecord({ ...ask(1, 1), device: [hash(21), hash(22)], network: [hash(23), hash(24)], action: 'confirmation' })),
    { device: [], network: [], recorded: true });
  assert.equal(await h.value('SELECT action FROM daily_actions WHERE key_hash = ?', [hash(23)]), 'confirmation');
  // A unit that fails after it was admitted leaves no record.
  await assert.rejects(h.store.unit(async (tx) => {
    assert.equal((await tx.dailyActions.admitAndRecord({ ...ask(1, 1), device: [hash(31), hash(32)], network: [hash(33), hash(34)] })).recorded, true);
    throw new Error('refused later');
  }));
  assert.equal(await h.value('SELECT count(*) FROM daily_actions WHERE key_hash = ?', [hash(31)]), 0);
});

// --- Statistics ---------------------------------------------------------------------------------------

contract('stats: rows and totals of a unit and its ancestors, kept by the store as reports are written', async (h) => {
  await insert(h,
    report({ createdAt: '2025-03-10T08:00:00.000Z', category: 'vandalism' }),
    report({ createdAt: '2025-03-10T09:00:00.000Z', category: 'speeding', source: 'police' }),
    report({ createdAt: '2025-03-20T09:00:00.000Z', category: 'vandalism' }),
    report({ createdAt: '2025-04-02T09:00:00.000Z', category: 'vandalism', unitId: 'kmp-jelenia-gora' }),
  );
  const hidden = report({ createdAt: '2025-03-21T09:00:00.000Z', category: 'begging' });
  await insert(h, hidden);
  await changeStatus(h, hidden.id, 'hidden', '2025-03-22T09:00:00.000Z');
  const verified = report({ createdAt: '2025-03-11T00:00:00.000Z', category: 'vandalism' });
  await insert(h, verified);
  await changeStatus(h, verified.id, 'verifying', '2025-03-11T05:30:00.000Z');
  await changeStatus(h, verified.id, 'eliminated', '2025-03-14T00:00:00.000Z');

  const march = { from: '2025-03', to: '2025-03' };
  const sorted = (rows: unknown[][]) => rows.map((r) => r.join('|')).sort();
  assert.deepEqual(sorted(await h.store.stats.rows('kmp-legnica', [], march)), sorted([
    ['M2025-03', 'status', 'new', 3], ['M2025-03', 'status', 'eliminated', 1], ['M2025-03', 'status', 'hidden', 1],
    ['M2025-03', 'category', 'vandalism', 3], ['M2025-03', 'category', 'speeding', 1],
    ['M2025-03', 'source', 'citizen', 3], ['M2025-03', 'source', 'police', 1],
    ['M2025-03', 'verified', '5', 1], ['M2025-03', 'closed', '72', 1],
  ]));
  const days = [{ from: '2025-03-10', to: '2025-03-10' }];
  assert.deepEqual(sorted(await h.store.stats.rows('kmp-legnica', days, null)), sorted([
    ['D2025-03-10', 'status', 'new', 2], ['D2025-03-10', 'category', 'vandalism', 1], ['D2025-03-10', 'category', 'speeding', 1],
    ['D2025-03-10', 'source', 'citizen', 1], ['D2025-03-10', 'source', 'police', 1],
  ]));
  assert.equal(await h.store.stats.total('kmp-legnica', [], march), 4, 'hidden reports are not counted');
  assert.equal(await h.store.stats.total('kmp-legnica', days, march), 6, 'day runs and the month run add up');
  assert.equal(await h.store.stats.total('kwp-wroclaw', [], { from: '2025-03', to: '2025-04' }), 5, 'an ancestor sums its subtree');
  assert.equal(await h.store.stats.total('pl', [{ from: '2025-04-01', to: '2025-04-30' }], null), 1);
  assert.equal(await h.store.stats.total('kmp-walbrzych', [], march), 0);
  assert.deepEqual(await h.store.stats.rows('kmp-walbrzych', [], march), []);
  // Rows whose count fell to 0 are left out.
  await changeStatus(h, verified.id, 'hidden', '2025-03-15T00:00:00.000Z');
  const after = await h.store.stats.rows('kmp-legnica', [], march);
  assert.ok(!after.some(([, dim, key]) => dim === 'status' && key === 'eliminated'));
  assert.ok(after.every(([, , , n]) => typeof n === 'number' && n > 0));
  assert.equal(await h.store.stats.total('kmp-legnica', [], march), 3);
});

// --- Crime statistics ------------------------------------------------------------------------------------

contract('crime stats: write (insert or replace), find, inPeriod, powiat codes and scopes', async (h) => {
  await h.store.unit((tx) => tx.crimeStats.write([
    { teryt: '0262', month: '2025-01', category: 'theft', count: 5 },
    { teryt: '0262', month: '2025-02', category: 'theft', count: 6 },
    { teryt: '0209', month: '2025-01', category: 'burglary', count: 2 },
    { teryt: '0265', month: '2025-01', category: 'theft', count: 9 },
    { teryt: '0262', month: '2025-01', category: 'theft', count: 7 }, // the later of one key wins
  ], '2026-01-01T00:00:00.000Z', 'x'));
  assert.equal(await h.store.crimeStats.find('0262', '2025-01', 'theft'), 7);
  assert.equal(await h.store.crimeStats.find('0262', '2025-03', 'theft'), undefined);
  await h.store.unit((tx) => tx.crimeStats.write([{ teryt: '0262', month: '2025-01', category: 'theft', count: 0 }], '2026-01-02T00:00:00.000Z', 'x'));
  assert.equal(await h.store.crimeStats.find('0262', '2025-01', 'theft'), 0);
  assert.equal(await h.value("SELECT imported_at FROM crime_stats WHERE teryt = '0262' AND month = '2025-01'"), '2026-01-02T00:00:00.000Z');
  await h.store.unit((tx) => tx.crimeStats.write([], '2026-01-03T00:00:00.000Z', 'x'));
  const key = (r: { teryt: string; month: string; category: string; count: number }) => `${r.teryt} ${r.month} ${r.category} ${r.count}`;
  assert.deepEqual((await h.store.crimeStats.inPeriod('kmp-legnica', '2025-01', '2025-01')).map(key).sort(), ['0209 2025-01 burglary 2', '0262 2025-01 theft 0']);
  assert.deepEqual((await h.store.crimeStats.inPeriod('kmp-legnica', '2025-01', '2025-12')).map(key).sort(),
    ['0209 2025-01 burglary 2', '0262 2025-01 theft 0', '0262 2025-02 theft 6']);
  assert.equal((await h.store.crimeStats.inPeriod('kwp-wroclaw', '2025-01', '2025-12')).length, 4);
  assert.deepEqual(await h.store.crimeStats.inPeriod('kmp-legnica', '2024-01', '2024-12'), []);
  const codes = await h.store.crimeStats.powiatCodes();
  assert.equal(codes.size, loadShippedData().powiats.length);
  assert.ok(codes.has('0262') && codes.has('1465'));
  assert.deepEqual([...await h.store.crimeStats.powiatsOf(['kmp-legnica', 'kmp-walbrzych'])].sort(), ['0209', '0221', '0262', '0265']);
  assert.deepEqual([...await h.store.crimeStats.powiatsOf(['kmp-legnica', 'kwp-wroclaw'])].length, 30, 'distinct');
  assert.deepEqual(await h.store.crimeStats.powiatsOf([]), new Set());
  const powiats = await h.store.crimeStats.unitPowiats('kmp-legnica');
  assert.deepEqual(powiats.map((p) => p.teryt), ['0209', '0262'], 'TERYT order');
  assert.ok(powiats.every((p) => p.name.length > 0));
  assert.deepEqual(await h.store.crimeStats.unitPowiats('no-such-unit'), []);
  // A figure of no powiat is refused, and its unit leaves nothing.
  await assert.rejects(h.store.unit((tx) => tx.crimeStats.write([
    { teryt: '0265', month: '2025-05', category: 'theft', count: 1 }, { teryt: '9999', month: '2025-05', category: 'theft', count: 1 },
  ], '2026-01-01T00:00:00.000Z', 'x')));
  assert.equal(await h.store.crimeStats.find('0265', '2025-05', 'theft'), undefined);
});

// --- Audit ------------------------------------------------------------------------------------------------

contract('audit: append and list, scoped, filtered and paged, newest first', async (h) => {
  const base = { staffId: 'x', targetType: 'report' as const };
  await h.store.unit(async (tx) => {
    await tx.audit.append({ ...base, at: '2026-01-01T00:00:01.000Z', action: 'report.status', targetId: 'r000000001', unitId: 'kmp-legnica', before: { status: 'new' }, after: { status: 'verifying' } });
    await tx.audit.append({ ...base, at: '2026-01-01T00:00:02.000Z', action: 'report.note', targetId: 'r000000001', unitId: 'kmp-legnica' });
    await tx.audit.append({ ...base, at: '2026-01-01T00:00:03.000Z', action: 'report.status', targetId: 'r000000002', unitId: 'kmp-walbrzych' });
    await tx.audit.append({ at: '2026-01-01T00:00:04.000Z', staffId: null, action: 'login.failed', targetType: 'staff', targetId: null, unitId: null });
    await tx.audit.append({ ...base, at: '2026-01-01T00:00:05.000Z', action: 'unit.config', targetType: 'unit', targetId: 'kmp-legnica', unitId: 'kmp-legnica' });
  });
  const all = await h.store.audit.list(['kmp-legnica', 'kmp-walbrzych'], true, 10, 0);
  assert.equal(all.total, 5);
  assert.deepEqual(all.rows.map((r) => r.at.slice(-6, -5)), ['5', '4', '3', '2', '1']);
  const first = all.rows.at(-1)!;
  assert.equal(typeof first.seq, 'number');
  assert.deepEqual({ ...first, seq: 0 }, {
    seq: 0, at: '2026-01-01T00:00:01.000Z', staffId: 'x', staffName: 'Admin', action: 'report.status', targetType: 'report',
    targetId: 'r000000001', unitId: 'kmp-legnica', before: '{"status":"new"}', after: '{"status":"verifying"}',
  });
  assert.ok(all.rows.every((r, i) => i === 0 || r.seq < all.rows[i - 1]!.seq));
  const login = all.rows.find((r) => r.action === 'login.failed')!;
  assert.deepEqual([login.staffId, login.staffName, login.unitId, login.before, login.after], [null, null, null, null, null]);
  assert.equal((await h.store.audit.list(['kmp-legnica', 'kmp-walbrzych'], false, 10, 0)).total, 4, 'not national: no entries of no unit');
  assert.equal((await h.store.audit.list(['kmp-legnica'], false, 10, 0)).total, 3);
  assert.equal((await h.store.audit.list([], true, 10, 0)).total, 1);
  assert.equal((await h.store.audit.list([], false, 10, 0)).total, 0);
  const page = await h.store.audit.list(['kmp-legnica', 'kmp-walbrzych'], true, 2, 1);
  assert.equal(page.total, 5);
  assert.deepEqual(page.rows.map((r) => r.at.slice(-6, -5)), ['4', '3']);
  const filtered = async (filter: Parameters<ContractStore['audit']['list']>[4]) =>
    (await h.store.audit.list(['kmp-legnica', 'kmp-walbrzych'], true, 10, 0, filter)).rows.map((r) => r.at.slice(-6, -5));
  assert.deepEqual(await filtered({ staffId: 'x' }), ['5', '3', '2', '1']);
  assert.deepEqual(await filtered({ reportId: 'r000000001' }), ['2', '1']);
  assert.deepEqual(await filtered({ reportId: 'kmp-legnica' }), [], 'a report filter matches report targets only');
  assert.deepEqual(await filtered({ action: 'report.status' }), ['3', '1']);
  assert.deepEqual(await filtered({ action: 'report.status', reportId: 'r000000002', staffId: 'x' }), ['3']);
  assert.deepEqual(await filtered({ staffId: 'nobody' }), []);
  assert.deepEqual(await filtered({ staffId: undefined, reportId: undefined, action: undefined }), ['5', '4', '3', '2', '1']);
  // Outside a unit too (the adapters write at once).
  await h.store.audit.append({ ...base, at: '2026-01-01T00:00:06.000Z', action: 'x', targetId: null, unitId: 'pl' });
  assert.equal((await h.store.audit.list(['pl'], false, 10, 0)).total, 1);
});

// --- Public reports --------------------------------------------------------------------------------------

/** Reports around the visibility rule's edges, at NOW. */
async function visibilityFixture(h: Harness) {
  const r = {
    fresh: report({ createdAt: ago(1) }),
    eliminated29: report({ createdAt: ago(40) }),
    eliminatedAtCut: report({ createdAt: ago(41) }),
    eliminated31: report({ createdAt: ago(42) }),
    notConfirmed6: report({ createdAt: ago(20) }),
    notConfirmed8: report({ createdAt: ago(21) }),
    prank: report({ createdAt: ago(2) }),
    hidden: report({ createdAt: ago(3) }),
    unconfirmedOnly: report({ createdAt: ago(4), category: 'dangerous_entertainment' }),
    confirmedOnly: report({ createdAt: ago(6), category: 'dangerous_entertainment' }),
    never: report({ createdAt: ago(7), category: 'drug_use' }),
    elsewhere: report({ createdAt: ago(8), unitId: 'kmp-walbrzych', lon: 16.28, lat: 50.77 }),
    older: report({ createdAt: ago(100), category: 'speeding' }),
  };
  await insert(h, ...Object.values(r));
  await changeStatus(h, r.eliminated29.id, 'confirmed', ago(35));
  await changeStatus(h, r.eliminated29.id, 'eliminated', ago(29), 'Usunięte');
  await changeStatus(h, r.eliminatedAtCut.id, 'eliminated', ago(30));
  await changeStatus(h, r.eliminated31.id, 'eliminated', ago(31));
  await changeStatus(h, r.notConfirmed6.id, 'not_confirmed', ago(6));
  await changeStatus(h, r.notConfirmed8.id, 'not_confirmed', ago(8));
  await changeStatus(h, r.prank.id, 'prank', ago(1));
  await changeStatus(h, r.hidden.id, 'hidden', ago(1));
  await changeStatus(h, r.confirmedOnly.id, 'verifying', ago(5), 'Jedziemy');
  await changeStatus(h, r.confirmedOnly.id, 'confirmed', ago(4));
  await changeStatus(h, r.never.id, 'confirmed', ago(6));
  await changeStatus(h, r.elsewhere.id, 'confirmed', ago(2), 'Potwierdzone na miejscu');
  await changeStatus(h, r.older.id, 'forwarded', ago(90));
  return r;
}

contract('public reports: status labels', async (h) => {
  const labels = await h.store.publicReports.statusLabels();
  assert.equal(labels.size, 8);
  assert.equal(labels.get('new'), 'Nowe');
  assert.equal(labels.get('prank'), 'Żart lub pomyłka');
});

contract('public reports: newest, under the visibility rule and the selection, with the latest public note', async (h) => {
  const r = await visibilityFixture(h);
  const visible = [r.fresh, r.confirmedOnly, r.elsewhere, r.notConfirmed6, r.eliminated29, r.eliminatedAtCut, r.older];
  const newest = await h.store.publicReports.newest(await selection(h), 50);
  assert.deepEqual(newest.map((x) => x.id), visible.map((x) => x.id), 'newest first; windows, categories and statuses applied');
  const noted = newest.find((x) => x.id === r.eliminated29.id)!;
  assert.deepEqual(noted, {
    id: r.eliminated29.id, category: 'vandalism', status: 'eliminated', createdAt: r.eliminated29.createdAt, updatedAt: ago(29),
    lon: 16.16, lat: 51.21, confirmations: 0, unit: 'kmp-legnica', note: 'Usunięte',
  });
  assert.equal(newest.find((x) => x.id === r.confirmedOnly.id)!.note, 'Jedziemy', 'the latest public note, not the latest entry');
  assert.equal(newest.find((x) => x.id === r.fresh.id)!.note, null);
  assert.deepEqual((await h.store.publicReports.newest(await selection(h), 2)).map((x) => x.id), [r.fresh.id, r.confirmedOnly.id]);
  const ids = async (over: Partial<PublicSelection>) => (await h.store.publicReports.newest(await selection(h, over), 50)).map((x) => x.id);
  assert.deepEqual(await ids({ units: ['kmp-walbrzych'] }), [r.elsewhere.id]);
  assert.deepEqual(await ids({ units: [] }), []);
  assert.deepEqual(await ids({ ids: [r.fresh.id, r.prank.id, r.older.id] }), [r.fresh.id, r.older.id]);
  assert.deepEqual(await ids({ statuses: ['eliminated', 'forwarded'] }), [r.eliminated29.id, r.eliminatedAtCut.id, r.older.id]);
  assert.deepEqual(await ids({ statuses: [] }), []);
  assert.deepEqual(await ids({ since: ago(8), until: ago(1) }), [r.confirmedOnly.id, r.elsewhere.id], 'since inclusive, until exclusive');
  assert.deepEqual(await ids({ categories: [{ code: 'speeding', visibility: 'always' }] }), [r.older.id]);
  assert.deepEqual(await ids({ categories: [] }), []);
  assert.deepEqual(await ids({ categories: [{ code: 'drug_use', visibility: 'always' }] }), [r.never.id], "the caller's visibility decides");
  assert.deepEqual(await ids({ now: new Date(NOW.getTime() + DAY) }),
    visible.filter((x) => x !== r.eliminatedAtCut).map((x) => x.id), 'a day later the report at the cut has faded');
});

contract('public reports: recently confirmed, each at its latest confirmation, only while public', async (h) => {
  const r = await visibilityFixture(h);
  const confirmed = await h.store.publicReports.recentlyConfirmed(await selection(h), 50);
  // never (drug_use) was confirmed but is never public.
  assert.deepEqual(confirmed.map((x) => [x.id, x.confirmedAt]), [
    [r.elsewhere.id, ago(2)], [r.confirmedOnly.id, ago(4)], [r.eliminated29.id, ago(35)],
  ]);
  assert.equal(confirmed[0]!.unit, 'kmp-walbrzych');
  assert.equal(confirmed[2]!.status, 'eliminated');
  // Confirmed again later: counted once, at the latest.
  await changeStatus(h, r.confirmedOnly.id, 'verifying', ago(1));
  await changeStatus(h, r.confirmedOnly.id, 'confirmed', ago(0.5));
  const again = await h.store.publicReports.recentlyConfirmed(await selection(h), 50);
  assert.deepEqual(again.map((x) => [x.id, x.confirmedAt]), [
    [r.confirmedOnly.id, ago(0.5)], [r.elsewhere.id, ago(2)], [r.eliminated29.id, ago(35)],
  ]);
  assert.deepEqual((await h.store.publicReports.recentlyConfirmed(await selection(h, { units: ['kmp-legnica'] }), 1)).map((x) => x.id), [r.confirmedOnly.id]);
  // A confirmed report later marked a prank drops out.
  await changeStatus(h, r.elsewhere.id, 'prank', ago(0.1));
  assert.deepEqual((await h.store.publicReports.recentlyConfirmed(await selection(h), 50)).map((x) => x.id), [r.confirmedOnly.id, r.eliminated29.id]);
});

contract('public reports: an export reads one snapshot in batches, ordered by unit, creation and id', async (h) => {
  const r = await visibilityFixture(h);
  // Same unit and time: id order, whatever the order of writing or of the other columns.
  const sameTime = [report({ createdAt: ago(9), lon: 16.17 }), report({ createdAt: ago(9), lon: 16.15 })];
  await insert(h, sameTime[1]!, sameTime[0]!);
  const expected = [r.older, r.eliminated31, r.eliminatedAtCut, r.eliminated29, r.notConfirmed8, r.notConfirmed6, ...sameTime, r.confirmedOnly, r.fresh, r.elsewhere]
    .filter((x) => ![r.eliminated31, r.notConfirmed8].includes(x));
  const cursor = await h.store.publicReports.openExport(await selection(h));
  const got = await cursor.next(3);
  assert.equal(got.length, 3);
  // Written after the export began: not in it.
  await insert(h, report({ createdAt: ago(0.5) }), report({ createdAt: ago(200), unitId: 'kmp-jelenia-gora' }));
  for (;;) {
    const batch = await cursor.next(4);
    got.push(...batch);
    if (batch.length < 4) break;
  }
  assert.deepEqual(await cursor.next(4), []);
  await cursor.close();
  await cursor.close();
  assert.deepEqual(await cursor.next(4), [], 'a closed cursor gives nothing');
  assert.deepEqual(got.map((x) => x.id), expected.map((x) => x.id));
  assert.deepEqual(got.find((x) => x.id === r.older.id), {
    id: r.older.id, category: 'speeding', status: 'forwarded', createdAt: r.older.createdAt, updatedAt: ago(90),
    lon: 16.16, lat: 51.21, confirmations: 0, unit: 'kmp-legnica',
  });
  const period = await h.store.publicReports.openExport(await selection(h, { units: ['kmp-legnica'], since: ago(10), until: ago(1) }));
  assert.deepEqual((await period.next(100)).map((x) => x.id), [...sameTime, r.confirmedOnly].map((x) => x.id));
  await period.close();
  const empty = await h.store.publicReports.openExport(await selection(h, { units: [] }));
  assert.deepEqual(await empty.next(10), []);
  await empty.close();
  // Closed before reading anything.
  await (await h.store.publicReports.openExport(await selection(h))).close();
});
