import type { Status } from '../../../common/catalogue.js';
import type { Bbox } from '../../../common/schemas/geojson.js';
import { DAY_MS, PUBLIC_WINDOW } from '../../../common/visibility.js';
import { GRID_BASE_ZOOM, gridAt, innerCells, type CellRange } from '../map-grid.js';
import { codesShownIn, visiblePairs, type MapSelection } from '../map-selection.js';
import { planPeriods, type PeriodPlan, type YearSpan } from '../period-plan.js';
import { run, statement, type Params, type PgDb } from './pg-db.js';
import { whereOfMap } from './pg-map-sql.js';
import { anyOf } from './pg-visibility.js';

// Two seeks on map_cells' primary key (period first) for the years; the suffix buckets'
// frontier (migration 004) and the day buckets from it on that have rows, one seek each.
const YEARS = statement('map_years', `WITH RECURSIVE live (period) AS (
    SELECT (SELECT min(c.period) FROM map_cells c
      WHERE c.period >= ('D' || (SELECT f.day FROM map_frontier f)) COLLATE "C" AND c.period < 'E')
    UNION ALL SELECT (SELECT min(c.period) FROM map_cells c WHERE c.period > live.period AND c.period < 'E')
      FROM live WHERE live.period IS NOT NULL
  )
  SELECT (SELECT min(period) FROM map_cells WHERE period >= 'Y' AND period < 'Z') AS min,
    (SELECT max(period) FROM map_cells WHERE period >= 'Y' AND period < 'Z') AS max,
    (SELECT day FROM map_frontier) AS frontier,
    (SELECT coalesce(array_agg(period ORDER BY period), '{}') FROM live WHERE period IS NOT NULL) AS live`);
const CUTS = statement('map_cuts', 'SELECT status, cut FROM map_cuts');

// Cell edges are computed in doubles on both sides of a comparison: a little slack keeps a
// report on an edge inside the envelope the index is asked for (the grid condition decides).
const EDGE_SLACK = 1e-6;

/** A report as a part of the count: its base cell, one, its micro-degrees (kmzb_micro: SQLite's rounding), its last change. */
const ONE_REPORT = (sign: '' | '-') =>
  `r.grid_x, r.grid_y, r.status, r.category, ${sign}1, ${sign}kmzb_micro(r.lon), ${sign}kmzb_micro(r.lat), r.updated_at`;

/**
 * Every visible report of a selection, as rows (gx, gy, status, category, n, sl, sa, u) of
 * disjoint parts whose sum per base cell (zoom 8), status and category is what a scan of the
 * reports with the same filter would count, as SQLite's engine counts them
 * (server/db/map-base-cells.ts), so that both give the same clusters:
 * - map_cells (map_national for the whole country): reports created on whole days, in the
 *   cells wholly inside the box (or, without one, the unit's);
 * - the windowed statuses' correction of it: map_cells holds them as of the last sweep's cut,
 *   the question asks as of its own time (a minute's changes, read from the reports);
 * - reports created on a partial first or last day;
 * - the box's edge: its reports outside the inner cells, found through the GiST index, one
 *   envelope per side. (SQLite reads edge cells by its cell indexes, counting a mostly covered
 *   cell whole and taking out what lies outside; GiST finds the edge's reports directly.)
 * The parts are one UNION ALL for the caller to net and group in the same statement (undefined:
 * nothing can match); their values are bound in `p`. `db` should be one connection in a
 * REPEATABLE READ transaction: the cuts, the aggregate and the reports are then read at one
 * moment (a sweep moves the cuts and map_cells together).
 */
export async function countedParts(db: PgDb, p: Params, selection: MapSelection, scopeBbox: Bbox): Promise<string | undefined> {
  const plan = planPeriods(selection.since, selection.until, await years(db), selection.now.getTime());
  const parts = plan.raw.map((range) => reports(whereOfMap(p, { ...selection, since: range.since, until: range.until })));
  if (!plan.whole) return union(parts);
  const whole = { ...selection, since: plan.whole.from, until: plan.whole.to };
  const inner = innerCells(selection.bbox, scopeBbox);
  if (!inner) {
    if (selection.bbox) parts.push(reports(whereOfMap(p, whole)));
    return union(parts);
  }
  parts.push(...aggregate(p, selection, plan, inner));
  parts.push(...await corrections(db, p, selection, plan.whole, inner));
  if (selection.bbox) parts.push(reports(`${whereOfMap(p, whole, false)} AND ${edge(p, selection.bbox, inner)}`));
  return union(parts);
}

function reports(where: string, sign: '' | '-' = ''): string {
  return `SELECT ${ONE_REPORT(sign)} FROM reports r WHERE ${where}`;
}

function union(parts: string[]): string | undefined {
  return parts.length ? parts.join('\n  UNION ALL ') : undefined;
}

async function years(db: PgDb): Promise<YearSpan | undefined> {
  const { rows } = await run<{ min: string | null; max: string | null; frontier: string; live: string[] }>(db, YEARS);
  const { min, max, frontier, live } = rows[0]!;
  return min && max ? { min: Number(min.slice(1)), max: Number(max.slice(1)), frontier, liveDays: live } : undefined;
}

/**
 * The part of a box outside its inner cells: the columns left and right of them, and the
 * rows below and above them between those columns. Each side is an envelope the GiST index
 * seeks (widened a little) and a condition on the stored grid cell, which decides exactly.
 */
function edge(p: Params, [minLon, minLat, maxLon, maxLat]: Bbox, inner: CellRange): string {
  const { cellLon, cellLat } = gridAt(GRID_BASE_ZOOM);
  const x = (g: number) => g * cellLon - 180;
  const y = (g: number) => g * cellLat - 90;
  const e = EDGE_SLACK;
  const west = Math.max(minLon, x(inner.gx0) - e), east = Math.min(maxLon, x(inner.gx1 + 1) + e);
  const sides: [Bbox, string][] = [
    [[minLon, minLat, Math.min(maxLon, x(inner.gx0) + e), maxLat], `r.grid_x < ${p.add(inner.gx0)}`],
    [[Math.max(minLon, x(inner.gx1 + 1) - e), minLat, maxLon, maxLat], `r.grid_x > ${p.add(inner.gx1)}`],
    [[west, minLat, east, Math.min(maxLat, y(inner.gy0) + e)], `r.grid_x BETWEEN ${p.add(inner.gx0)} AND ${p.add(inner.gx1)} AND r.grid_y < ${p.add(inner.gy0)}`],
    [[west, Math.max(minLat, y(inner.gy1 + 1) - e), east, maxLat], `r.grid_x BETWEEN ${p.add(inner.gx0)} AND ${p.add(inner.gx1)} AND r.grid_y > ${p.add(inner.gy1)}`],
  ];
  const terms = sides.map(([[w, s, n, t], cell]) =>
    `(r.geom && ST_MakeEnvelope(${p.add(w)}, ${p.add(s)}, ${p.add(n)}, ${p.add(t)}, 4326) AND ${cell})`);
  return `(${terms.join(' OR ')})`;
}

/**
 * The rows map_cells holds of the plan's buckets in `cells`: the SQLite engine's bucket rows,
 * bound as arrays, the minus buckets negated. The whole country's questions read
 * map_national (the same sums without units: half the rows).
 */
function aggregate(p: Params, selection: MapSelection, plan: PeriodPlan, cells: CellRange): string[] {
  const pairs = visiblePairs(selection);
  const table = selection.units ? 'map_cells' : 'map_national';
  const parts: string[] = [];
  for (const [periods, sign] of [[plan.plus, ''], [plan.minus, '-']] as const) {
    if (!periods.length) continue;
    for (const [categories, statuses] of pairs) {
      if (!categories.length || !statuses.length) continue;
      const where = [
        anyOf(p, 'period', periods), anyOf(p, 'status', statuses), anyOf(p, 'category', categories),
        `gx BETWEEN ${p.add(cells.gx0)} AND ${p.add(cells.gx1)} AND gy BETWEEN ${p.add(cells.gy0)} AND ${p.add(cells.gy1)}`,
        ...(selection.units ? [anyOf(p, 'unit_id', selection.units)] : []),
        'n <> 0',
      ].join(' AND ');
      parts.push(`SELECT gx, gy, status, category, ${sign}n, ${sign}sum_lon, ${sign}sum_lat, updated_max FROM ${table} WHERE ${where}`);
    }
  }
  return parts;
}

/**
 * What map_cells holds of a windowed status differs from what the question sees by the
 * reports changed between the two cuts (the sweep's and the question's): taken out when they
 * are older than the question's window, added when the sweep has already taken them out.
 */
async function corrections(db: PgDb, p: Params, selection: MapSelection, whole: { from?: string | undefined; to?: string | undefined }, inner: CellRange): Promise<string[]> {
  const stored = new Map((await run<{ status: Status; cut: string }>(db, CUTS)).rows.map((c) => [c.status, c.cut]));
  const parts: string[] = [];
  for (const status of selection.statuses) {
    const window = PUBLIC_WINDOW[status];
    const cut = stored.get(status);
    if (typeof window !== 'number' || cut === undefined) continue;
    const asked = new Date(selection.now.getTime() - window * DAY_MS).toISOString();
    if (asked === cut) continue;
    const codes = codesShownIn(selection, status);
    const [from, to, sign] = cut < asked ? [cut, asked, '-' as const] : [asked, cut, '' as const];
    parts.push(reports([
      `r.status = ${p.add(status)} AND r.updated_at >= ${p.add(from)} AND r.updated_at < ${p.add(to)}`,
      anyOf(p, 'r.category', codes),
      `r.grid_x BETWEEN ${p.add(inner.gx0)} AND ${p.add(inner.gx1)} AND r.grid_y BETWEEN ${p.add(inner.gy0)} AND ${p.add(inner.gy1)}`,
      ...(selection.units ? [anyOf(p, 'r.unit_id', selection.units)] : []),
      ...(whole.from ? [`r.created_at >= ${p.add(whole.from)}`] : []),
      ...(whole.to ? [`r.created_at < ${p.add(whole.to)}`] : []),
    ].join(' AND '), sign));
  }
  return parts;
}
