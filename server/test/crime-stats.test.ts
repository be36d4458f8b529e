import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ApiPath, StaffPath } from '../../common/api.js';
import type { CrimeImportLineError, CrimeImportResult, CrimeStats } from '../../common/schemas/crime-stats.js';
import { build } from './helpers.js';
import { countOf } from './pg-b-helpers.js';
import { sqlOf } from './test-sql.js';
import { addStaff, logIn, staffInject } from './staff-helpers.js';

// kwp-olsztyn's area includes 2862 (powiat Olsztyn) and 2814 (powiat olsztyński); 1465 is Warsaw.
const GOOD = [
  'teryt,year,month,category,count',
  '2862,2025,1,theft,120',
  '2862,2025,1,burglary,14',
  '2814,2025,01,brawl,3',
  '2862,2025,2,theft,98',
  '',
].join('\n');

function importCsv(app: FastifyInstance, cookie: string | undefined, csv: string | Buffer, dryRun?: boolean): Promise<LightMyRequestResponse> {
  return staffInject(app, cookie, {
    method: 'POST', url: `${StaffPath.crimeStatsImport}${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`,
    headers: { 'content-type': 'text/csv; charset=utf-8' }, payload: csv,
  });
}

function rowCount(app: FastifyInstance): Promise<number> {
  return countOf(app, 'SELECT count(*) FROM crime_stats');
}

async function admin(app: FastifyInstance, unit = 'kwp-olsztyn'): Promise<string> {
  await addStaff(app, `admin-${unit}`, 'admin', unit);
  return logIn(app, `admin-${unit}`);
}

test('crime-stats import: dry run shows the diff and writes nothing; the import writes it, audited; a re-import changes nothing', async (t) => {
  const app = await build(t);
  const cookie = await admin(app);
  const dry = await importCsv(app, cookie, GOOD, true);
  assert.equal(dry.statusCode, 200, dry.body);
  const preview = dry.json<CrimeImportResult>();
  assert.deepEqual({ ...preview, changes: preview.changes.length }, { dryRun: true, lines: 4, inserted: 4, updated: 0, unchanged: 0, changes: 4, moreChanges: 0 });
  assert.deepEqual(preview.changes[2], { line: 4, teryt: '2814', month: '2025-01', category: 'brawl', before: null, after: 3 });
  assert.equal(await rowCount(app), 0, 'a dry run writes nothing');

  const done = await importCsv(app, cookie, GOOD, false);
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json<CrimeImportResult>().inserted, 4);
  assert.equal(await rowCount(app), 4);
  const audit = await sqlOf(app).all<{ unit: string; after: string }>("SELECT unit_id AS unit, after FROM audit_log WHERE action = 'crime_stats.import'");
  assert.equal(audit.length, 1);
  assert.equal(audit[0]!.unit, 'kwp-olsztyn');
  assert.equal(JSON.parse(audit[0]!.after).inserted, 4);

  const again = await importCsv(app, cookie, GOOD);
  assert.deepEqual(again.json<CrimeImportResult>(), { dryRun: false, lines: 4, inserted: 0, updated: 0, unchanged: 4, changes: [], moreChanges: 0 });
  assert.equal(await countOf(app, "SELECT count(*) FROM audit_log WHERE action = 'crime_stats.import'"), 1, 'nothing changed, nothing audited');

  // Semicolons (Polish Excel), a BOM, quotes and CRLF; one figure changed.
  const excel = '\uFEFF"teryt";"year";"month";"category";"count"\r\n2862;2025;1;theft;121\r\n2862;2025;1;burglary;14\r\n';
  const changed = (await importCsv(app, cookie, excel, true)).json<CrimeImportResult>();
  assert.deepEqual(changed.changes, [{ line: 2, teryt: '2862', month: '2025-01', category: 'theft', before: 120, after: 121 }]);
  assert.equal(changed.updated, 1);
  assert.equal(changed.unchanged, 1);

  // Served per powiat of the unit.
  const read = await app.inject({ method: 'GET', url: `${ApiPath.crimeStats}?unit=kmp-olsztyn&from=2025-01&to=2025-03` });
  assert.equal(read.statusCode, 200, read.body);
  const answer = read.json<CrimeStats>();
  assert.equal(answer.months, 3);
  assert.deepEqual(answer.powiats.map((p) => p.teryt), ['2814', '2862']);
  const olsztyn = answer.powiats.find((p) => p.teryt === '2862')!;
  assert.deepEqual(olsztyn.counts, { theft: 218, car_theft: 0, burglary: 14, robbery: 0, property_damage: 0, bodily_harm: 0, brawl: 0 });
  assert.equal(olsztyn.total, 232);
  assert.equal(olsztyn.monthsWithData, 2);
  const january = (await app.inject({ method: 'GET', url: `${ApiPath.crimeStats}?unit=kwp-olsztyn&from=2025-01&to=2025-01` })).json<CrimeStats>();
  assert.equal(january.powiats.length, 21);
  assert.equal(january.powiats.find((p) => p.teryt === '2862')!.total, 134);
  for (const [query, code] of [['unit=nowhere&from=2025-01&to=2025-02', 'UNIT_NOT_FOUND'], ['from=2025-13&to=2025-12', 'INVALID_PERIOD'], ['from=2025-03&to=2025-02', 'INVALID_PERIOD']]) {
    assert.equal((await app.inject({ method: 'GET', url: `${ApiPath.crimeStats}?${query}` })).json<{ code: string }>().code, code, query);
  }
});

test('crime-stats import: every bad line is reported with its number, column and reason, and nothing is written', async (t) => {
  const app = await build(t);
  const cookie = await admin(app);
  const csv = [
    'teryt,year,month,category,count',
    '2862,2025,1,theft,120', // fine
    '28x2,2025,1,theft,1', // bad teryt
    '1465,2025,1,theft,1', // Warsaw: outside kwp-olsztyn
    '9999,2025,1,theft,1', // no such powiat
    '2862,2025,13,theft,1', // bad month
    '2862,2025,2,shoplifting,1', // unknown category
    '2862,2025,3,theft,-4', // negative count
    '2862,2025,4,theft', // a column missing
    '2862,2025,1,theft,7', // duplicate of line 2
    '2862,2099,1,theft,1', // the future
    '2862,25,1,theft,1', // bad year
  ].join('\n');
  const response = await importCsv(app, cookie, csv);
  assert.equal(response.statusCode, 422, response.body);
  const body = response.json<{ code: string; errors: CrimeImportLineError[] }>();
  assert.equal(body.code, 'CRIME_IMPORT_INVALID');
  assert.deepEqual(body.errors.map((e) => [e.line, e.column, e.code]), [
    [3, 'teryt', 'INVALID_TERYT'],
    [4, 'teryt', 'OUT_OF_SCOPE'],
    [5, 'teryt', 'UNKNOWN_POWIAT'],
    [6, 'month', 'INVALID_MONTH'],
    [7, 'category', 'UNKNOWN_CRIME_CATEGORY'],
    [8, 'count', 'INVALID_COUNT'],
    [9, null, 'COLUMN_COUNT'],
    [10, null, 'DUPLICATE_LINE'],
    [11, 'month', 'INVALID_MONTH'],
    [12, 'year', 'INVALID_YEAR'],
  ]);
  assert.ok(body.errors.every((e) => e.message.length > 0));
  assert.equal(await rowCount(app), 0, 'a bad file changes nothing at all');

  // One bad line among good ones after data exists: the stored figures stay as they were.
  assert.equal((await importCsv(app, cookie, GOOD)).statusCode, 200);
  const before = await sqlOf(app).all('SELECT * FROM crime_stats ORDER BY 1, 2, 3');
  assert.equal(before.length, 4);
  const oneBad = GOOD.replace('2862,2025,1,theft,120', '2862,2025,1,theft,500') + '2862,2025,3,theft,x\n';
  const refused = await importCsv(app, cookie, oneBad);
  assert.equal(refused.statusCode, 422);
  assert.deepEqual(refused.json<{ errors: CrimeImportLineError[] }>().errors.map((e) => e.line), [6]);
  assert.deepEqual(await sqlOf(app).all('SELECT * FROM crime_stats ORDER BY 1, 2, 3'), before);

  const header = await importCsv(app, cookie, 'powiat,year,month,category,count\n2862,2025,1,theft,1\n');
  assert.deepEqual(header.json<{ errors: CrimeImportLineError[] }>().errors.map((e) => [e.line, e.code]), [[1, 'INVALID_HEADER']]);
  const latin2 = await importCsv(app, cookie, Buffer.from([...Buffer.from('teryt,year,month,category,count\n'), 0xb3, 0x0a]));
  assert.deepEqual(latin2.json<{ errors: CrimeImportLineError[] }>().errors.map((e) => e.code), ['INVALID_ENCODING']);
});

test('crime-stats import: admins only, session and CSRF apply, size limit', async (t) => {
  const app = await build(t);
  await addStaff(app, 'officer', 'officer', 'kwp-olsztyn');
  const officer = await logIn(app, 'officer');
  const asOfficer = await importCsv(app, officer, GOOD);
  assert.equal(asOfficer.statusCode, 403);
  assert.equal(asOfficer.json<{ code: string }>().code, 'ADMIN_REQUIRED');
  const anonymous = await importCsv(app, undefined, GOOD);
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json<{ code: string }>().code, 'SESSION_REQUIRED');
  const cookie = await admin(app);
  const foreign = await app.inject({
    method: 'POST', url: StaffPath.crimeStatsImport,
    headers: { origin: 'https://evil.example', cookie, 'content-type': 'text/csv' }, payload: GOOD,
  });
  assert.equal(foreign.statusCode, 403);
  assert.equal(foreign.json<{ code: string }>().code, 'CSRF_REJECTED');
  const huge = `teryt,year,month,category,count\n${'2862,2025,1,theft,1\n'.repeat(300_000)}`;
  const tooLarge = await importCsv(app, cookie, huge);
  assert.equal(tooLarge.statusCode, 413);
  assert.equal(tooLarge.json<{ code: string }>().code, 'CSV_TOO_LARGE');
  assert.equal(await rowCount(app), 0);
  // A county admin may only write its own powiats.
  const county = await admin(app, 'kmp-olsztyn');
  const outside = await importCsv(app, county, 'teryt,year,month,category,count\n2815,2025,1,theft,1\n');
  assert.deepEqual(outside.json<{ errors: CrimeImportLineError[] }>().errors.map((e) => e.code), ['OUT_OF_SCOPE']);
});
