import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField } from '../open-data/export-format.js';
import { build } from './helpers.js';
import { plant } from './map-helpers.js';

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  assert.equal(field + row.join(''), '', 'the CSV ends with CRLF');
  return rows;
}

const SECRET = 'Kowalski WX 12345, "Plates" <b>';

test('CSV: header row, public fields only, BOM, attachment; private fields never leak', async (t) => {
  const app = await build(t);
  const visible = await plant(app, { unit: 'kmp-olsztyn', description: SECRET });
  const confirmed = await plant(app, { unit: 'kmp-olsztyn', status: 'confirmed', category: 'dangerous_entertainment' });
  const hiddenCategory = await plant(app, { unit: 'kmp-olsztyn', category: 'drug_use', description: SECRET });
  const notYet = await plant(app, { unit: 'kmp-olsztyn', category: 'dangerous_entertainment' });
  const prank = await plant(app, { unit: 'kmp-olsztyn', status: 'prank' });
  const faded = await plant(app, { unit: 'kmp-olsztyn', status: 'not_confirmed', changedDaysAgo: 8 });
  const elsewhere = await plant(app, { unit: 'kmp-gdansk' });

  const response = await app.inject('/api/v1/exports/reports.csv?unit=kwp-olsztyn');
  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
  assert.equal(response.headers['content-disposition'], 'attachment; filename="kmzb-reports-kwp-olsztyn.csv"');
  assert.equal(response.headers['access-control-allow-origin'], '*');
  const text = response.body;
  assert.ok(text.startsWith('\uFEFF'), 'starts with a BOM');
  const [header, ...rows] = parseCsv(text.slice(1));
  assert.deepEqual(header, ['id', 'category', 'categoryName', 'status', 'createdAt', 'updatedAt', 'lon', 'lat', 'confirmations', 'unit', 'unitName']);
  assert.deepEqual(rows.map((r) => r[0]).sort(), [visible, confirmed].sort());
  const row = rows.find((r) => r[0] === visible)!;
  assert.equal(row[1], 'vandalism');
  assert.equal(row[2], 'Akty wandalizmu');
  assert.equal(row[3], 'new');
  assert.equal(row[9], 'kmp-olsztyn');
  assert.equal(row[10], 'Komenda Miejska Policji w Olsztynie');
  assert.equal(Number(row[6]), 20.4801);
  for (const id of [hiddenCategory, notYet, prank, faded, elsewhere]) assert.ok(!text.includes(id), id);
  for (const leak of ['Kowalski', 'WX 12345', 'tracking', 'description', 'device']) assert.ok(!text.includes(leak), leak);

  const plain = await app.inject('/api/v1/exports/reports.csv?unit=kwp-olsztyn&bom=false');
  assert.ok(plain.body.startsWith('id,category,'));
});

test('GeoJSON: a FeatureCollection of Points with the public properties, same reports as the CSV', async (t) => {
  const app = await build(t);
  const ids = [await plant(app, { unit: 'kmp-gdansk', description: SECRET }), await plant(app, { unit: 'kpp-wejherowo' })];
  await plant(app, { unit: 'kmp-olsztyn' });
  const response = await app.inject('/api/v1/exports/reports.geojson?unit=kwp-gdansk');
  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] as string, /^application\/geo\+json/);
  assert.match(response.headers['content-disposition'] as string, /filename="kmzb-reports-kwp-gdansk\.geojson"/);
  assert.ok(!response.body.includes('Kowalski'));
  const collection = response.json<{ type: string; features: { type: string; id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[] }>();
  assert.equal(collection.type, 'FeatureCollection');
  assert.deepEqual(collection.features.map((f) => f.id).sort(), ids.sort());
  for (const feature of collection.features) {
    assert.equal(feature.geometry.type, 'Point');
    assert.equal(feature.geometry.coordinates.length, 2);
    assert.deepEqual(Object.keys(feature.properties).sort(),
      ['categoryName', 'category', 'confirmations', 'createdAt', 'id', 'status', 'unit', 'unitName', 'updatedAt'].sort());
  }
  const empty = await app.inject('/api/v1/exports/reports.geojson?unit=kpp-wejherowo&since=2001-01-01&until=2001-01-02');
  assert.deepEqual(empty.json(), { type: 'FeatureCollection', features: [] });
});

test('the period bounds creation time, a bare until date being the whole day', async (t) => {
  const app = await build(t);
  const now = Date.now();
  const old = await plant(app, { unit: 'kmp-olsztyn', createdDaysAgo: 40 });
  const recent = await plant(app, { unit: 'kmp-olsztyn', createdDaysAgo: 2 });
  const today = new Date(now).toISOString().slice(0, 10);
  const since = new Date(now - 10 * 86_400_000).toISOString().slice(0, 10);
  const body = (await app.inject(`/api/v1/exports/reports.csv?unit=kmp-olsztyn&since=${since}&until=${today}`)).body;
  assert.ok(body.includes(recent));
  assert.ok(!body.includes(old));
  const named = await app.inject(`/api/v1/exports/reports.csv?unit=kmp-olsztyn&since=${since}&until=${today}`);
  assert.equal(named.headers['content-disposition'], `attachment; filename="kmzb-reports-kmp-olsztyn-${since}_${today}.csv"`);
});

test('bad queries get stable codes', async (t) => {
  const app = await build(t);
  const cases: [string, number, string][] = [
    ['/api/v1/exports/reports.csv?unit=nowhere', 404, 'UNIT_NOT_FOUND'],
    ['/api/v1/exports/reports.csv?since=yesterday', 400, 'INVALID_PERIOD'],
    ['/api/v1/exports/reports.geojson?since=2025-05-02&until=2025-05-01', 400, 'INVALID_PERIOD'],
    ['/api/v1/exports/reports.csv?unit=Bad%20Unit', 400, 'INVALID_REQUEST'],
  ];
  for (const [url, status, code] of cases) {
    const response = await app.inject(url);
    assert.equal(response.statusCode, status, url);
    assert.equal(response.json<{ code: string }>().code, code, url);
  }
});

test('CSV fields are quoted per RFC 4180 and never start a formula', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField(12.5), '12.5');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\r\nlines'), '"two\r\nlines"');
  assert.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  assert.equal(csvField(-3), '-3');
  assert.deepEqual(parseCsv(`${['a,b', 'say "hi"', 'two\r\nlines'].map(csvField).join(',')}\r\n`), [['a,b', 'say "hi"', 'two\r\nlines']]);
});
