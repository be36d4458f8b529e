import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import type { Stats } from '../../common/schemas/stats.js';
import { FINAL_STATUSES } from '../../common/stats.js';
import { seedDemoReports } from '../demo/seed-demo-reports.js';
import { build } from './helpers.js';
import { sqlOf } from './test-sql.js';

const DAY_MS = 86_400_000;

interface RawReport { id: string; unit: string; category: string; status: string; source: string; createdAt: string }

/** The expected answer, by a plain loop over the raw rows and their history (no aggregate). */
async function bruteForce(app: FastifyInstance, unit: string, from: string, to: string) {
  const scope = new Set(app.units.scope(unit));
  const sql = sqlOf(app);
  const reports = (await sql.all<RawReport>('SELECT id, unit_id AS unit, category, status, source, created_at AS "createdAt" FROM reports'))
    .filter((r) => scope.has(r.unit) && r.createdAt.slice(0, 10) >= from && r.createdAt.slice(0, 10) <= to);
  // Every report's history in the order it was written (PostgreSQL's report_history keeps SQLite's rowid as a column).
  const history = new Map<string, { at: string; status: string }[]>();
  for (const step of await sql.all<{ reportId: string; at: string; status: string }>(
    'SELECT report_id AS "reportId", at, status FROM report_history ORDER BY rowid')) {
    const steps = history.get(step.reportId) ?? [];
    steps.push({ at: step.at, status: step.status });
    history.set(step.reportId, steps);
  }
  const count = (list: RawReport[], key: (r: RawReport) => string) => {
    const map: Record<string, number> = {};
    for (const r of list) map[key(r)] = (map[key(r)] ?? 0) + 1;
    return map;
  };
  const visible = reports.filter((r) => r.status !== 'hidden');
  const bucket = (ms: number) => {
    const h = Math.floor(Math.max(0, ms) / 3_600_000);
    return h < 72 ? h : h < 2160 ? Math.floor(h / 24) * 24 : Math.floor(h / 168) * 168;
  };
  const verified: number[] = [];
  const closed: number[] = [];
  for (const r of visible) {
    const steps = history.get(r.id) ?? [];
    const v = steps.find((s) => s.status !== 'new' && s.status !== 'hidden');
    const c = steps.find((s) => (FINAL_STATUSES as readonly string[]).includes(s.status));
    if (v) verified.push(bucket(Date.parse(v.at) - Date.parse(r.createdAt)));
    if (c) closed.push(bucket(Date.parse(c.at) - Date.parse(r.createdAt)));
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { count: values.length, medianHours: values.length ? sorted[Math.ceil(values.length / 2) - 1]! : null };
  };
  const byStatus = count(visible, (r) => r.status);
  const sumOf = (statuses: string[]) => statuses.reduce((s, k) => s + (byStatus[k] ?? 0), 0);
  const children = app.units.children(unit).map((child) => child.id);
  return {
    total: visible.length,
    hidden: reports.length - visible.length,
    byCategory: count(visible, (r) => r.category),
    byStatus,
    bySource: count(visible, (r) => r.source),
    byMonth: count(visible, (r) => r.createdAt.slice(0, 7)),
    byUnit: Object.fromEntries(children.map((child) => {
      const sub = new Set(app.units.scope(child));
      return [child, visible.filter((r) => sub.has(r.unit)).length];
    })),
    confirmed: sumOf(['confirmed', 'eliminated', 'forwarded']),
    verified: sumOf(['confirmed', 'eliminated', 'forwarded', 'not_confirmed', 'prank']),
    timeToVerification: median(verified),
    timeToFinal: median(closed),
  };
}

/** A breakdown as { key: count } without zero cells, for comparison with the brute force. */
function nonZero(cells: Stats['byStatus']): Record<string, number> {
  return Object.fromEntries((cells ?? []).filter((c) => c.count !== 0).map((c) => [c.key, c.count as number]));
}

async function stats(app: FastifyInstance, query: string): Promise<Stats> {
  const response = await app.inject({ method: 'GET', url: `${ApiPath.stats}?${query}` });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<Stats>();
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

test('stats equal brute-force counts over a seeded database for several units and periods', async (t) => {
  const app = await build(t);
  const now = new Date();
  await seedDemoReports(app,
    { count: 1500, days: 500, seed: 6, now });
  // The busiest county and its voivodeship, so every unit has reports to count.
  const county = await sqlOf(app).value<string>('SELECT unit_id FROM reports GROUP BY unit_id ORDER BY count(*) DESC, unit_id LIMIT 1');
  const voivodeship = app.units.chain(county)[1]!.id;
  const today = day(now.getTime());
  const month = today.slice(0, 7);
  const periods: [string, string][] = [
    // Everything: reports go back up to 500 days from now, so the period starts on that day (at any hour).
    [day(now.getTime() - 500 * DAY_MS), today],
    [`${Number(month.slice(0, 4)) - 1}-01-01`, `${Number(month.slice(0, 4)) - 1}-12-31`], // a calendar year (whole months)
    [day(now.getTime() - 200 * DAY_MS), day(now.getTime() - 17 * DAY_MS)], // partial months at both ends
    [day(now.getTime() - 40 * DAY_MS), day(now.getTime() - 35 * DAY_MS)], // a few days
  ];
  let compared = 0;
  for (const unit of ['pl', voivodeship, county]) {
    for (const [from, to] of periods) {
      const answer = await stats(app, `unit=${unit}&from=${from}&to=${to}`);
      const expected = await bruteForce(app, unit, from, to);
      const label = `${unit} ${from}..${to}`;
      assert.equal(answer.total, expected.total, label);
      assert.equal(answer.hidden, expected.hidden, label);
      assert.deepEqual(nonZero(answer.byStatus), expected.byStatus, label);
      assert.deepEqual(nonZero(answer.bySource), expected.bySource, label);
      assert.deepEqual(nonZero(answer.byMonth), expected.byMonth, label);
      const shown = answer.byCategory!.filter((c) => !c.suppressed);
      const expectedShown = Object.fromEntries(shown.map((c) => [c.key, expected.byCategory[c.key] ?? 0]));
      assert.deepEqual(Object.fromEntries(shown.map((c) => [c.key, c.count])), expectedShown, label);
      if (unit !== county) assert.equal(shown.length, 24, `${label}: nothing suppressed above county level`);
      assert.deepEqual(Object.fromEntries(answer.byUnit!.map((c) => [c.key, c.count])), expected.byUnit, label);
      assert.deepEqual(answer.confirmedShare, {
        confirmed: expected.confirmed, verified: expected.verified,
        share: expected.verified ? expected.confirmed / expected.verified : null,
      }, label);
      assert.deepEqual(answer.timeToVerification, expected.timeToVerification, label);
      assert.deepEqual(answer.timeToFinal, expected.timeToFinal, label);
      compared += expected.total;
    }
  }
  assert.ok(compared > 1500, `the comparisons covered reports (${compared})`);
  const all = await stats(app, `from=${periods[0]![0]}&to=${today}`);
  assert.equal(all.total + all.hidden, 1500, 'pl over the whole range holds every report');

  // Staff work changes the figures exactly: hide one report, then delete all (demo clear).
  const id = await sqlOf(app).value<string>("SELECT id FROM reports WHERE status = 'confirmed' ORDER BY id LIMIT 1");
  assert.ok(id, 'a confirmed report to hide');
  await app.store.unit((tx) => tx.reports.changeStatus(id, new Date().toISOString(), 'hidden'));
  const after = await stats(app, `from=${periods[0]![0]}&to=${today}`);
  assert.equal(after.total, all.total - 1);
  assert.equal(after.hidden, all.hidden + 1);
  assert.deepEqual(after.timeToVerification, (await bruteForce(app, 'pl', periods[0]![0], today)).timeToVerification);
  assert.equal(await app.store.unit((tx) => tx.reports.clearDemo()), 1500);
  const empty = await stats(app, `from=${periods[0]![0]}&to=${today}`);
  assert.equal(empty.total, 0);
  assert.equal(empty.hidden, 0);
  assert.deepEqual(empty.timeToFinal, { count: 0, medianHours: null });
  assert.equal(empty.confirmedShare.share, null);
});

test('stats: groupBy selects sections; validation; ETag', async (t) => {
  const app = await build(t);
  const only = await stats(app, 'unit=kwp-olsztyn&from=2025-01-01&to=2025-12-31&groupBy=status,unit');
  assert.ok(only.byStatus && only.byUnit && !only.byCategory && !only.bySource && !only.byMonth);
  assert.equal(only.byStatus.length, 7, 'every status but hidden, zeros included');
  assert.ok(only.byUnit.some((c) => c.key === 'kmp-olsztyn' && c.unit.kind === 'county'));
  const full = await stats(app, 'unit=kwp-olsztyn&from=2025-01-01&to=2025-12-31');
  assert.equal(full.byCategory!.length, 24);
  assert.equal(full.byMonth!.length, 12);
  const cases: [string, number, string][] = [
    ['unit=kwp-nowhere&from=2025-01-01&to=2025-01-31', 404, 'UNIT_NOT_FOUND'],
    ['from=2025-02-30&to=2025-03-01', 400, 'INVALID_PERIOD'],
    ['from=2025-03-01T00:00:00Z&to=2025-03-02', 400, 'INVALID_PERIOD'],
    ['from=2025-03-02&to=2025-03-01', 400, 'INVALID_PERIOD'],
    ['to=2025-03-01', 400, 'INVALID_REQUEST'],
    ['from=2025-01-01&to=2025-01-31&groupBy=status,weekday', 400, 'INVALID_GROUP_BY'],
  ];
  for (const [query, status, code] of cases) {
    const response = await app.inject({ method: 'GET', url: `${ApiPath.stats}?${query}` });
    assert.equal(response.statusCode, status, query);
    assert.equal(response.json<{ code: string }>().code, code, query);
  }
  const first = await app.inject({ method: 'GET', url: `${ApiPath.stats}?from=2025-01-01&to=2025-01-31` });
  assert.match(String(first.headers['cache-control']), /max-age=60/);
  assert.equal(first.headers['access-control-allow-origin'], '*');
  const again = await app.inject({
    method: 'GET', url: `${ApiPath.stats}?from=2025-01-01&to=2025-01-31`, headers: { 'if-none-match': String(first.headers.etag) },
  });
  assert.equal(again.statusCode, 304);
});
