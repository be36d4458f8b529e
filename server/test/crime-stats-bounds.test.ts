import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { StaffPath } from '../../common/api.js';
import type { CrimeImportLineError, CrimeImportResult } from '../../common/schemas/crime-stats.js';
import { CRIME_CATEGORIES } from '../../common/stats.js';
import { parseCrimeCsv } from '../stats/crime-csv.js';
import { TimeSlice } from '../time-slice.js';
import { build } from './helpers.js';
import { columnOf, countOf } from './pg-b-helpers.js';
import { sqlOf } from './test-sql.js';
import { addStaff, logIn, staffInject } from './staff-helpers.js';

/**
 * The review's attacks on the crime-statistics import (issue 10): 5 MB files of junk lines once
 * blocked the server for 15 s, answered with 285 MB of JSON, or died with a 500. Now a refusal
 * lists 100 problems and counts the rest, and the parser gives the event loop back as it goes.
 */

const HEADER = 'teryt,year,month,category,count\n';

interface Refusal { statusCode: number; code: string; message: string; errors: CrimeImportLineError[]; moreErrors: number }

function importCsv(app: FastifyInstance, cookie: string, csv: string, dryRun = false): Promise<LightMyRequestResponse> {
  return staffInject(app, cookie, {
    method: 'POST', url: `${StaffPath.crimeStatsImport}?dryRun=${dryRun}`, headers: { 'content-type': 'text/csv' }, payload: csv,
  });
}

function storedRows(app: FastifyInstance): Promise<unknown[]> {
  return sqlOf(app).all('SELECT * FROM crime_stats ORDER BY teryt, month, category');
}

async function olsztynAdmin(app: FastifyInstance): Promise<string> {
  await addStaff(app, 'admin', 'admin', 'kwp-olsztyn');
  return logIn(app, 'admin');
}

/** `count` valid lines over the powiats of kwp-olsztyn, every category, months from 2019 on. */
async function validLines(app: FastifyInstance, count: number): Promise<string[]> {
  const powiats = await columnOf(app, "SELECT teryt FROM unit_powiats WHERE unit_id = 'kwp-olsztyn' ORDER BY teryt");
  assert.ok(powiats.length > 0);
  const lines: string[] = [];
  for (let month = 0; lines.length < count; month++) {
    for (const teryt of powiats) {
      for (const category of CRIME_CATEGORIES) {
        if (lines.length < count) lines.push(`${teryt},${2019 + Math.floor(month / 12)},${(month % 12) + 1},${category},${lines.length % 1000}`);
      }
    }
  }
  return lines;
}

test('crime-stats import: 5 MB of junk lines get a small 422 with 100 problems and the count of the rest; stored figures stay', async (t) => {
  const app = await build(t);
  const cookie = await olsztynAdmin(app);
  const good = await importCsv(app, cookie, `${HEADER}2862,2025,1,theft,120\n2814,2025,1,brawl,3\n`);
  assert.equal(good.statusCode, 200, good.body);
  const before = await storedRows(app);
  assert.equal(before.length, 2);

  const junk = [
    // The review's files: one field per line, and five empty fields (five problems each).
    { name: 'x', csv: HEADER + 'x\n'.repeat(2_600_000), problems: 2_600_000, first: 'COLUMN_COUNT' },
    { name: ',,,,', csv: HEADER + ',,,,\n'.repeat(1_000_000), problems: 5_000_000, first: 'INVALID_TERYT' },
  ];
  for (const { name, csv, problems, first } of junk) {
    assert.ok(Buffer.byteLength(csv) <= 5 * 1024 * 1024, `${name}: within the size limit`);
    for (const dryRun of [true, false]) {
      const response = await importCsv(app, cookie, csv, dryRun);
      assert.equal(response.statusCode, 422, `${name}: ${response.body.slice(0, 200)}`);
      assert.ok(response.body.length < 64 * 1024, `${name}: the answer has ${response.body.length} bytes`);
      const body = response.json<Refusal>();
      assert.equal(body.code, 'CRIME_IMPORT_INVALID');
      assert.equal(body.errors.length, 100, name);
      assert.equal(body.moreErrors, problems - 100, name);
      assert.equal(body.errors[0]!.line, 2);
      assert.equal(body.errors[0]!.code, first);
      assert.match(body.message, new RegExp(`^The file has ${problems} error`));
    }
  }
  assert.deepEqual(await storedRows(app), before, 'a refused import changes nothing stored');

  // A giant field is quoted back cut short, not in full in every message.
  const giant = await importCsv(app, cookie, `${HEADER}2862,2025,1,theft,${'9'.repeat(1_000_000)}\n${'2862,2025,1,theft,1'.repeat(3)}\n`);
  assert.equal(giant.statusCode, 422);
  assert.ok(giant.body.length < 2_000, `the answer has ${giant.body.length} bytes`);
  assert.deepEqual(giant.json<Refusal>().errors.map((e) => [e.line, e.code]), [[2, 'INVALID_COUNT'], [3, 'COLUMN_COUNT']]);
  const header = await importCsv(app, cookie, 'x'.repeat(1_000_000));
  assert.equal(header.json<Refusal>().errors[0]!.code, 'INVALID_HEADER');
  assert.ok(header.body.length < 2_000, `the answer has ${header.body.length} bytes`);
});

test('crime-stats import: a large valid file imports completely, in steps, with one audit entry and at most 1000 changes listed', async (t) => {
  const app = await build(t);
  const cookie = await olsztynAdmin(app);
  const lines = await validLines(app, 3_200);
  const csv = HEADER + lines.join('\n');

  const dry = await importCsv(app, cookie, csv, true);
  assert.equal(dry.statusCode, 200, dry.body.slice(0, 300));
  const preview = dry.json<CrimeImportResult>();
  assert.deepEqual({ ...preview, changes: preview.changes.length },
    { dryRun: true, lines: 3_200, inserted: 3_200, updated: 0, unchanged: 0, changes: 1_000, moreChanges: 2_200 });
  assert.deepEqual(preview.changes.map((c) => c.line), Array.from({ length: 1_000 }, (_, i) => i + 2), 'the first changes, in file order');
  assert.equal((await storedRows(app)).length, 0);

  const done = await importCsv(app, cookie, csv);
  assert.equal(done.statusCode, 200);
  assert.equal(done.json<CrimeImportResult>().inserted, 3_200);
  assert.equal((await storedRows(app)).length, 3_200);
  const stored = new Map((await sqlOf(app).all<{ teryt: string; month: string; category: string; count: number }>('SELECT teryt, month, category, count FROM crime_stats'))
    .map((r) => [`${r.teryt},${Number(r.month.slice(0, 4))},${Number(r.month.slice(5))},${r.category}`, r.count]));
  for (const line of lines) {
    const at = line.lastIndexOf(',');
    assert.equal(stored.get(line.slice(0, at)), Number(line.slice(at + 1)), line);
  }
  const audits = await columnOf(app, "SELECT after FROM audit_log WHERE action = 'crime_stats.import'");
  assert.equal(audits.length, 1);
  assert.equal(JSON.parse(audits[0]!).inserted, 3_200);

  // Half the figures changed: only those are written, and counted as updates.
  const changed = lines.map((line, i) => (i % 2 ? line : line.replace(/,\d+$/, ',999999')));
  const again = (await importCsv(app, cookie, HEADER + changed.join('\n'))).json<CrimeImportResult>();
  assert.deepEqual({ ...again, changes: again.changes.length },
    { dryRun: false, lines: 3_200, inserted: 0, updated: 1_600, unchanged: 1_600, changes: 1_000, moreChanges: 600 });
  assert.equal(await countOf(app, 'SELECT count(*) FROM crime_stats WHERE count = 999999'), 1_600);
});

test('crime-stats import: two imports at once run one after the other, each diff exactly what it wrote', async (t) => {
  const app = await build(t);
  const cookie = await olsztynAdmin(app);
  const lines = await validLines(app, 1_500);
  const first = HEADER + lines.join('\n');
  const second = HEADER + lines.map((line) => line.replace(/,\d+$/, ',5000')).join('\n');
  const answers = await Promise.all([importCsv(app, cookie, first), importCsv(app, cookie, second)]);
  // Which one starts first is the requests' race (on PostgreSQL the session lookups before the
  // import are queries that may finish in either order); whichever it is, the other waits for it.
  const results = answers.map((answer) => answer.json<CrimeImportResult>());
  const earlier = results.findIndex((r) => r.inserted === 1_500);
  assert.ok(earlier >= 0, `one import inserted every line: ${JSON.stringify(results.map((r) => [r.inserted, r.updated]))}`);
  assert.deepEqual([results[earlier]!.inserted, results[earlier]!.updated, results[earlier]!.unchanged], [1_500, 0, 0]);
  const later = results[1 - earlier]!;
  assert.deepEqual([later.inserted, later.updated, later.unchanged], [0, 1_500, 0], 'the other updated exactly what the first wrote');
  // The figures stored are the later file's.
  const laterLines = (earlier === 0 ? second : first).slice(HEADER.length).split('\n');
  const stored = new Map((await sqlOf(app).all<{ teryt: string; month: string; category: string; count: number }>('SELECT teryt, month, category, count FROM crime_stats'))
    .map((r) => [`${r.teryt},${Number(r.month.slice(0, 4))},${Number(r.month.slice(5))},${r.category}`, r.count]));
  assert.equal(stored.size, 1_500);
  for (const line of laterLines) {
    const at = line.lastIndexOf(',');
    assert.equal(stored.get(line.slice(0, at)), Number(line.slice(at + 1)), line);
  }
  assert.equal(await countOf(app, 'SELECT count(*) FROM crime_stats WHERE count = 5000'), earlier === 0 ? 1_500 : 0);
});

test('the crime CSV parser gives the event loop back while it reads a long file', async () => {
  /** A slice that is always used up, counting the pauses it is asked for. */
  class CountingSlice extends TimeSlice {
    pauses = 0;
    constructor() { super(0); }
    override async pause(): Promise<void> {
      this.pauses++;
      await super.pause();
    }
  }
  const slice = new CountingSlice();
  const checks = { powiatExists: () => true, inScope: () => true, currentMonth: '2025-06' };
  const parsed = await parseCrimeCsv(Buffer.from(HEADER + 'x\n'.repeat(100_000)), checks, slice);
  assert.equal(parsed.errors.length + parsed.moreErrors, 100_000);
  assert.ok(slice.pauses >= 100_000 / 256 - 1, `${slice.pauses} pauses`);
});
