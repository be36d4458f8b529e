/**
 * The public map's engine on both stores, side by side in one process, on the same reports:
 * the bench/reports-read SQLite file (`--count`, built by that bench) and a throwaway
 * PostgreSQL cluster filled from it (bench/pg-fill.ts). Every question is answered uncached by
 * both stores in turn (SQLite in this thread, as a map worker does; PostgreSQL through its
 * pool), so that a shared machine's drift falls on both alike, and the two answers are
 * compared byte for byte. Prints p50/p99 per kind of question and store.
 *
 *   node --import tsx bench/map-stores.ts [--count 300000] [--questions 250]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ReportMapQuery } from '../common/schemas/report-map.js';
import { openDatabase } from '../server/db/open.js';
import { sqliteStore } from '../server/db/sqlite-store.js';
import { projectRoot } from '../server/paths.js';
import { CategoryCatalogue } from '../server/catalogue/category-catalogue.js';
import { DEFAULT_REPORT_MAP_OPTIONS, ReportMapService } from '../server/reports/report-map.js';
import { pgStore } from '../server/store/postgres/pg-store.js';
import { createPgPool } from '../server/store/postgres/pool.js';
import type { Store } from '../server/store/store.js';
import { percentile, randomQuestions, SELECTIVE_QUESTIONS } from './map-questions.js';
import { benchPostgres } from './pg-fill.js';

const DAY_MS = 86_400_000;

async function service(store: Store): Promise<ReportMapService> {
  await store.reportMap.sweep(new Date());
  return new ReportMapService({ map: store.reportMap, categories: await CategoryCatalogue.load(store.categories) },
    { ...DEFAULT_REPORT_MAP_OPTIONS, cacheTtlMs: 0, workers: 0 });
}

function query(text: string): ReportMapQuery {
  const q = Object.fromEntries(new URLSearchParams(text)) as Record<string, string>;
  return { ...q, zoom: q.zoom === undefined ? undefined : Number(q.zoom) } as ReportMapQuery;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string' }, questions: { type: 'string' } } });
  const count = Number(values.count ?? 300_000);
  const path = join(projectRoot, 'var', 'bench', `reports-read-${count}.sqlite`);
  const since = new Date(Date.now() - 90 * DAY_MS).toISOString().slice(0, 10);
  const asked = [
    { kind: 'county kpp-wejherowo, 90 days', query: `unit=kpp-wejherowo&since=${since}` },
    { kind: 'voivodeship kwp-gdansk, 90 days', query: `unit=kwp-gdansk&since=${since}` },
    { kind: 'country pl, zoom 6', query: 'unit=pl&zoom=6' },
    ...SELECTIVE_QUESTIONS.map(({ name, query: q }) => ({ kind: name, query: q })),
    ...randomQuestions(Number(values.questions ?? 250), 17).map(({ kind, query: q }) => ({ kind: `uncached random, ${kind}`, query: q })),
  ];
  const cluster = await benchPostgres(path);
  const db = openDatabase(path);
  const pool = createPgPool({ connectionString: cluster.url, max: 4 });
  try {
    const stores = { sqlite: await service(sqliteStore(db)), postgres: await service(pgStore(pool)) };
    // Once each first: the first national answer reads cold pages on both.
    for (const s of Object.values(stores)) await s.answer(query('unit=pl&zoom=6'));
    const times: Record<string, { sqlite: number[]; postgres: number[] }> = {};
    let differ = 0;
    for (const [i, { kind, query: text }] of asked.entries()) {
      const now = Date.now();
      const bodies: string[] = [];
      // Alternate which store goes first: a cache warmed by one must not favour the other.
      const order = i % 2 ? (['postgres', 'sqlite'] as const) : (['sqlite', 'postgres'] as const);
      for (const name of order) {
        const started = performance.now();
        bodies.push((await stores[name].answer(query(text), now)).body);
        ((times[kind] ??= { sqlite: [], postgres: [] })[name]).push(performance.now() - started);
      }
      if (bodies[0] !== bodies[1]) {
        differ++;
        console.log(`answers differ: ${text}`);
      }
    }
    const row = (kind: string, t: { sqlite: number[]; postgres: number[] }) =>
      `| ${kind} | ${t.sqlite.length} | ${percentile(t.sqlite, 50).toFixed(1)} | ${percentile(t.sqlite, 99).toFixed(1)} | ${percentile(t.postgres, 50).toFixed(1)} | ${percentile(t.postgres, 99).toFixed(1)} |`;
    console.log(`\n${count} reports; every answer built uncached by both stores in turn; ${asked.length - differ} of ${asked.length} answers byte for byte equal`);
    console.log('\n| question | n | sqlite p50 ms | sqlite p99 ms | postgres p50 ms | postgres p99 ms |\n|---|---:|---:|---:|---:|---:|');
    for (const [kind, t] of Object.entries(times)) console.log(row(kind, t));
    const all = Object.entries(times).filter(([kind]) => kind.startsWith('uncached'));
    console.log(row('uncached random, all', { sqlite: all.flatMap(([, t]) => t.sqlite), postgres: all.flatMap(([, t]) => t.postgres) }));
    if (differ) process.exitCode = 1;
  } finally {
    db.close();
    await pool.end();
    await cluster.stop();
  }
}

await main();
