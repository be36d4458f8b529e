/**
 * Where an uncached map answer's time goes (issue 17): the random questions of
 * bench/reports-read answered in this process from a bench database, read-only, with the time
 * of each part (aggregate rows, raw reads, the rest) and the aggregate rows read.
 * `node --import tsx bench/map-profile.ts var/bench/reports-read-10000000.sqlite [count]`
 */
import BetterSqlite3 from 'better-sqlite3';
import { CategoriesRepository } from '../server/db/categories-repository.js';
import { MapCellsRepository } from '../server/db/map-cells-repository.js';
import { ReportMapRepository } from '../server/db/report-map-repository.js';
import { buildAnswer } from '../server/db/map-answer.js';
import { parseMapQuery } from '../server/reports/map-query.js';
import { percentile, randomQuestions } from './map-questions.js';

const [path, countArg] = process.argv.slice(2);
const db = new BetterSqlite3(path!, { readonly: true, fileMustExist: true });
const cells = new MapCellsRepository(db);
const map = new ReportMapRepository(db);
const catalogue = new CategoriesRepository(db).all().map(({ code, visibility }) => ({ code, visibility }));
const codes = new Set(catalogue.map((c) => c.code));

// Time per repository method, per question.
const spent: Record<string, number> = {};
for (const [target, names] of [[cells, ['aggregate', 'groups', 'cellGroups', 'filterCount']], [map, ['points', 'cells']]] as const) {
  for (const name of names) {
    const original = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!.bind(target);
    (target as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const t = performance.now();
      try { return original(...args); } finally { spent[name] = (spent[name] ?? 0) + performance.now() - t; }
    };
  }
}

const rows: { kind: string; query: string; ms: number; parts: Record<string, number> }[] = [];
for (const { kind, query } of randomQuestions(Number(countArg ?? 250), 17)) {
  const q = Object.fromEntries(new URLSearchParams(query)) as Record<string, string>;
  const filter = parseMapQuery({ ...q, zoom: q.zoom === undefined ? undefined : Number(q.zoom) } as never, codes);
  const scope = map.scope(filter.unit)!;
  for (const k of Object.keys(spent)) delete spent[k];
  const t = performance.now();
  buildAnswer({ map, cells }, { filter, scope, catalogue, now: new Date().toISOString(), pointLimit: 2000 });
  rows.push({ kind, query, ms: performance.now() - t, parts: { ...spent } });
}
const all = rows.map((r) => r.ms);
console.log(`all: p50 ${percentile(all, 50).toFixed(0)} p99 ${percentile(all, 99).toFixed(0)} max ${Math.max(...all).toFixed(0)}`);
for (const kind of [...new Set(rows.map((r) => r.kind))]) {
  const ms = rows.filter((r) => r.kind === kind).map((r) => r.ms);
  console.log(`${kind}: n ${ms.length} p50 ${percentile(ms, 50).toFixed(0)} p99 ${percentile(ms, 99).toFixed(0)} max ${Math.max(...ms).toFixed(0)}`);
}
console.log('\nslowest:');
for (const r of [...rows].sort((a, b) => b.ms - a.ms).slice(0, 15)) {
  console.log(`${r.ms.toFixed(0)} ms ${r.kind} ${r.query} ${Object.entries(r.parts).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
}
