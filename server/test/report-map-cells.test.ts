import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { STATUSES, type Status } from '../../common/catalogue.js';
import type { ReportMap, ReportMapQuery } from '../../common/schemas/report-map.js';
import { cellGroupsSql, COUNTED_STATUSES, MapCellsRepository, type CellIndex } from '../db/map-cells-repository.js';
import { and, type SqlPart } from '../db/visibility-sql.js';
import { seedDemoReports } from '../demo/seed-demo-reports.js';
import { migrationsDir, pgMigrationsDir } from '../paths.js';
import { GRID_BASE_ZOOM, gridAt, zoomToFit } from '../store/map-grid.js';
import { parseMapQuery } from '../reports/map-query.js';
import { planPeriods, SUFFIX_YEARS, wholeDays } from '../store/period-plan.js';
import { isPubliclyVisible, PUBLIC_WINDOW } from '../../common/visibility.js';
import { build, sqliteOnly, TEST_STORE } from './helpers.js';
import { sqlOf } from './test-sql.js';

const DAY_MS = 86_400_000;
const UNITS = ['pl', 'kwp-gdansk', 'kpp-wejherowo', 'kwp-olsztyn', 'ksp', 'kwp-krakow'];

interface Row {
  id: string; unit: string; category: string; status: Status; lon: number; lat: number;
  createdAt: string; updatedAt: string; gx: number; gy: number;
}

/** What an answer must say, by a plain loop over every report row (no aggregate, no index). */
async function bruteForce(app: FastifyInstance, query: ReportMapQuery, now: number): Promise<{ total: number; ids: string[]; clusters: string[] }> {
  const catalogue = app.categories.list();
  const filter = parseMapQuery(query, new Set(catalogue.map((c) => c.code)));
  const scope = new Set(app.units.scope(filter.unit));
  const visibility = new Map(catalogue.map((c) => [c.code, c.visibility]));
  const rows = (await sqlOf(app).all<Row>(`SELECT id, unit_id AS unit, category, status, lon, lat, created_at AS "createdAt",
    updated_at AS "updatedAt", grid_x AS gx, grid_y AS gy FROM reports`)).filter((r) =>
    scope.has(r.unit) &&
    (!filter.categories || filter.categories.includes(r.category)) &&
    (!filter.statuses || filter.statuses.includes(r.status)) &&
    (!filter.since || r.createdAt >= filter.since) && (!filter.until || r.createdAt < filter.until) &&
    (!filter.bbox || (r.lon >= filter.bbox[0] && r.lon <= filter.bbox[2] && r.lat >= filter.bbox[1] && r.lat <= filter.bbox[3])) &&
    isPubliclyVisible(visibility.get(r.category)!, r.status, r.updatedAt, new Date(now)));
  const zoom = filter.zoom ?? zoomToFit(filter.bbox ?? (await app.store.reportMap.scope(filter.unit))!.bbox);
  const shift = GRID_BASE_ZOOM - Math.min(zoom, GRID_BASE_ZOOM);
  // Deeper than the base grid the cells come from the coordinates (and so do the centroids,
  // summed as floats: compared without them).
  const deep = zoom > GRID_BASE_ZOOM ? gridAt(zoom) : undefined;
  const cells = new Map<string, { count: number; lon: number; lat: number; statuses: Record<string, number>; categories: Record<string, number> }>();
  for (const r of rows) {
    const key = deep ? `${Math.floor((r.lon + 180) / deep.cellLon)}:${Math.floor((r.lat + 90) / deep.cellLat)}` : `${r.gx >> shift}:${r.gy >> shift}`;
    const cell = cells.get(key) ?? { count: 0, lon: 0, lat: 0, statuses: {}, categories: {} };
    cell.count++;
    cell.lon += Math.round(r.lon * 1e6);
    cell.lat += Math.round(r.lat * 1e6);
    cell.statuses[r.status] = (cell.statuses[r.status] ?? 0) + 1;
    cell.categories[r.category] = (cell.categories[r.category] ?? 0) + 1;
    cells.set(key, cell);
  }
  const clusters = [...cells.values()].map((c) => clusterKey(c.count, deep ? [] : [Math.round(c.lon / c.count) / 1e6, Math.round(c.lat / c.count) / 1e6], c.statuses, c.categories)).sort();
  return { total: rows.length, ids: rows.map((r) => r.id).sort(), clusters };
}

function clusterKey(count: number, at: number[], statuses: Record<string, number>, categories: Record<string, number>): string {
  const sorted = (o: Record<string, number>) => Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([count, at, sorted(statuses), sorted(categories)]);
}

/** Random public map questions: any unit, box, zoom (up to 3 past the base grid's), filters, period. */
function queries(codes: string[], now: number): fc.Arbitrary<ReportMapQuery> {
  const time = fc.integer({ min: now - 950 * DAY_MS, max: now + DAY_MS }).chain((ms) =>
    fc.constantFrom(new Date(ms).toISOString().slice(0, 10), new Date(ms).toISOString(), new Date(ms).toISOString().slice(0, 7) + '-01'));
  // Integers (fast-check's doubles crowd at the bounds), some corners exactly on a cell border.
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  const box = fc.tuple(fc.integer({ min: 1400, max: 2400 }), fc.integer({ min: 4900, max: 5480 }),
    fc.integer({ min: 5, max: 600 }), fc.integer({ min: 5, max: 400 }), fc.boolean())
    .map(([x, y, w, h, onBorder]) => {
      const snap = (v: number, cell: number, offset: number) => (onBorder ? Math.round((v + offset) / cell) * cell - offset : v);
      const lon = snap(x / 100, cellLon, 180), lat = snap(y / 100, cellLat, 90);
      return [lon, lat, lon + w / 100, lat + h / 100].map((n) => n.toFixed(5)).join(',');
    });
  return fc.record({
    unit: fc.constantFrom(...UNITS),
    bbox: fc.option(box, { nil: undefined }),
    zoom: fc.integer({ min: 3, max: GRID_BASE_ZOOM + 3 }),
    categories: fc.option(fc.subarray(codes, { minLength: 1 }).map((l) => l.join(',')), { nil: undefined }),
    statuses: fc.option(fc.subarray([...STATUSES], { minLength: 1 }).map((l) => l.join(',')), { nil: undefined }),
    since: fc.option(time, { nil: undefined }),
    until: fc.option(time, { nil: undefined }),
  }, { requiredKeys: ['unit', 'zoom'] }).filter((q) => !q.since || !q.until || parseBounds(q));
}

function parseBounds(q: ReportMapQuery): boolean {
  const start = Date.parse(q.since!.length === 10 ? `${q.since}T00:00:00Z` : q.since!);
  const end = Date.parse(q.until!.length === 10 ? `${q.until}T00:00:00Z` : q.until!) + (q.until!.length === 10 ? DAY_MS : 1);
  return start < end;
}

/** Asks the service (no cache) and checks it against the brute force, clusters or points. */
async function check(app: FastifyInstance, query: ReportMapQuery, now: number): Promise<void> {
  const answer = JSON.parse((await app.reportMap.answer(query, now)).body) as ReportMap;
  const expected = await bruteForce(app, query, now);
  const label = JSON.stringify(query);
  assert.equal(answer.total, expected.total, label);
  if (!answer.clustered) {
    assert.deepEqual(answer.features.map((f) => (f.properties.kind === 'report' ? f.properties.id : '')).sort(), expected.ids, label);
    return;
  }
  const clusters = answer.features.map((f) => {
    assert.equal(f.properties.kind, 'cluster');
    const p = f.properties as Extract<typeof f.properties, { kind: 'cluster' }>;
    const [minLon, minLat, maxLon, maxLat] = p.extent;
    const [lon, lat] = f.geometry.coordinates;
    // (To the centroid's 6 decimals: a moved report's stored coordinates may have more.)
    const e = 1e-6;
    assert.ok(minLon - e <= lon && lon <= maxLon + e && minLat - e <= lat && lat <= maxLat + e, `${label}: the extent holds the cluster`);
    return clusterKey(p.count, (query.zoom ?? 0) > GRID_BASE_ZOOM ? [] : f.geometry.coordinates, p.statuses, p.categories);
  }).sort();
  assert.deepEqual(clusters, expected.clusters, label);
}

/** Status moves, hides, unhides, deletions, a category change and a move, at random. */
async function churn(app: FastifyInstance, seed: number, now: number): Promise<void> {
  const sql = sqlOf(app);
  const ids = (await sql.all<{ id: string }>('SELECT id FROM reports ORDER BY id')).map((r) => r.id);
  const random = fc.sample(fc.tuple(fc.integer({ min: 0, max: ids.length - 1 }), fc.constantFrom(...STATUSES), fc.integer({ min: 0, max: 40 })), { seed, numRuns: 300 });
  for (let at = 0; at < 200; at += 50) {
    await app.store.unit(async (tx) => {
      for (const [i, status, daysAgo] of random.slice(at, at + 50)) {
        await tx.reports.changeStatus(ids[i]!, new Date(now - daysAgo * DAY_MS).toISOString(), status);
      }
    });
  }
  for (const [i] of random.slice(200, 230)) await sql.run('DELETE FROM report_history WHERE report_id = ?', ids[i]!);
  for (const [i] of random.slice(200, 230)) await sql.run('DELETE FROM reports WHERE id = ?', ids[i]!);
  for (const [i] of random.slice(230, 260)) await sql.run("UPDATE reports SET category = 'begging' WHERE id = ?", ids[i]!);
  for (const [i] of random.slice(260, 290)) await sql.run('UPDATE reports SET lon = lon + 0.5, lat = lat - 0.3 WHERE id = ?', ids[i]!);
}

const CELL_COLUMNS = ['period', 'status', 'category', 'gx', 'gy', 'unit_id', 'n', 'sum_lon', 'sum_lat'] as const;

/** Rows as value lists in the columns' order (what SQLite's .raw() gave). */
async function rawRows(app: FastifyInstance, columns: readonly string[], query: string): Promise<unknown[][]> {
  return (await sqlOf(app).all(query)).map((row) => columns.map((c) => row[c]));
}

/**
 * map_cells holds exactly what a fresh GROUP BY of the reports gives, for every period kind.
 * (The same SQL on both stores: PostgreSQL's round() of a double rounds half to even where
 * SQLite's rounds half away from zero, which no coordinate of six decimals reaches.)
 */
async function assertAggregateExact(app: FastifyInstance): Promise<void> {
  const fresh = await rawRows(app, CELL_COLUMNS, `SELECT g.p || substr(created_at, 1, g.len) AS period, status, category, grid_x AS gx, grid_y AS gy, unit_id,
      count(*) AS n, sum(CAST(round(lon * 1000000) AS INTEGER)) AS sum_lon, sum(CAST(round(lat * 1000000) AS INTEGER)) AS sum_lat
    FROM reports CROSS JOIN (SELECT 'A' AS p, 0 AS len UNION ALL SELECT 'Y', 4 UNION ALL SELECT 'M', 7 UNION ALL SELECT 'D', 10) g
    WHERE status IN ('new', 'verifying', 'confirmed', 'forwarded')
      OR updated_at >= (SELECT cut FROM map_cuts c WHERE c.status = reports.status) GROUP BY 1, 2, 3, 4, 5, 6
    UNION ALL
    -- Migration 021's suffix buckets: created in or after their first month (within its year for 'T'),
    -- and (migration 024) before the frontier.
    SELECT s.period, status, category, grid_x, grid_y, unit_id, count(*),
      sum(CAST(round(lon * 1000000) AS INTEGER)), sum(CAST(round(lat * 1000000) AS INTEGER))
    FROM reports JOIN map_suffixes s ON s.since <= substr(created_at, 1, 7) AND (s.year IS NULL OR s.year = substr(created_at, 1, 4))
    WHERE (status IN ('new', 'verifying', 'confirmed', 'forwarded')
      OR updated_at >= (SELECT cut FROM map_cuts c WHERE c.status = reports.status))
      AND created_at < (SELECT day FROM map_frontier) GROUP BY 1, 2, 3, 4, 5, 6`);
  const kept = await rawRows(app, CELL_COLUMNS, 'SELECT period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat FROM map_cells WHERE n <> 0');
  const key = (r: unknown[]) => JSON.stringify(r);
  assert.ok(fresh.length > 100);
  assert.deepEqual(kept.map(key).sort(), fresh.map(key).sort());
  // Migration 023's unit-free copy: the same sums over every unit of a cell.
  const national = new Map<string, number[]>();
  for (const [period, status, category, gx, gy, , n, lon, lat] of fresh) {
    const k = JSON.stringify([period, status, category, gx, gy]);
    const sums = national.get(k) ?? [0, 0, 0];
    national.set(k, [sums[0]! + (n as number), sums[1]! + (lon as number), sums[2]! + (lat as number)]);
  }
  const keptNational = await rawRows(app, CELL_COLUMNS.filter((c) => c !== 'unit_id'),
    'SELECT period, status, category, gx, gy, n, sum_lon, sum_lat FROM map_national WHERE n <> 0');
  assert.deepEqual(keptNational.map(key).sort(), [...national].map(([k, sums]) => JSON.stringify([...JSON.parse(k) as unknown[], ...sums])).sort());
}

test('map answers equal a brute-force count over random filters, also after status changes, hides and deletions', { timeout: 300_000 }, async (t) => {
  const app = await build(t, { reportMap: { workers: 0, cacheTtlMs: 0, pointLimit: 0 } });
  const now = Date.now();
  await seedDemoReports(app, { count: 1200, days: 900, seed: 17, now: new Date(now) });
  const codes = app.categories.list().map((c) => c.code);
  await assertAggregateExact(app);
  const property = fc.asyncProperty(queries(codes, now), (query) => check(app, query, now));
  await fc.assert(property, { numRuns: 150, seed: 20_261_202 });
  await churn(app, 7, now);
  await assertAggregateExact(app);
  await fc.assert(property, { numRuns: 150, seed: 20_261_203 });
  // Windows close as time passes: the sweep moves the cut on (here 3 days), and questions
  // asked before and after that cut are both corrected to their own time.
  assert.ok(await app.store.reportMap.sweep(new Date(now + 3 * DAY_MS)) > 0, 'some reports left their window');
  await assertAggregateExact(app);
  const wide: ReportMapQuery[] = [
    { unit: 'pl', zoom: 6 }, { unit: 'pl', zoom: 8, statuses: 'eliminated,not_confirmed' }, { unit: 'kwp-gdansk', zoom: 7 },
    { unit: 'pl', zoom: 5, bbox: '15.5,50.1,21.3,53.9', since: new Date(now - 200 * DAY_MS).toISOString().slice(0, 10) },
  ];
  for (const [at, seed] of [[now + DAY_MS, 1], [now + 3 * DAY_MS + 60_000, 2], [now + 9 * DAY_MS, 3]] as const) {
    for (const query of wide) await check(app, query, at);
    await fc.assert(fc.asyncProperty(queries(codes, now), (query) => check(app, query, at)), { numRuns: 40, seed });
  }
  // The same questions as points (the count decides, then an index reads them).
  const points = await build(t, { reportMap: { workers: 0, cacheTtlMs: 0, pointLimit: 100_000 } });
  await seedDemoReports(points, { count: 600, days: 900, seed: 18, now: new Date(now) });
  await churn(points, 8, now);
  await fc.assert(fc.asyncProperty(queries(codes, now), (query) => check(points, query, now)), { numRuns: 100, seed: 20_261_204 });
});

test('boxes whose edges cut through populated cells count exactly (edge cells read inside, or whole less outside)', { timeout: 300_000 }, async (t) => {
  const app = await build(t, { reportMap: { workers: 0, cacheTtlMs: 0, pointLimit: 0 } });
  const now = Date.now();
  await seedDemoReports(app, { count: 1500, days: 700, seed: 22, now: new Date(now) });
  await churn(app, 9, now);
  const codes = app.categories.list().map((c) => c.code);
  const places = (await sqlOf(app).all<{ lon: number; lat: number }>('SELECT lon, lat FROM reports ORDER BY id')).map((r) => [r.lon, r.lat] as const);
  // Each edge a little off a report's place: the cut falls inside a cell with reports, on
  // either side of its middle, so both ways of reading an edge are taken.
  // (Often exactly on a report: a box holds what lies on its edge.)
  const edge = fc.tuple(fc.integer({ min: 0, max: places.length - 1 }), fc.oneof(fc.constant(0), fc.integer({ min: -200, max: 200 })));
  const box = fc.tuple(edge, edge, edge, edge).map(([[a, da], [b, db], [c, dc], [d, dd]]) => {
    const lons = [places[a]![0] + da / 1000, places[b]![0] + db / 1000].sort((x, y) => x - y);
    const lats = [places[c]![1] + dc / 1000, places[d]![1] + dd / 1000].sort((x, y) => x - y);
    return [lons[0]!, lats[0]!, lons[1]!, lats[1]!].map((n) => n.toFixed(6)).join(',');
  });
  const query = fc.record({
    unit: fc.constantFrom('pl', 'pl', 'kwp-krakow', 'ksp'),
    bbox: box,
    zoom: fc.integer({ min: 5, max: GRID_BASE_ZOOM }),
    // Mostly no filter: the edge cells then hold many reports.
    categories: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.subarray(codes, { minLength: 1 }).map((l) => l.join(',')), weight: 1 }),
    statuses: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.subarray([...STATUSES], { minLength: 1 }).map((l) => l.join(',')), weight: 1 }),
    since: fc.option(fc.integer({ min: now - 720 * DAY_MS, max: now }).map((ms) => new Date(ms).toISOString().slice(0, 10)), { nil: undefined }),
  }, { requiredKeys: ['unit', 'zoom', 'bbox'] });
  await fc.assert(fc.asyncProperty(query, (q) => check(app, q, now)), { numRuns: 200, seed: 20_261_205 });
});

test("map_cells counts exactly the statuses visible for ever, on the base grid's cells", async (t) => {
  // SQLite's migrations 020 and 021; PostgreSQL's baseline (kmzb_map_counted, kmzb_backfill_map).
  const sql = readFileSync(join(migrationsDir, '020-map-cells.sql'), 'utf8');
  const suffixes = readFileSync(join(migrationsDir, '021-map-suffixes.sql'), 'utf8');
  const frontier = readFileSync(join(migrationsDir, '024-map-frontier.sql'), 'utf8');
  const baseline = readFileSync(join(pgMigrationsDir, '001-baseline.sql'), 'utf8');
  const lists = TEST_STORE === 'sqlite'
    ? [...(sql + suffixes).matchAll(/status IN \(([^)]*)\)/g)]
    : [...baseline.matchAll(/(?:RETURN p_|r\.)status IN \(([^)]*)\)/g)];
  assert.ok(lists.length >= 2);
  for (const list of lists) {
    assert.deepEqual(list[1]!.split(',').map((s) => s.trim().replaceAll("'", '')), [...COUNTED_STATUSES]);
  }
  const app = await build(t);
  const db = sqlOf(app);
  const windows = await rawRows(app, ['status', 'window_days'], 'SELECT status, window_days FROM map_cuts ORDER BY status');
  assert.deepEqual(windows, Object.entries(PUBLIC_WINDOW).filter(([, w]) => typeof w === 'number').sort());
  const seeded = await seedDemoReports(app, { count: 300 });
  assert.ok(seeded > 250);
  // The migration's backfill (an upgrade of a database with reports, the bench's bulk load)
  // gives what the triggers gave.
  await assertAggregateExact(app);
  // Migration 021's suffix buckets cover the years the planner may ask them for.
  assert.deepEqual(await rawRows(app, ['first', 'last'], `SELECT min(period) AS first, max(period) AS last FROM map_suffixes WHERE period < 'T'`),
    [[`S${SUFFIX_YEARS.first}`, `S${SUFFIX_YEARS.last}`]]);
  assert.equal(await db.value("SELECT count(*) FROM map_suffixes WHERE period >= 'T'"), (SUFFIX_YEARS.last - SUFFIX_YEARS.first + 1) * 12);
  if (TEST_STORE === 'sqlite') {
    app.db.exec('DELETE FROM map_cells');
    app.db.exec(sql.slice(sql.indexOf('-- backfill:begin'), sql.indexOf('-- backfill:end')));
    app.db.exec(suffixes.slice(suffixes.indexOf('-- backfill:begin'), suffixes.indexOf('-- backfill:end')));
    app.db.exec(frontier.slice(frontier.indexOf('-- backfill:begin'), frontier.indexOf('-- backfill:end')));
  } else {
    await db.run('DELETE FROM map_cells');
    assert.equal(await db.value('SELECT count(*) FROM map_cells'), 0);
    assert.ok(await db.value<number>('SELECT kmzb_backfill_map(false)') > 100);
  }
  await assertAggregateExact(app);
  // Migration 023's backfill, from map_cells alone (as on an upgrade), over a wrong copy.
  await db.run('UPDATE map_national SET n = 99');
  if (TEST_STORE === 'sqlite') {
    const national = readFileSync(join(migrationsDir, '023-map-national.sql'), 'utf8');
    app.db.exec(national.slice(national.indexOf('-- backfill:begin'), national.indexOf('-- backfill:end')));
  } else {
    assert.ok(await db.value<number>('SELECT kmzb_backfill_map_national()') > 100);
  }
  await assertAggregateExact(app);
  // Migration 017's constants are the base zoom's grid: the stored cell is the computed one.
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  const rows = await db.all<{ lon: number; lat: number; gx: number; gy: number }>('SELECT lon, lat, grid_x AS gx, grid_y AS gy FROM reports');
  assert.equal(rows.length, seeded);
  for (const r of rows) assert.deepEqual([r.gx, r.gy], [Math.floor((r.lon + 180) / cellLon), Math.floor((r.lat + 90) / cellLat)]);
});

test("a box's edge cells are read on one side of the cut: one seek per cell, status and category to the cut", async (t) => {
  if (sqliteOnly(t, "SQLite's map_cells reads and their query plans (EXPLAIN QUERY PLAN)")) return;
  const app = await build(t);
  await seedDemoReports(app, { count: 400, seed: 5 });
  const cells = new MapCellsRepository(app.db);
  const key = (g: { gx: number; gy: number; status: string; category: string }) => `${g.gx},${g.gy},${g.status},${g.category}`;
  const sorted = (list: ReturnType<MapCellsRepository['groups']>) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
  const codes = app.categories.list().map((c) => c.code);
  const seek = { sql: `r.status IN ('new', 'confirmed', 'eliminated') AND r.category IN (${codes.map(() => '?').join(', ')})`, params: codes };
  const reads: [SqlPart, CellIndex, string][] = [
    [and({ sql: 'r.grid_x = ? AND r.grid_y IN (?, ?, ?) AND r.lon >= ?', params: [451, 532, 533, 534, 18.6] }, seek), 'reports_cells_lon', 'lon>?'],
    [and({ sql: 'r.grid_x IN (?, ?, ?) AND r.grid_y = ? AND r.lat < ?', params: [450, 451, 452, 533, 54.35] }, seek), 'reports_cells_lat', 'lat<?'],
  ];
  for (const [edge, index, cut] of reads) {
    const read = cells.cellGroups(edge, index);
    assert.ok(read.length > 0);
    assert.deepEqual(sorted(read), sorted(cells.groups(edge)));
    const plan = (app.db.prepare(`EXPLAIN QUERY PLAN ${cellGroupsSql(edge, index)}`).all(...edge.params) as { detail: string }[]).map((r) => r.detail).join('; ');
    // One seek per cell, status and category to the cut; the groups in index order (no sort).
    assert.ok(plan.includes(`${index} (grid_x=? AND grid_y=? AND status=? AND category=? AND ${cut})`), plan);
    assert.doesNotMatch(plan, /TEMP B-TREE/);
  }
});

test('a period is summed from whole years, months and days, or all time minus the rest', () => {
  const years = { min: 2016, max: 2026 };
  // "since 2016": one bucket per key, not eleven years of them.
  assert.deepEqual(planPeriods('2016-01-01T00:00:00.000Z', undefined, years), { plus: ['A'], minus: [], whole: { from: '2016-01-01T00:00:00.000Z', to: undefined }, raw: [] });
  // A few days: summed directly; the partial first and last days are read from the reports.
  assert.deepEqual(planPeriods('2025-05-30T12:00:00.000Z', '2025-06-02T06:00:00.000Z', years), {
    plus: ['D2025-05-31', 'D2025-06-01'], minus: [],
    whole: { from: '2025-05-31T00:00:00.000Z', to: '2025-06-02T00:00:00.000Z' },
    raw: [{ since: '2025-05-30T12:00:00.000Z', until: '2025-05-31T00:00:00.000Z' }, { since: '2025-06-02T00:00:00.000Z', until: '2025-06-02T06:00:00.000Z' }],
  });
  // Since mid-2020: the suffixes from June 2020 and from 2021 (migration 021), minus the
  // first half of June (fewer days than its second half).
  const since2020 = planPeriods('2020-06-15T00:00:00.000Z', undefined, years);
  assert.deepEqual(since2020.plus, ['T2020-06', 'S2021']);
  assert.deepEqual(since2020.minus, Array.from({ length: 14 }, (_, i) => `D2020-06-${String(i + 1).padStart(2, '0')}`));
  // Since late July 2021: the rest of July, then the suffixes from August and from 2022.
  assert.deepEqual(planPeriods('2021-07-26T00:00:00.000Z', undefined, years).plus,
    ['D2021-07-26', 'D2021-07-27', 'D2021-07-28', 'D2021-07-29', 'D2021-07-30', 'D2021-07-31', 'T2021-08', 'S2022']);
  // A closed period: the rest of its first year as one month suffix, then whole years.
  assert.deepEqual(planPeriods('2019-03-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z', years), {
    plus: ['T2019-03', 'Y2020', 'Y2021', 'Y2022'], minus: [], whole: { from: '2019-03-01T00:00:00.000Z', to: '2023-01-01T00:00:00.000Z' }, raw: [],
  });
  // One suffix minus the other, ends inside months: the days to the nearer month boundary.
  const closed = planPeriods('2016-09-07T00:00:00.000Z', '2017-10-14T00:00:00.000Z', years, Date.UTC(2026, 11, 2));
  assert.deepEqual(closed.plus, ['T2016-09', ...Array.from({ length: 13 }, (_, i) => `D2017-10-${String(i + 1).padStart(2, '0')}`), 'Y2017']);
  assert.deepEqual(closed.minus, [...Array.from({ length: 6 }, (_, i) => `D2016-09-0${i + 1}`), 'T2017-10']);
  // Before the suffixes' first year, all time minus the rest as before.
  const old = planPeriods('2014-06-15T00:00:00.000Z', undefined, { min: 2010, max: 2026 });
  assert.deepEqual(old.plus, ['A']);
  assert.ok(!old.minus.some((p) => p.startsWith('S') || p.startsWith('T')));
  // Within one day: nothing whole, all of it from the reports.
  assert.deepEqual(planPeriods('2025-05-30T12:00:00.000Z', '2025-05-30T18:00:00.000Z', years).whole, undefined);
  assert.deepEqual(wholeDays(Date.UTC(2024, 11, 30), Date.UTC(2026, 1, 2)), ['D2024-12-30', 'D2024-12-31', 'Y2025', 'M2026-01', 'D2026-02-01']);
});
