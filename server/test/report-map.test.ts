import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STATUSES, type CategoryVisibility } from '../../common/catalogue.js';
import type { ErrorBody } from '../../common/errors.js';
import { isPubliclyVisible } from '../../common/visibility.js';
import { build } from './helpers.js';
import { getMap, idsOf, plant } from './map-helpers.js';

test('each visibility rule holds at its boundary', async (t) => {
  const app = await build(t);
  const shown = [
    await plant(app, { status: 'not_confirmed', changedDaysAgo: 6 }),
    await plant(app, { status: 'eliminated', changedDaysAgo: 29 }),
    await plant(app, { status: 'new' }),
    await plant(app, { status: 'verifying', changedDaysAgo: 3 }),
    await plant(app, { status: 'confirmed', changedDaysAgo: 1000 }),
    await plant(app, { status: 'forwarded', changedDaysAgo: 400 }),
    await plant(app, { category: 'dangerous_entertainment', status: 'confirmed', changedDaysAgo: 2 }),
    await plant(app, { category: 'dangerous_entertainment', status: 'forwarded', changedDaysAgo: 2 }),
  ].sort();
  const hidden = [
    await plant(app, { status: 'not_confirmed', changedDaysAgo: 8 }),
    await plant(app, { status: 'eliminated', changedDaysAgo: 32 }),
    await plant(app, { status: 'prank' }),
    await plant(app, { status: 'hidden' }),
    await plant(app, { category: 'animal_cruelty' }),
    await plant(app, { category: 'animal_cruelty', status: 'confirmed' }),
    await plant(app, { category: 'drug_use', status: 'confirmed' }),
    await plant(app, { category: 'dangerous_entertainment' }),
    await plant(app, { category: 'dangerous_entertainment', status: 'verifying' }),
  ];
  for (const unit of ['pl', 'kwp-gdansk', 'kpp-wejherowo']) {
    const { status, map } = await getMap(app, `unit=${unit}`);
    assert.equal(status, 200);
    assert.deepEqual(idsOf(map), shown, unit);
    assert.equal(map.total, shown.length);
    assert.equal(map.clustered, false);
  }
  // The one-report view applies the same rule.
  for (const id of shown) assert.equal((await app.inject(`/api/v1/reports/${id}`)).statusCode, 200, id);
  for (const id of hidden) assert.equal((await app.inject(`/api/v1/reports/${id}`)).statusCode, 404, id);
});

test('the SQL predicate and isPubliclyVisible agree for every category rule, status and age', async (t) => {
  const app = await build(t);
  const now = Date.now();
  const rules: [string, CategoryVisibility][] = [['vandalism', 'always'], ['dangerous_entertainment', 'confirmed'], ['drug_use', 'never']];
  const expected: string[] = [];
  for (const [category, visibility] of rules) {
    for (const status of STATUSES) {
      for (const days of [0, 6.9, 7.1, 29.9, 30.1, 400]) {
        const id = await plant(app, { category, status, changedDaysAgo: days, createdDaysAgo: 500 }, now);
        const changedAt = new Date(now - days * 86_400_000).toISOString();
        if (isPubliclyVisible(visibility, status, changedAt, new Date())) expected.push(id);
      }
    }
  }
  assert.ok(expected.length > 20 && expected.length < 144, `${expected.length} of 144 visible`);
  const { map } = await getMap(app, 'unit=pl');
  assert.deepEqual(idsOf(map), expected.sort());
});

test('a county sees its own reports, a voivodeship all its counties, pl everything', async (t) => {
  const app = await build(t);
  const wejherowo = await plant(app, { unit: 'kpp-wejherowo' });
  const gdansk = await plant(app, { unit: 'kmp-gdansk' });
  const olsztyn = await plant(app, { unit: 'kmp-olsztyn' });
  const cases: [string, string[]][] = [
    ['kpp-wejherowo', [wejherowo]],
    ['kmp-gdansk', [gdansk]],
    ['kwp-gdansk', [wejherowo, gdansk]],
    ['kwp-olsztyn', [olsztyn]],
    ['kpp-puck', []],
    ['pl', [wejherowo, gdansk, olsztyn]],
  ];
  for (const [unit, ids] of cases) assert.deepEqual(idsOf((await getMap(app, `unit=${unit}`)).map), ids.sort(), unit);
  assert.deepEqual(idsOf((await getMap(app, '')).map), [wejherowo, gdansk, olsztyn].sort(), 'pl is the default');
  const unknown = await getMap(app, 'unit=kpp-atlantyda');
  assert.equal(unknown.status, 404);
  assert.equal((unknown.map as unknown as ErrorBody).code, 'UNIT_NOT_FOUND');
});

test('filters: categories, statuses, since/until and bbox', async (t) => {
  const app = await build(t);
  const speeding = await plant(app, { category: 'speeding', createdDaysAgo: 3 });
  const parking = await plant(app, { category: 'illegal_parking', status: 'confirmed', changedDaysAgo: 20, createdDaysAgo: 40 });
  const old = await plant(app, { category: 'vandalism', status: 'forwarded', changedDaysAgo: 100, createdDaysAgo: 200 });
  const olsztyn = await plant(app, { unit: 'kmp-olsztyn', category: 'speeding', createdDaysAgo: 1 });
  const ids = async (query: string) => {
    const { status, map, body } = await getMap(app, query);
    assert.equal(status, 200, body);
    return idsOf(map);
  };
  const day = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  assert.deepEqual(await ids('categories=speeding'), [speeding, olsztyn].sort());
  assert.deepEqual(await ids('categories=speeding,illegal_parking&unit=kwp-gdansk'), [speeding, parking].sort());
  assert.deepEqual(await ids('categories='), [], 'an empty list selects nothing');
  assert.deepEqual(await ids('statuses=confirmed,forwarded'), [parking, old].sort());
  assert.deepEqual(await ids('statuses=new'), [speeding, olsztyn].sort());
  assert.deepEqual(await ids('statuses=prank'), [], 'a status that is never public gives nothing');
  assert.deepEqual(await ids(`since=${day(90)}`), [speeding, parking, olsztyn].sort());
  assert.deepEqual(await ids(`since=${day(90)}&until=${day(2)}`), [speeding, parking].sort());
  assert.deepEqual(await ids(`until=${day(100).slice(0, 10)}`), [old], 'a bare date as until includes that day');
  assert.deepEqual(await ids('bbox=20,53,21,54'), [olsztyn]);
  assert.deepEqual(await ids('bbox=18.2,54.6,18.3,54.7&unit=kwp-gdansk'), [speeding, parking, old].sort(), 'a small box uses the R*Tree');
  assert.deepEqual(await ids('bbox=14,49,24.2,55&unit=pl'), [speeding, parking, old, olsztyn].sort());
  assert.deepEqual(await ids('bbox=20,53,21,54&unit=kwp-gdansk'), [], 'the box and the unit both apply');
});
