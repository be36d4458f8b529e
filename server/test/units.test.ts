import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiPath, apiPath } from '../../common/api.js';
import type { ErrorBody } from '../../common/errors.js';
import type { UnitDetail, UnitList } from '../../common/schemas/unit.js';
import { build } from './helpers.js';

test('GET /api/v1/units lists every unit with its parent, children and bbox', async (t) => {
  const app = await build(t);
  const response = await app.inject(ApiPath.units);
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.equal(response.headers['access-control-allow-origin'], '*');
  assert.equal(response.headers['cache-control'], 'public, max-age=300');
  const { units } = response.json<UnitList>();
  assert.equal(units.length, 355);
  assert.equal(units[0]!.id, 'pl');
  const olsztyn = units.find((unit) => unit.id === 'kmp-olsztyn')!;
  assert.deepEqual(
    { ...olsztyn, bbox: undefined },
    {
      id: 'kmp-olsztyn',
      kind: 'county',
      acronym: 'KMP',
      name: 'Komenda Miejska Policji w Olsztynie',
      shortName: 'KMP w Olsztynie',
      seat: 'Olsztyn',
      parent: 'kwp-olsztyn',
      children: [],
      bbox: undefined,
    },
  );
  assert.ok(units.find((unit) => unit.id === 'kwp-olsztyn')!.children.includes('kmp-olsztyn'));
  assert.ok(!('area' in olsztyn), 'the list leaves areas to the detail route');
});

test('GET /api/v1/units/:id returns the area, powiats and parents, direct parent first', async (t) => {
  const app = await build(t);
  const response = await app.inject(apiPath(ApiPath.unit, { id: 'kmp-olsztyn' }));
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['access-control-allow-origin'], '*');
  const unit = response.json<UnitDetail>();
  assert.equal(unit.id, 'kmp-olsztyn');
  assert.deepEqual(unit.powiats, [
    { teryt: '2814', name: 'powiat olsztyński' },
    { teryt: '2862', name: 'powiat Olsztyn' },
  ]);
  assert.deepEqual(
    unit.parents.map((parent) => [parent.id, parent.kind]),
    [['kwp-olsztyn', 'voivodeship'], ['pl', 'national']],
  );
  assert.equal(unit.parents[0]!.shortName, 'KWP w Olsztynie');
  assert.equal(unit.area.type, 'Feature');
  assert.deepEqual(unit.area.properties, { unit: 'kmp-olsztyn' });
  // The city lies inside the land powiat, so the union is one polygon without a hole.
  assert.equal(unit.area.geometry.type, 'Polygon');
  assert.equal(unit.area.geometry.coordinates.length, 1);
});

test('pl has no parents and the HQs as children', async (t) => {
  const app = await build(t);
  const unit = (await app.inject(apiPath(ApiPath.unit, { id: 'pl' }))).json<UnitDetail>();
  assert.deepEqual(unit.parents, []);
  assert.equal(unit.parent, null);
  assert.equal(unit.children.length, 17);
  assert.ok(unit.children.includes('ksp'));
});

test('a repeated request with If-None-Match gets 304 without a body, on the list and on a unit', async (t) => {
  const app = await build(t);
  for (const url of [ApiPath.units, apiPath(ApiPath.unit, { id: 'ksp' })]) {
    const first = await app.inject(url);
    const etag = first.headers.etag;
    assert.match(String(etag), /^"[A-Za-z0-9_-]{20,}"$/, 'a strong ETag');
    const again = await app.inject({ url, headers: { 'if-none-match': String(etag) } });
    assert.equal(again.statusCode, 304, url);
    assert.equal(again.body, '');
    assert.equal(again.headers.etag, etag);
    const weak = await app.inject({ url, headers: { 'if-none-match': `"other", W/${etag}` } });
    assert.equal(weak.statusCode, 304, 'If-None-Match uses the weak comparison');
    const stale = await app.inject({ url, headers: { 'if-none-match': '"stale"' } });
    assert.equal(stale.statusCode, 200);
    assert.equal(stale.body, first.body);
  }
  const list = await app.inject(ApiPath.units);
  const unit = await app.inject(apiPath(ApiPath.unit, { id: 'ksp' }));
  assert.notEqual(list.headers.etag, unit.headers.etag);
});

test('an unknown unit id is 404 UNIT_NOT_FOUND', async (t) => {
  const app = await build(t);
  const response = await app.inject(apiPath(ApiPath.unit, { id: 'kmp-atlantyda' }));
  assert.equal(response.statusCode, 404);
  assert.equal(response.headers['access-control-allow-origin'], '*');
  assert.deepEqual(response.json<ErrorBody>(), {
    statusCode: 404,
    code: 'UNIT_NOT_FOUND',
    error: 'Not Found',
    message: 'No unit has the id "kmp-atlantyda".',
  });
});

test('a malformed unit id is 400 INVALID_REQUEST, not a 500', async (t) => {
  const app = await build(t);
  for (const id of ['KMP-OLSZTYN', 'a'.repeat(65), "x' OR 1=1"]) {
    const response = await app.inject(apiPath(ApiPath.unit, { id }));
    assert.equal(response.statusCode, 400, id);
    assert.equal(response.json<ErrorBody>().code, 'INVALID_REQUEST');
  }
});
