import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiPath } from '../../common/api.js';
import type { ErrorBody } from '../../common/errors.js';
import type { CategoryList } from '../../common/schemas/category.js';
import { build } from './helpers.js';

test('GET /api/v1/categories serves the 24 national categories in the official order', async (t) => {
  const app = await build(t);
  const response = await app.inject(ApiPath.categories);
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['access-control-allow-origin'], '*');
  assert.equal(response.headers['cache-control'], 'public, max-age=300');
  const { categories } = response.json<CategoryList>();
  assert.equal(categories.length, 24);
  assert.equal(new Set(categories.map((c) => c.code)).size, 24);
  assert.deepEqual(categories[0], {
    code: 'vandalism',
    domain: 'order',
    names: { pl: 'Akty wandalizmu', en: 'Acts of vandalism', uk: 'Акти вандалізму' },
    visibility: 'always',
  });
  const byCode = new Map(categories.map((c) => [c.code, c]));
  assert.equal(byCode.get('minors_at_risk')!.names.pl, 'Grupowanie się małoletnich zagrożonych demoralizacją');
  assert.equal(byCode.get('public_drinking')!.names.pl, 'Spożywanie alkoholu w miejscach niedozwolonych');
  assert.equal(byCode.get('stray_dogs')!.names.pl, 'Wałęsające się bezpańskie psy');
  assert.equal(byCode.get('begging')!.names.uk, 'Жебрацтво');
  assert.equal(categories.at(-1)!.code, 'begging');
  assert.deepEqual(
    categories.filter((c) => c.visibility !== 'always').map((c) => [c.code, c.visibility]),
    [['dangerous_entertainment', 'confirmed'], ['drug_use', 'never'], ['animal_cruelty', 'never']],
  );
  assert.deepEqual(new Set(categories.map((c) => c.domain)), new Set(['road', 'order', 'environment', 'rail', 'social', 'animals']));
});

test('categories are ETag-cached and accept a known unit', async (t) => {
  const app = await build(t);
  const first = await app.inject(ApiPath.categories);
  const again = await app.inject({ url: ApiPath.categories, headers: { 'if-none-match': String(first.headers.etag) } });
  assert.equal(again.statusCode, 304);
  const forUnit = await app.inject(`${ApiPath.categories}?unit=kpp-wejherowo`);
  assert.equal(forUnit.statusCode, 200);
  assert.equal(forUnit.body, first.body, 'every unit offers all 24 for now');
});

test('an unknown unit is 404 UNIT_NOT_FOUND and a malformed one 400', async (t) => {
  const app = await build(t);
  const unknown = await app.inject(`${ApiPath.categories}?unit=kmp-atlantyda`);
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json<ErrorBody>().code, 'UNIT_NOT_FOUND');
  const malformed = await app.inject(`${ApiPath.categories}?unit=KMP!`);
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.json<ErrorBody>().code, 'INVALID_REQUEST');
});
