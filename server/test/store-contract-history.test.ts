/**
 * The store port's contract, a report written with the history it already went through
 * (ReportsStore.insertWithHistory, which the demo seed uses): on both stores it leaves what
 * insert() and one changeStatus() per step leave, the report, its history, the statistics and
 * the map, with the aggregates written once. (Harness: store-contract-harness.ts.)
 */
import assert from 'node:assert/strict';
import type { HistoryStep, ReportInsert } from '../store/reports.js';
import type { Store } from '../store/store.js';
import { ask, mapService } from './map-contract-data.js';
import { contract, NOW, ago, report } from './store-contract-harness.js';

/** Every kind of path: none, open steps, closing ones (forwarded is open but closes), hidden, a note. */
const PATHS: HistoryStep[][] = [
  [],
  [{ at: ago(40), status: 'verifying', note: 'Sprawdzamy' }],
  [{ at: ago(39), status: 'verifying' }, { at: ago(38), status: 'confirmed', note: 'Potwierdzone' }],
  [{ at: ago(30), status: 'verifying' }, { at: ago(29.5), status: 'confirmed' }, { at: ago(3), status: 'eliminated', note: 'Usunięte' }],
  [{ at: ago(20), status: 'forwarded' }],
  [{ at: ago(10), status: 'not_confirmed' }],
  [{ at: ago(9), status: 'prank' }],
  [{ at: ago(2), status: 'hidden' }],
];

/** The reports, created before their steps, in two units and several categories and months. */
function reports(): { report: ReportInsert; steps: HistoryStep[] }[] {
  return PATHS.flatMap((steps, i) => [0, 1].map((n) => ({
    report: report({
      createdAt: ago(41 + 30 * n + i), demo: true,
      unitId: n ? 'kmp-jelenia-gora' : 'kmp-legnica', lon: n ? 15.73 : 16.16, lat: n ? 50.9 : 51.21,
      category: ['vandalism', 'speeding', 'illegal_parking'][i % 3]!,
    }),
    steps,
  })));
}

/** What a reader of the port sees of these reports: records, histories, statistics, map answers. */
async function seen(store: Store, written: readonly { report: ReportInsert }[]): Promise<unknown> {
  const { service } = await mapService(store, 1);
  const maps = [];
  for (const unit of ['kmp-legnica', 'kwp-wroclaw', 'pl']) {
    for (const since of [undefined, ago(35).slice(0, 10)]) maps.push((await ask(service, { unit, ...(since ? { since } : {}) }, NOW.getTime())).body);
  }
  const records = [];
  for (const { report: { id } } of written) records.push([await store.reports.find(id), await store.reports.history(id)]);
  const year = { from: ago(400).slice(0, 7), to: NOW.toISOString().slice(0, 7) };
  const sorted = (rows: unknown[][]) => rows.map((r) => r.join('|')).sort();
  return {
    records, maps,
    stats: sorted(await store.stats.rows('kwp-wroclaw', [], year)),
    days: sorted(await store.stats.rows('kmp-legnica', [{ from: ago(60).slice(0, 10), to: ago(0).slice(0, 10) }], null)),
  };
}

contract('reports: insertWithHistory leaves what insert and a changeStatus per step leave, with one write of the aggregates', async (h) => {
  const written = reports();
  await h.store.unit(async (tx) => {
    for (const { report: r, steps } of written) {
      await tx.reports.insert(r);
      for (const step of steps) await tx.reports.changeStatus(r.id, step.at, step.status, step.note);
    }
  });
  await h.store.reportMap.sweep(NOW);
  const stepByStep = await seen(h.store, written);

  assert.equal(await h.store.unit((tx) => tx.reports.clearDemo()), written.length);
  assert.deepEqual(await h.store.stats.rows('kwp-wroclaw', [], { from: '2024-01', to: '2026-12' }), [], 'the demo reports are gone');
  await h.store.unit(async (tx) => {
    for (const { report: r, steps } of written) await tx.reports.insertWithHistory(r, steps);
  });
  await h.store.reportMap.sweep(NOW);
  assert.deepEqual(await seen(h.store, written), stepByStep);

  // The row holds its last step's status and time; the history trigger set the verified and closed times.
  const eliminated = written.find(({ steps }) => steps.at(-1)?.status === 'eliminated')!.report;
  assert.equal(await h.value('SELECT status FROM reports WHERE id = ?', [eliminated.id]), 'eliminated');
  assert.equal(await h.value('SELECT updated_at FROM reports WHERE id = ?', [eliminated.id]), ago(3));
  assert.equal(await h.value('SELECT first_verified_at FROM reports WHERE id = ?', [eliminated.id]), ago(30));
  assert.equal(await h.value('SELECT closed_at FROM reports WHERE id = ?', [eliminated.id]), ago(3));
});
